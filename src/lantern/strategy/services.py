"""Changes: control-strategy versions and sign-off, recorded work, staffing decisions.

Each writes its audit record in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import Alert, ScanRun
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.intelligence.vocabulary import Category
from lantern.strategy.models import (
    STRANDS,
    AlertWorkLog,
    ControlStrategyVersion,
    StaffingThresholdDecision,
    WorkActivity,
)

PRIORITY_MAX_CHARS = 1000
WORK_MAX_MINUTES = 12 * 60


def _require_head(actor: User) -> None:
    if Role.HEAD_OF_PSD not in actor.roles:
        raise PermissionDenied("Only the head of professional standards may do this.")


def control_strategy_save(
    *, actor: User, year: int, priorities: Mapping[str, Mapping[str, str]], change_note: str
) -> ControlStrategyVersion:
    """Save the year's control strategy as a new version (older versions stay as they were)."""
    _require_head(actor)
    strands = {key for key, _ in STRANDS}
    clean: dict[str, dict[str, str]] = {}
    problems = []
    for theme, entry in priorities.items():
        if theme not in Category.values:
            problems.append(f"Unknown theme {theme!r}.")
            continue
        texts = {k: str(v).strip() for k, v in entry.items() if k in strands and str(v).strip()}
        problems += [f"{theme} {k}: keep it under {PRIORITY_MAX_CHARS} characters."
                     for k, v in texts.items() if len(v) > PRIORITY_MAX_CHARS]  # fmt: skip
        if texts:
            clean[theme] = texts
    if not clean:
        problems.append("Write at least one priority.")
    if not change_note.strip():
        problems.append("Say what changed in this version.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        taken = ControlStrategyVersion.objects.select_for_update().filter(year=year)
        number = max(taken.values_list("number", flat=True), default=0) + 1
        version = ControlStrategyVersion.objects.create(
            year=year, number=number, priorities=clean, change_note=change_note.strip(),
            created_by=actor,
        )  # fmt: skip
        audit_append(
            actor=actor, event="strategy.control_strategy_saved",
            category=AuditCategory.ALTERATION, object_type="control_strategy",
            object_id=str(version.pk), reason=change_note[:200],
            detail={"year": year, "version": number, "themes": sorted(clean)},
        )  # fmt: skip
    return version


def control_strategy_sign_off(*, actor: User, version: ControlStrategyVersion) -> None:
    """Record the head of professional standards' sign-off of one version."""
    _require_head(actor)
    if version.signed_off:
        raise ValidationError("This version is already signed off.")
    with transaction.atomic():
        version.signed_off_by, version.signed_off_at = actor, timezone.now()
        version.save(update_fields=["signed_off_by", "signed_off_at"])
        audit_append(
            actor=actor, event="strategy.control_strategy_signed_off",
            category=AuditCategory.ALTERATION, object_type="control_strategy",
            object_id=str(version.pk), detail={"year": version.year, "version": version.number},
        )  # fmt: skip


def work_log_record(
    *, actor: User, alert: Alert, activity: str, minutes: int, worked_on: date, note: str = ""
) -> AlertWorkLog:
    """An analyst records time spent on an alert (the basis of hours per alert)."""
    if not actor.roles & {Role.ANALYST, Role.HEAD_OF_PSD}:
        raise PermissionDenied("Time is recorded by the counter-corruption unit.")
    problems = []
    if activity not in WorkActivity.values:
        problems.append(f"Unknown activity {activity!r}.")
    if not 1 <= minutes <= WORK_MAX_MINUTES:
        problems.append(f"Minutes must be from 1 to {WORK_MAX_MINUTES}.")
    if worked_on > timezone.localdate():
        problems.append("The day worked cannot be in the future.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        entry = AlertWorkLog.objects.create(
            alert=alert, analyst=actor, activity=activity, minutes=minutes, worked_on=worked_on,
            note=note[:500],
        )  # fmt: skip
        audit_append(
            actor=actor, event="strategy.work_recorded", category=AuditCategory.COLLECTION,
            object_type="alert", object_id=str(alert.pk),
            detail={"minutes": minutes, "activity": activity, "worked_on": worked_on.isoformat()},
        )  # fmt: skip
    return entry


def staffing_threshold_set(
    *,
    actor: User,
    threshold: float,
    engine_threshold: float,
    scan_run: ScanRun | None,
    weekly_volume: float,
    analysts_needed: float,
    expected_findings: float | None,
    rationale: str,
) -> StaffingThresholdDecision:
    """Record the threshold the unit will staff. The engine's configuration is not changed."""
    _require_head(actor)
    problems = []
    if not threshold > 0:
        problems.append("The threshold must be above zero.")
    if not rationale.strip():
        problems.append("Record why this threshold.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        decision = StaffingThresholdDecision.objects.create(
            threshold=threshold, engine_threshold=engine_threshold, scan_run=scan_run,
            weekly_volume=weekly_volume, analysts_needed=analysts_needed,
            expected_findings=expected_findings, rationale=rationale.strip(), decided_by=actor,
        )  # fmt: skip
        audit_append(
            actor=actor, event="strategy.threshold_decided", category=AuditCategory.ALTERATION,
            object_type="staffing_threshold", object_id=str(decision.pk), reason=rationale[:200],
            detail={"threshold": threshold, "engine_threshold": engine_threshold,
                    "weekly_volume": weekly_volume, "analysts_needed": analysts_needed},
        )  # fmt: skip
    return decision
