"""Reading alerts: scoped to the viewer, pseudonymised, and every read audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import (
    Alert,
    AlertIndicator,
    AlertStatus,
    RecordedExplanation,
    Reveal,
    RevealStatus,
)
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import StaffMember
from lantern.force.visibility import viewer_staff_pk
from lantern.web.dates import day_start

TRIAGE_ROLES = frozenset({Role.ANALYST, Role.HEAD_OF_PSD})
CONFIRMED = (AlertStatus.INTELLIGENCE, AlertStatus.INVESTIGATION)


@dataclass(frozen=True)
class QueueFilters:
    status: str = AlertStatus.NEW
    category: str = ""
    indicator: str = ""
    area: str = ""
    role: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_detail(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v not in ("", None)}


def _require_triage(viewer: User) -> None:
    if not viewer.roles & TRIAGE_ROLES:
        raise PermissionDenied("Alerts are for the counter-corruption unit.")


def alerts_visible(*, viewer: User) -> QuerySet[Alert]:
    """Every alert the viewer may see: never one about themselves."""
    _require_triage(viewer)
    alerts = Alert.objects.all()
    own = viewer_staff_pk(viewer)
    return alerts.exclude(staff_id=own) if own else alerts


def alerts_queue(*, viewer: User, filters: QueueFilters) -> QuerySet[Alert]:
    """The triage queue, highest score first, with how many alerts each member of staff has."""
    alerts = alerts_visible(viewer=viewer)
    if filters.status:
        alerts = alerts.filter(status=filters.status)
    if filters.category:
        alerts = alerts.filter(category=filters.category)
    if filters.indicator:
        alerts = alerts.filter(
            pk__in=AlertIndicator.objects.filter(code=filters.indicator).values("alert_id")
        )
    if filters.area:
        alerts = alerts.filter(staff__area=filters.area)
    if filters.role:
        alerts = alerts.filter(staff__role=filters.role)
    if filters.date_from:
        alerts = alerts.filter(last_seen__gte=day_start(filters.date_from))
    if filters.date_to:
        alerts = alerts.filter(first_seen__lt=day_start(filters.date_to + timedelta(days=1)))
    return alerts.select_related("staff", "person").order_by("-score", "alert_id")


def staff_alert_counts(*, viewer: User, alerts: list[Alert]) -> list[Alert]:
    """Set ``staff_alerts`` on each alert of a page: how many alerts its member of staff has.

    One grouped query for the page, rather than a correlated count on every row
    of the queue (which made deep pages of 100,000 alerts take seconds).
    """
    staff_ids = {a.staff_id for a in alerts}
    counts = dict(
        alerts_visible(viewer=viewer).filter(staff_id__in=staff_ids).order_by()
        .values_list("staff_id").annotate(n=Count("pk")).values_list("staff_id", "n")
    )  # fmt: skip
    for alert in alerts:
        alert.staff_alerts = counts.get(alert.staff_id, 1)  # type: ignore[attr-defined]
    return alerts


def alert_queue_options(*, viewer: User) -> dict[str, list[str]]:
    """Values for the queue's filter lists (from what exists, so they never go stale)."""
    _require_triage(viewer)

    def distinct(model: type[models.Model], column: str) -> list[str]:
        # order_by() first: a default ordering would otherwise join the DISTINCT.
        return sorted(model._default_manager.order_by().values_list(column, flat=True).distinct())

    visible = alerts_visible(viewer=viewer).order_by().values_list("category", flat=True)
    return {
        # Only categories of alerts the viewer may see (never one about themselves).
        "category": sorted(visible.distinct()),
        "indicator": distinct(AlertIndicator, "code"),
        "area": distinct(StaffMember, "area"),
        "role": distinct(StaffMember, "role"),
    }


