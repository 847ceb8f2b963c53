"""Reading the encrypted-apps review: for the counter-corruption unit only, audited.

Device holders are members of staff: pages label them with ``staff_label`` (the
pseudonym unless the viewer holds a granted reveal, as in triage), and nobody
sees their own device in a review.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.devices.catalogue import catalogue_as_of
from lantern.devices.models import CatalogueEntry, DeviceReview, InstalledApp, RejectedRow
from lantern.devices.vocabulary import RISK_CLASSES, RiskClass
from lantern.force.models import StaffMember
from lantern.force.visibility import viewer_staff_pk

REVIEWERS = frozenset({Role.ANALYST, Role.HEAD_OF_PSD})
UNMATCHED_UNIT = "Holder not in the staff directory"


def _require_reviewer(viewer: User) -> None:
    if not viewer.roles & REVIEWERS:
        raise PermissionDenied("The encrypted-apps review is for the counter-corruption unit.")


@dataclass
class DeviceRisk:
    device_id: str
    holder: StaffMember | None
    unit: str
    apps: list[tuple[str, str, str]] = field(default_factory=list)  # (class, name, app_id)

    @property
    def classes(self) -> list[str]:
        return sorted({c for c, _, _ in self.apps}, key=RISK_CLASSES.index)

    @property
    def class_labels(self) -> list[str]:
        return [RiskClass(c).label for c in self.classes]


@dataclass
class DeviceChange:
    device_id: str
    holder: StaffMember | None
    added: list[str]
    removed: list[str]


@dataclass(frozen=True)
class Uncatalogued:
    app_id: str
    name: str
    devices: int


@dataclass(frozen=True)
class ClassifiedSince:
    """An app on the review's devices whose class changed after the review's date."""

    app_id: str
    name: str
    then: str  # the class label on the review's date, or "" if not yet in the catalogue
    now: str
    devices: int


@dataclass
class ReviewReport:
    review: DeviceReview
    previous: DeviceReview | None
    devices_total: int
    risky: list[DeviceRisk]
    class_counts: dict[str, int]  # devices carrying each class
    units: list[tuple[str, list[int], int]]  # (unit, devices per class, devices)
    changes: list[DeviceChange]
    uncatalogued: list[Uncatalogued]
    rejected: QuerySet[RejectedRow]
    classes: list[tuple[str, str]] = field(default_factory=list)
    classified_since: list[ClassifiedSince] = field(default_factory=list)


def reviews_list(*, viewer: User) -> QuerySet[DeviceReview]:
    _require_reviewer(viewer)
    return DeviceReview.objects.all()


def catalogue_list(*, viewer: User) -> QuerySet[CatalogueEntry]:
    _require_reviewer(viewer)
    return CatalogueEntry.objects.select_related("updated_by")


def catalogue_entry_detail(*, viewer: User, entry_pk: int) -> CatalogueEntry:
    _require_reviewer(viewer)
    entry = CatalogueEntry.objects.filter(pk=entry_pk).first()
    if entry is None:
        raise Http404("No such catalogue entry.")
    return entry


def _apps_of(review: DeviceReview, own: int | None) -> QuerySet[InstalledApp]:
    apps = review.apps.select_related("holder")
    return apps.exclude(holder_id=own) if own else apps


def _changes(
    apps: list[InstalledApp], before: list[InstalledApp], names: dict[str, str], ignored: set[str]
) -> list[DeviceChange]:
    """Apps added and removed per device; apps the catalogue classes as "other" are left out."""
    now: dict[str, set[str]] = defaultdict(set)
    then: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, StaffMember | None] = {}
    for a in apps:
        holders[a.device_id] = a.holder
        if a.app_id not in ignored:
            now[a.device_id].add(a.app_id)
    for a in before:
        holders.setdefault(a.device_id, a.holder)
        if a.app_id not in ignored:
            then[a.device_id].add(a.app_id)
    changes = []
    for device in sorted(now.keys() | then.keys()):
        added, removed = now[device] - then[device], then[device] - now[device]
        if added or removed:
            changes.append(DeviceChange(
                device, holders[device],
                sorted(names.get(x, x) for x in added), sorted(names.get(x, x) for x in removed),
            ))  # fmt: skip
    return changes


def _classified_since(
    apps: list[InstalledApp], then: dict[str, str], now: dict[str, CatalogueEntry]
) -> list[ClassifiedSince]:
    devices: dict[str, set[str]] = defaultdict(set)
    for a in apps:
        entry = now.get(a.app_id)
        if entry is not None and entry.risk_class != then.get(a.app_id):
            devices[a.app_id].add(a.device_id)
    return sorted(
        (
            ClassifiedSince(
                app_id, now[app_id].name,
                RiskClass(then[app_id]).label if app_id in then else "",
                RiskClass(now[app_id].risk_class).label, len(ids),
            )
            for app_id, ids in devices.items()
        ),
        key=lambda c: (-c.devices, c.app_id),
    )  # fmt: skip


def review_report(*, viewer: User, review_pk: str) -> ReviewReport:
    """Which devices and units carry which risk, what changed, what is not yet classified.

    Classified with the catalogue as it stood at the end of the review's date
    (``catalogue_as_of``), so the report of a review does not change when the
    catalogue does; apps classified or reclassified since are listed apart.
    """
    _require_reviewer(viewer)
    review = DeviceReview.objects.filter(pk=review_pk).first()
    if review is None:
        raise Http404("No such review.")
    own = viewer_staff_pk(viewer)
    catalogue = catalogue_as_of(review.review_date)
    apps = list(_apps_of(review, own))
    previous = DeviceReview.objects.filter(review_date__lt=review.review_date).first()
    before = list(_apps_of(previous, own)) if previous else []
    devices: dict[str, DeviceRisk] = {}
    unknown: dict[str, tuple[str, set[str]]] = {}
    for a in apps:
        unit = a.holder.team_id if a.holder else UNMATCHED_UNIT
        device = devices.setdefault(a.device_id, DeviceRisk(a.device_id, a.holder, unit))
        entry = catalogue.get(a.app_id)
        if entry is None:
            unknown.setdefault(a.app_id, (a.app_name, set()))[1].add(a.device_id)
        elif entry.risk_class != RiskClass.OTHER:
            device.apps.append((entry.risk_class, entry.name, a.app_id))
    risky = sorted((d for d in devices.values() if d.apps), key=lambda d: (d.unit, d.device_id))
    class_counts = Counter(c for d in risky for c in d.classes)
    per_unit: dict[str, Counter[str]] = defaultdict(Counter)
    unit_devices: Counter[str] = Counter(d.unit for d in devices.values())
    for d in risky:
        per_unit[d.unit].update(d.classes)
    units = [(u, [per_unit[u][c] for c in RISK_CLASSES], unit_devices[u])
             for u in sorted(unit_devices) if per_unit[u]]  # fmt: skip
    names = {
        a.app_id: catalogue[a.app_id].name if a.app_id in catalogue else a.app_name or a.app_id
        for a in [*apps, *before]
    }
    ordinary = {k for k, e in catalogue.items() if e.risk_class == RiskClass.OTHER}
    current = {
        e.app_id: e for e in CatalogueEntry.objects.filter(app_id__in={a.app_id for a in apps})
    }
    since = _classified_since(apps, {k: e.risk_class for k, e in catalogue.items()}, current)
    newly = {c.app_id for c in since}
    audit_append(
        actor=viewer, event="devices.review_viewed", category=AuditCategory.CONSULTATION,
        object_type="device_review", object_id=str(review.pk),
    )  # fmt: skip
    return ReviewReport(
        review=review, previous=previous, devices_total=len(devices), risky=risky,
        class_counts={c: class_counts[c] for c in RISK_CLASSES}, units=units,
        changes=_changes(apps, before, names, ordinary) if previous else [],
        uncatalogued=sorted(
            (Uncatalogued(k, v[0], len(v[1])) for k, v in unknown.items() if k not in newly),
            key=lambda u: (-u.devices, u.app_id),
        ),
        rejected=review.rejected.all(),
        classes=[(c, RiskClass(c).label) for c in RISK_CLASSES],
        classified_since=since,
    )  # fmt: skip
