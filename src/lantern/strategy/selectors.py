"""Reads: the threat assessment, the control strategy's versions, demand and capacity, work.

The head of professional standards sees the unit's own figures in full. The
governance viewer (the PCC's office) sees the threat assessment as it is shared
outside the unit: small numbers suppressed. Every read and export is audited.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import Alert
from lantern.alerts.selectors import alerts_visible
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.strategy.demand import DemandCapacity, demand_compute
from lantern.strategy.models import AlertWorkLog, ControlStrategyVersion
from lantern.strategy.periods import complete_quarter_end, quarter_note
from lantern.strategy.threat import ThreatAssessment, threat_assessment_compute

ASSESSMENT_READERS = frozenset({Role.HEAD_OF_PSD, Role.GOVERNANCE})


def must_share(viewer: User | None) -> bool:
    """Outside the unit (the governance viewer, or no user: an export), figures are suppressed."""
    return viewer is None or Role.HEAD_OF_PSD not in viewer.roles


class NoCompleteQuarter(Http404):
    """The year has no complete quarter yet: nothing of it may be shared outside the unit."""


def shared_as_of(year: int, requested: date) -> tuple[date, str]:
    """The date a shared assessment is as at, and why it differs from ``requested``.

    Never after today; outside the unit, the end of the last complete quarter (31 December
    for a past year), so two shared documents differ by whole quarters only.
    """
    today = timezone.localdate()
    requested = min(requested, today)
    used = complete_quarter_end(requested, today)
    if used.year < year:
        raise NoCompleteQuarter(
            f"No quarter of {year} is complete yet: figures shared outside the unit cover "
            "complete quarters only."
        )
    return used, quarter_note(requested, used)


def threat_assessment_read(
    *, viewer: User, year: int, as_of: date, shared: bool = False
) -> ThreatAssessment:
    if not viewer.roles & ASSESSMENT_READERS:
        raise PermissionDenied("The threat assessment is for the head of professional standards.")
    shared = shared or must_share(viewer)
    requested = min(as_of, timezone.localdate())
    as_of, note = shared_as_of(year, requested) if shared else (requested, "")
    assessment = threat_assessment_compute(
        year=year, as_of=as_of, shared=shared, requested=requested, as_of_note=note
    )
    audit_append(
        actor=viewer, event="strategy.threat_assessment_viewed",
        category=AuditCategory.CONSULTATION, object_type="threat_assessment",
        object_id=str(year), detail={"as_of": as_of.isoformat(), "suppressed": shared,
                                     "as_of_requested": requested.isoformat()},
    )  # fmt: skip
    return assessment


def threat_assessment_export(
    *, actor: User | None, year: int, as_of: date, form: str, actor_label: str | None = None
) -> ThreatAssessment:
    """The assessment as shared outside the unit (always suppressed, and as at the end of a
    complete quarter), for a PDF or HTML file."""
    if actor is not None and not actor.roles & ASSESSMENT_READERS:
        raise PermissionDenied("The threat assessment is for the head of professional standards.")
    requested = min(as_of, timezone.localdate())
    as_of, note = shared_as_of(year, requested)
    assessment = threat_assessment_compute(
        year=year, as_of=as_of, shared=True, requested=requested, as_of_note=note
    )
    audit_append(
        actor=actor, actor_label=actor_label, event="strategy.threat_assessment_exported",
        category=AuditCategory.DISCLOSURE, object_type="threat_assessment", object_id=str(year),
        detail={"as_of": as_of.isoformat(), "format": form, "suppressed": True,
                "as_of_requested": requested.isoformat()},
    )  # fmt: skip
    return assessment


def _require_head(viewer: User) -> None:
    if Role.HEAD_OF_PSD not in viewer.roles:
        raise PermissionDenied("This is for the head of professional standards.")


def control_strategy_versions(*, viewer: User, year: int) -> QuerySet[ControlStrategyVersion]:
    """The year's versions, newest first (the list of versions: audited as a consultation)."""
    _require_head(viewer)
    versions = (
        ControlStrategyVersion.objects.filter(year=year)
        .select_related("created_by", "signed_off_by")
        .order_by("-number")
    )
    audit_append(
        actor=viewer, event="strategy.control_strategy_versions_viewed",
        category=AuditCategory.CONSULTATION, object_type="control_strategy",
        object_id=str(year), detail={"year": year, "versions": versions.count()},
    )  # fmt: skip
    return versions


def control_strategy_current(*, viewer: User, year: int) -> ControlStrategyVersion | None:
    """The version now in force, read to edit it (its priorities fill the form): audited."""
    _require_head(viewer)
    current = (
        ControlStrategyVersion.objects.filter(year=year)
        .select_related("created_by", "signed_off_by")
        .order_by("-number")
        .first()
    )
    audit_append(
        actor=viewer, event="strategy.control_strategy_viewed",
        category=AuditCategory.CONSULTATION, object_type="control_strategy",
        object_id=str(current.pk) if current else str(year),
        detail={"year": year, "version": current.number if current else None, "for": "edit"},
    )  # fmt: skip
    return current


def control_strategy_version(*, viewer: User, pk: int) -> ControlStrategyVersion:
    _require_head(viewer)
    version = (
        ControlStrategyVersion.objects.select_related("created_by", "signed_off_by")
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404("No such version.")
    audit_append(
        actor=viewer, event="strategy.control_strategy_viewed",
        category=AuditCategory.CONSULTATION, object_type="control_strategy",
        object_id=str(version.pk), detail={"year": version.year, "version": version.number},
    )  # fmt: skip
    return version


def demand_read(
    *, viewer: User, as_of: date, chosen_threshold: float | None = None
) -> DemandCapacity:
    _require_head(viewer)
    result = demand_compute(as_of=as_of, chosen_threshold=chosen_threshold)
    audit_append(
        actor=viewer, event="strategy.demand_viewed", category=AuditCategory.CONSULTATION,
        object_type="demand_capacity", object_id=as_of.isoformat(),
        detail={"what_if_threshold": chosen_threshold},
    )  # fmt: skip
    return result


def work_alert_for(*, viewer: User, alert_id: str) -> Alert | None:
    """The alert an analyst records time against, by its id: never one about themselves."""
    return alerts_visible(viewer=viewer).filter(alert_id=alert_id.strip()).first()


def work_log_own(*, viewer: User) -> QuerySet[AlertWorkLog]:
    if not viewer.roles & {Role.ANALYST, Role.HEAD_OF_PSD}:
        raise PermissionDenied("Time is recorded by the counter-corruption unit.")
    return AlertWorkLog.objects.filter(analyst=viewer).select_related("alert")[:25]