def alert_detail(*, viewer: User, alert_pk: str) -> Alert:
    """One alert with its evidence; the read is audited."""
    alert = (
        alerts_visible(viewer=viewer).select_related("staff", "person", "decided_by")
        .filter(pk=alert_pk).first()
    )  # fmt: skip
    if alert is None:
        raise Http404("No such alert.")
    audit_append(
        actor=viewer,
        event="alert.viewed",
        category=AuditCategory.CONSULTATION,
        object_type="alert",
        object_id=str(alert.pk),
    )
    return alert


def staff_alert_history(*, viewer: User, alert: Alert) -> QuerySet[Alert]:
    """The same member of staff's other alerts over time (grouping repeats)."""
    return (
        alerts_visible(viewer=viewer)
        .filter(staff=alert.staff)
        .exclude(pk=alert.pk)
        .order_by("-last_seen")
    )


def revealed_staff_ids(*, viewer: User) -> set[int]:
    return set(
        Reveal.objects.filter(viewer=viewer, status=RevealStatus.GRANTED)
        .values_list("staff_id", flat=True)
    )  # fmt: skip


def reveal_pending(*, viewer: User, staff: StaffMember) -> Reveal | None:
    return Reveal.objects.filter(
        viewer=viewer, staff=staff, status=RevealStatus.AWAITING_APPROVAL
    ).first()


def reveals_awaiting_approval(*, viewer: User) -> QuerySet[Reveal]:
    if Role.HEAD_OF_PSD not in viewer.roles:
        raise PermissionDenied("Only the head of professional standards approves reveals.")
    own = viewer_staff_pk(viewer)
    pending = Reveal.objects.filter(status=RevealStatus.AWAITING_APPROVAL)
    pending = pending.exclude(staff_id=own) if own else pending
    return pending.select_related("viewer", "staff", "alert")


def explanations_list(*, viewer: User) -> QuerySet[RecordedExplanation]:
    _require_triage(viewer)
    own = viewer_staff_pk(viewer)
    explanations = RecordedExplanation.objects.select_related("staff", "person", "owner")
    explanations = explanations.exclude(staff_id=own) if own else explanations
    return explanations.annotate(suppressed=Count("suppressed_alerts")).order_by(
        F("revoked_at").desc(nulls_first=True), "expires_on"
    )


@dataclass(frozen=True)
class IndicatorEffectiveness:
    code: str
    confirmed: int
    dismissed: int
    open: int

    @property
    def effectiveness(self) -> float | None:
        decided = self.confirmed + self.dismissed
        return self.confirmed / decided if decided else None


def indicator_effectiveness(*, viewer: User) -> list[IndicatorEffectiveness]:
    """Per indicator: confirmed ÷ (confirmed + dismissed), confirmed meaning escalated."""
    _require_triage(viewer)
    confirmed = Q(alert__status__in=CONFIRMED)
    rows = (
        AlertIndicator.objects.values("code")
        .annotate(
            confirmed=Count("pk", filter=confirmed),
            dismissed=Count("pk", filter=Q(alert__status=AlertStatus.DISMISSED)),
            open=Count("pk", filter=Q(alert__status=AlertStatus.NEW)),
        )
        .order_by("code")
    )
    return [
        IndicatorEffectiveness(r["code"], r["confirmed"], r["dismissed"], r["open"]) for r in rows
    ]


@dataclass(frozen=True)
class WeekThroughput:
    week_start: date
    decided: int
    confirmed: int
    dismissed: int


def unit_throughput(*, viewer: User, weeks: int = 8) -> list[WeekThroughput]:
    """Decisions per week over the last ``weeks`` weeks, newest first."""
    _require_triage(viewer)
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday())
    result = []
    for back in range(weeks):
        week = start - timedelta(weeks=back)
        decided = Alert.objects.filter(
            decided_at__gte=day_start(week), decided_at__lt=day_start(week + timedelta(days=7))
        )
        result.append(WeekThroughput(
            week, decided.count(),
            decided.filter(status__in=CONFIRMED).count(),
            decided.filter(status=AlertStatus.DISMISSED).count(),
        ))  # fmt: skip
    return result
