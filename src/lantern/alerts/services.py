"""Deciding alerts: reveal, dismiss (teaching Lantern), escalate. Each with its audit record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import (
    Alert,
    AlertStatus,
    DismissalReason,
    RecordedExplanation,
    Reveal,
    RevealStatus,
)
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.cases.models import Investigation
from lantern.cases.services import investigation_open
from lantern.force.models import StaffMember, rank_level
from lantern.intelligence.models import IntelligenceReport
from lantern.intelligence.services import intelligence_report_create
from lantern.intelligence.vocabulary import SourceType
from lantern.vetting.services import aftercare_review_trigger


def reveal_needs_approval(staff: StaffMember) -> bool:
    return rank_level(staff.rank) >= rank_level(settings.LANTERN_REVEAL_APPROVAL_FROM_RANK)


def staff_reveal_request(
    *, actor: User, staff: StaffMember, reason: str, alert: Alert | None
) -> Reveal:
    """Record why the name is needed; senior ranks wait for the head of professional standards."""
    if len(reason.strip()) < 10:
        raise ValidationError("Say why you need the name (at least a sentence).")
    needs_approval = reveal_needs_approval(staff) and Role.HEAD_OF_PSD not in actor.roles
    status = RevealStatus.AWAITING_APPROVAL if needs_approval else RevealStatus.GRANTED
    with transaction.atomic():
        reveal = Reveal.objects.create(
            viewer=actor,
            staff=staff,
            alert=alert,
            reason=reason,
            status=status,
            decided_at=None if needs_approval else timezone.now(),
        )
        audit_append(
            actor=actor,
            event="staff.reveal_requested" if needs_approval else "staff.revealed",
            category=AuditCategory.DISCLOSURE if not needs_approval else AuditCategory.COLLECTION,
            object_type="staff",
            object_id=staff.staff_id,
            reason=reason,
            detail={"alert": str(alert.pk) if alert else None, "rank": staff.rank},
        )
    return reveal


def staff_reveal_decide(*, actor: User, reveal: Reveal, approve: bool, reason: str = "") -> None:
    if Role.HEAD_OF_PSD not in actor.roles:
        raise PermissionDenied("Only the head of professional standards approves reveals.")
    if reveal.status != RevealStatus.AWAITING_APPROVAL:
        raise ValidationError("This request has already been decided.")
    with transaction.atomic():
        reveal.status = RevealStatus.GRANTED if approve else RevealStatus.REFUSED
        reveal.decided_by, reveal.decided_at = actor, timezone.now()
        reveal.save(update_fields=["status", "decided_by", "decided_at"])
        audit_append(
            actor=actor,
            event="staff.reveal_approved" if approve else "staff.reveal_refused",
            category=AuditCategory.DISCLOSURE if approve else AuditCategory.CONSULTATION,
            object_type="staff",
            object_id=reveal.staff.staff_id,
            reason=reason,
            detail={"for": reveal.viewer.username},
        )


def _decide(alert: Alert, actor: User, status: AlertStatus, note: str) -> None:
    if alert.status != AlertStatus.NEW:
        raise ValidationError("This alert has already been decided.")
    alert.status, alert.decision_note = status, note
    alert.decided_by, alert.decided_at = actor, timezone.now()


def alert_dismiss(
    *,
    actor: User,
    alert: Alert,
    reason: DismissalReason,
    note: str,
    explanation_expires_on: date | None = None,
) -> RecordedExplanation | None:
    """Dismiss; a legitimate dismissal becomes a recorded explanation that suppresses repeats."""
    if not note.strip():
        raise ValidationError("Write why the alert is dismissed.")
    with transaction.atomic():
        _decide(alert, actor, AlertStatus.DISMISSED, note)
        alert.dismissal_reason = reason
        alert.save(
            update_fields=[
                "status",
                "decision_note",
                "decided_by",
                "decided_at",
                "dismissal_reason",
            ]
        )
        explanation = None
        if reason == DismissalReason.LEGITIMATE:
            expires = explanation_expires_on or timezone.localdate() + timedelta(
                days=settings.LANTERN_EXPLANATION_DEFAULT_DAYS
            )
            explanation = RecordedExplanation.objects.create(
                staff=alert.staff,
                person=alert.person,
                reason=note,
                owner=actor,
                expires_on=expires,
                source_alert=alert,
            )
        audit_append(
            actor=actor,
            event="alert.dismissed",
            category=AuditCategory.ALTERATION,
            object_type="alert",
            object_id=str(alert.pk),
            reason=note,
            detail={
                "reason": str(reason),
                "explanation": str(explanation.pk) if explanation else None,
            },
        )
    return explanation


def explanation_revoke(*, actor: User, explanation: RecordedExplanation, reason: str) -> int:
    """Revoke a recorded explanation: the alerts it suppressed return to the queue."""
    with transaction.atomic():
        explanation.revoked_at, explanation.revoked_by = timezone.now(), actor
        explanation.save(update_fields=["revoked_at", "revoked_by"])
        returned = Alert.objects.filter(
            suppressed_by=explanation, status=AlertStatus.SUPPRESSED
        ).update(status=AlertStatus.NEW)
        audit_append(
            actor=actor,
            event="explanation.revoked",
            category=AuditCategory.ALTERATION,
            object_type="recorded_explanation",
            object_id=str(explanation.pk),
            reason=reason,
            detail={"alerts_returned": returned},
        )
    return returned


def alert_escalate_to_intelligence(
    *,
    actor: User,
    alert: Alert,
    categories: Sequence[str],
    source_evaluation: str,
    intelligence_assessment: str,
    handling: str,
    sanitised_text: str,
    handling_conditions: str = "",
) -> IntelligenceReport:
    with transaction.atomic():
        _decide(alert, actor, AlertStatus.INTELLIGENCE, sanitised_text[:500])
        alert.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        report = intelligence_report_create(
            actor=actor,
            subjects=[alert.staff],
            categories=categories,
            source_type=SourceType.MONITORING,
            source_evaluation=source_evaluation,
            intelligence_assessment=intelligence_assessment,
            handling=handling,
            handling_conditions=handling_conditions,
            sanitised_text=sanitised_text,
            linked_alerts=[alert],
            origin_reference=alert.alert_id,
        )
        audit_append(
            actor=actor,
            event="alert.escalated",
            category=AuditCategory.ALTERATION,
            object_type="alert",
            object_id=str(alert.pk),
            detail={"intelligence": report.reference},
        )
        aftercare_review_trigger(
            staff=alert.staff, source="alert", reference=alert.alert_id, actor=actor
        )
    return report


def alert_escalate_to_investigation(
    *,
    actor: User,
    alert: Alert,
    categories: Sequence[str],
    summary: str,
    investigating_officer: User,
) -> Investigation:
    with transaction.atomic():
        _decide(alert, actor, AlertStatus.INVESTIGATION, summary[:500])
        alert.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        case = investigation_open(
            actor=actor,
            subject=alert.staff,
            categories=categories,
            summary=summary,
            investigating_officer=investigating_officer,
            origin_alert=alert,
        )
        audit_append(
            actor=actor,
            event="alert.escalated",
            category=AuditCategory.ALTERATION,
            object_type="alert",
            object_id=str(alert.pk),
            detail={"investigation": case.reference},
        )
    return case
