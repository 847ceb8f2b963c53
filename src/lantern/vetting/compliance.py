"""Compliance at a glance: is everyone vetted to the level their post needs, today and next quarter?

Computed from the current postings of people who have not left, their active
clearances, and the latest formally ended-on-expiry clearance per level (so a
lapse stays visible as "Expired" after "End clearances past their expiry" runs,
until it is renewed or a new clearance at that level is granted). A holder is
compliant when an active clearance satisfies the post's level
(``vocabulary.level_satisfies``) and has not expired; expired when only expired
clearances satisfy it; under-vetted when they hold only lower or other-track
levels; with no clearance at all otherwise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q

from lantern.force.models import StaffMember
from lantern.vetting.models import Clearance, Post, Posting
from lantern.vetting.vocabulary import ClearanceStatus, Compliance, level_satisfies
from lantern.web.dates import add_months


@dataclass(frozen=True)
class HolderStatus:
    staff: StaffMember
    post: Post
    status: str
    best: Clearance | None  # the satisfying clearance that lasts longest, if any
    held: tuple[Clearance, ...]

    @property
    def status_label(self) -> str:
        return Compliance(self.status).label

    @property
    def days_left(self) -> int | None:
        return None if self.best is None else (self.best.expires_on - self.as_of).days

    as_of: date = date.min


@dataclass
class UnitFigures:
    unit: str
    holders: int = 0
    compliant: int = 0
    expired: int = 0
    under_vetted: int = 0
    none: int = 0
    expiring: dict[int, int] = field(default_factory=dict)

    @property
    def non_compliant(self) -> int:
        return self.expired + self.under_vetted + self.none

    @property
    def percent_compliant(self) -> float:
        return round(100 * self.compliant / self.holders, 1) if self.holders else 100.0


@dataclass(frozen=True)
class ForecastMonth:
    month: date
    renewals: int


@dataclass(frozen=True)
class ComplianceReport:
    as_of: date
    windows: tuple[int, ...]
    holders: list[HolderStatus]
    force: UnitFigures
    units: list[UnitFigures]
    forecast: list[ForecastMonth]
    overdue_renewals: int

    @property
    def non_compliant(self) -> list[HolderStatus]:
        return [h for h in self.holders if h.status != Compliance.COMPLIANT]

    def expiring_within(self, days: int) -> list[HolderStatus]:
        return [
            h
            for h in self.holders
            if h.status == Compliance.COMPLIANT and h.days_left is not None and h.days_left <= days
        ]


def holder_status(
    staff: StaffMember, post: Post, clearances: list[Clearance], as_of: date
) -> HolderStatus:
    satisfying = [c for c in clearances if level_satisfies(c.level, post.required_level)]
    current = [
        c for c in satisfying if c.status == ClearanceStatus.ACTIVE and c.expires_on >= as_of
    ]
    if current:
        best: Clearance | None = max(current, key=lambda c: c.expires_on)
        status = Compliance.COMPLIANT
    elif satisfying:
        best, status = max(satisfying, key=lambda c: c.expires_on), Compliance.EXPIRED
    else:
        best = None
        status = Compliance.UNDER_VETTED if clearances else Compliance.NONE
    return HolderStatus(staff, post, str(status), best, tuple(clearances), as_of)


def clearances_held(staff_ids: Iterable[int], as_of: date) -> dict[int, list[Clearance]]:
    """Per person: the active clearances granted by ``as_of``, and for each level the latest
    clearance ended on expiry unless an active one at that level (or higher) replaced it."""
    held: dict[int, list[Clearance]] = defaultdict(list)
    ended: dict[tuple[int, str], Clearance] = {}
    wanted = (ClearanceStatus.ACTIVE, ClearanceStatus.EXPIRED)
    for c in Clearance.objects.filter(staff_id__in=list(staff_ids), status__in=wanted).order_by(
        "staff_id", "granted_on"
    ):
        if c.granted_on > as_of:
            continue
        if c.status == ClearanceStatus.ACTIVE:
            held[c.staff_id].append(c)
        else:
            ended[(c.staff_id, c.level)] = c  # ordered by grant date: the latest wins
    for (staff_id, level), c in ended.items():
        if not any(level_satisfies(a.level, level) for a in held[staff_id]):
            held[staff_id].append(c)
    return held


def compliance_compute(*, as_of: date, exclude_staff_pk: int | None = None) -> ComplianceReport:
    """The figures behind the dashboard and the inspectorate export (not audited: callers are)."""
    windows: tuple[int, ...] = tuple(settings.LANTERN_VETTING_EXPIRY_WINDOWS)
    postings = (
        Posting.objects.filter(started_on__lte=as_of)
        .filter(Q(ended_on=None) | Q(ended_on__gte=as_of))
        .filter(Q(staff__left_on=None) | Q(staff__left_on__gt=as_of))
        .select_related("staff", "post")
        .order_by("post__unit", "staff__staff_id")
    )
    if exclude_staff_pk:
        postings = postings.exclude(staff_id=exclude_staff_pk)
    postings_list = list(postings)
    staff_ids = {p.staff_id for p in postings_list}
    clearances = clearances_held(staff_ids, as_of)
    holders = [holder_status(p.staff, p.post, clearances[p.staff_id], as_of) for p in postings_list]
    units: dict[str, UnitFigures] = {}
    force = UnitFigures("Force-wide", expiring=dict.fromkeys(windows, 0))
    for h in holders:
        unit = units.setdefault(
            h.post.unit, UnitFigures(h.post.unit, expiring=dict.fromkeys(windows, 0))
        )
        for figures in (unit, force):
            figures.holders += 1
            setattr(figures, h.status, getattr(figures, h.status) + 1)
            if h.status == Compliance.COMPLIANT and h.days_left is not None:
                for w in windows:
                    if h.days_left <= w:
                        figures.expiring[w] += 1
    forecast, overdue = _forecast(clearances, as_of)
    return ComplianceReport(
        as_of,
        windows,
        holders,
        force,
        sorted(units.values(), key=lambda u: (-u.non_compliant, u.unit)),
        forecast,
        overdue,
    )


def _forecast(
    clearances: dict[int, list[Clearance]], as_of: date
) -> tuple[list[ForecastMonth], int]:
    """Renewals due per month for the next 12 months, and how many are overdue (the clearances
    of people in post, an expired one counted until it is renewed or replaced)."""
    first = as_of.replace(day=1)
    months = [add_months(first, i) for i in range(12)]
    end = add_months(first, 12)
    counts: Counter[date] = Counter()
    overdue = 0
    for held in clearances.values():
        for c in held:
            if c.expires_on < as_of:
                overdue += 1
            elif c.expires_on < end:
                counts[c.expires_on.replace(day=1)] += 1
    return [ForecastMonth(m, counts[m]) for m in months], overdue
