"""Investigations: opening (with conflict checks), the case team, tasks, decisions,
the IOPC referral, evidence with a chain of custody, and the outcome."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import Alert
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.cases.models import (
    CaseDecision,
    CaseMember,
    CaseOutcome,
    CaseTask,
    CustodyEntry,
    EvidenceFile,
    Investigation,
    IopcDecision,
)
from lantern.force.models import StaffMember, rank_level
from lantern.force.visibility import viewer_staff
from lantern.intelligence.models import IntelligenceReport
from lantern.vetting.services import aftercare_review_trigger


def conflict_with_subject(user: User, subject: StaffMember) -> str:
    """Why ``user`` may not work a case about ``subject`` ("" when there is no conflict).

    Conflicts: being the subject; working in the subject's team; or line
    management, taken as a more senior rank in the subject's area (the force's
    data holds teams and areas, not reporting lines).
    """
    member = viewer_staff(user)
    if member is None:
        return ""
    if member.pk == subject.pk:
        return "they are the subject"
    if member.team_id == subject.team_id:
        return "they work in the subject's team"
    if (
        member.area == subject.area
        and rank_level(member.rank) > rank_level(subject.rank)
        and (rank_level(member.rank) >= rank_level("sergeant"))
    ):
        return "they are in the subject's line management (more senior, same area)"
    return ""


def _refuse_conflict(user: User, subject: StaffMember) -> None:
    reason = conflict_with_subject(user, subject)
    if reason:
        raise ValidationError(
            f"{user.get_full_name() or user.username} cannot work this case: {reason}."
        )


def _next_reference() -> str:
    year = timezone.localdate().year
    count = Investigation.objects.filter(reference__startswith=f"INV-{year}-").count()
    return f"INV-{year}-{count + 1:04d}"


def investigation_open(
    *,
    actor: User,
    subject: StaffMember,
    categories: Sequence[str],
    summary: str,
    investigating_officer: User,
    origin_alert: Alert | None = None,
    origin_report: IntelligenceReport | None = None,
) -> Investigation:
    """Open a case; the investigating officer joins the team after a conflict check."""
    if Role.INVESTIGATOR not in investigating_officer.roles:
        raise ValidationError("The investigating officer must hold the investigator role.")
    _refuse_conflict(investigating_officer, subject)
    with transaction.atomic():
        case = Investigation.objects.create(
            reference=_next_reference(),
            subject=subject,
            categories=list(categories),
            summary=summary,
            origin_alert=origin_alert,
            origin_report=origin_report,
            investigating_officer=investigating_officer,
            opened_by=actor,
        )
        CaseMember.objects.create(investigation=case, user=investigating_officer, added_by=actor)
        audit_append(
            actor=actor, event="case.opened", category=AuditCategory.COLLECTION,
            object_type="investigation", object_id=str(case.pk),
            detail={"reference": case.reference, "categories": list(categories),
                    "origin_alert": str(origin_alert.pk) if origin_alert else None,
                    "origin_report": str(origin_report.pk) if origin_report else None},
        )  # fmt: skip
        aftercare_review_trigger(
            staff=subject, source="investigation", reference=case.reference, actor=actor
        )
    return case


def _case_change(
    actor: User, case: Investigation, event: str, reason: str = "", **detail: object
) -> None:
    audit_append(
        actor=actor,
        event=event,
        category=AuditCategory.ALTERATION,
        object_type="investigation",
        object_id=str(case.pk),
        reason=reason[:300],
        detail=detail,
    )


def case_member_add(*, actor: User, case: Investigation, user: User) -> CaseMember:
    _refuse_conflict(user, case.subject)
    with transaction.atomic():
        member, _ = CaseMember.objects.get_or_create(
            investigation=case, user=user, defaults={"added_by": actor}
        )
        _case_change(actor, case, "case.member_added", user=user.username)
    return member


def case_officer_allocate(*, actor: User, case: Investigation, officer: User, reason: str) -> None:
    """The head of professional standards (re)allocates the investigating officer."""
    if Role.HEAD_OF_PSD not in actor.roles:
        raise PermissionDenied("Only the head of professional standards allocates cases.")
    if Role.INVESTIGATOR not in officer.roles:
        raise ValidationError("The investigating officer must hold the investigator role.")
    _refuse_conflict(officer, case.subject)
    with transaction.atomic():
        case.investigating_officer = officer
        case.save(update_fields=["investigating_officer"])
        CaseMember.objects.get_or_create(
            investigation=case, user=officer, defaults={"added_by": actor}
        )
        _case_change(actor, case, "case.allocated", reason, officer=officer.username)


def case_task_add(
    *, actor: User, case: Investigation, description: str, assigned_to: User, due_on: date
) -> CaseTask:
    with transaction.atomic():
        task = CaseTask.objects.create(
            investigation=case, description=description, assigned_to=assigned_to, due_on=due_on
        )
        _case_change(actor, case, "case.task_added", description)
    return task


def case_task_complete(*, actor: User, task: CaseTask) -> None:
    with transaction.atomic():
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        _case_change(actor, task.investigation, "case.task_done", task.description)


def case_decision_record(
    *, actor: User, case: Investigation, decision: str, rationale: str
) -> CaseDecision:
    if not rationale.strip():
        raise ValidationError("Every decision needs its rationale.")
    with transaction.atomic():
        entry = CaseDecision.objects.create(
            investigation=case, decision=decision, rationale=rationale, decided_by=actor
        )
        _case_change(actor, case, "case.decision", decision)
    return entry


def case_iopc_referral_record(
    *, actor: User, case: Investigation, reference: str, decision: str = IopcDecision.AWAITING
) -> None:
    if decision not in IopcDecision.values:
        raise ValidationError(f"Unknown IOPC decision {decision!r}.")
    with transaction.atomic():
        case.iopc_referred_at = case.iopc_referred_at or timezone.now()
        case.iopc_reference, case.iopc_decision = reference, decision
        case.save(update_fields=["iopc_referred_at", "iopc_reference", "iopc_decision"])
        _case_change(actor, case, "case.iopc_referral", reference, decision=decision)


def case_evidence_add(
    *, actor: User, case: Investigation, name: str, content: bytes, description: str = ""
) -> EvidenceFile:
    """Store a file with its SHA-256 and open its chain of custody."""
    if len(content) > settings.LANTERN_EVIDENCE_MAX_BYTES:
        raise ValidationError("The file is larger than Lantern accepts for evidence.")
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        evidence = EvidenceFile.objects.create(
            investigation=case,
            name=name[:255],
            description=description,
            sha256=digest,
            size=len(content),
            content=content,
            uploaded_by=actor,
        )
        CustodyEntry.objects.create(
            evidence=evidence, action="received", by=actor, sha256_seen=digest
        )
        audit_append(
            actor=actor,
            event="case.evidence_added",
            category=AuditCategory.COLLECTION,
            object_type="evidence_file",
            object_id=str(evidence.pk),
            detail={"sha256": digest},
        )
    return evidence


def case_evidence_open(*, actor: User, evidence: EvidenceFile) -> bytes:
    """Hand out the file's bytes, re-hashed and logged in the chain of custody."""
    content = bytes(evidence.content)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        CustodyEntry.objects.create(
            evidence=evidence,
            action="downloaded",
            by=actor,
            sha256_seen=digest,
            note="" if digest == evidence.sha256 else "HASH MISMATCH: content differs from receipt",
        )
        audit_append(
            actor=actor,
            event="case.evidence_opened",
            category=AuditCategory.DISCLOSURE,
            object_type="evidence_file",
            object_id=str(evidence.pk),
            detail={"sha256": digest, "intact": digest == evidence.sha256},
        )
    return content


def case_close(
    *,
    actor: User,
    case: Investigation,
    outcome: str,
    rationale: str,
    barred_list_referral: bool = False,
) -> None:
    if outcome not in CaseOutcome.values:
        raise ValidationError(f"Unknown outcome {outcome!r}.")
    if not rationale.strip():
        raise ValidationError("Record the rationale for the outcome.")
    if case.needs_iopc_referral:
        raise ValidationError(
            "Record the IOPC referral before closing: this is an abuse-of-position case."
        )
    with transaction.atomic():
        case.outcome, case.outcome_rationale = outcome, rationale
        case.barred_list_referral, case.closed_at = barred_list_referral, timezone.now()
        case.save(
            update_fields=["outcome", "outcome_rationale", "barred_list_referral", "closed_at"]
        )
        _case_change(
            actor,
            case,
            "case.closed",
            rationale,
            outcome=outcome,
            barred_list_referral=barred_list_referral,
        )
