"""Recording inspectorate recommendations, action plans, updates and evidence.

One service per change, each with its audit record in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.governance.models import ActionPlan, EvidenceLink, PlanUpdate, Recommendation
from lantern.governance.vocabulary import DeclaredStatus, EvidenceKind, FindingKind


def recommendation_create(
    *,
    actor: User | None,
    reference: str,
    kind: str,
    source_report: str,
    text: str,
    deadline: date | None = None,
    at: datetime | None = None,
) -> Recommendation:
    if kind not in FindingKind.values:
        raise ValidationError(f"Unknown kind {kind!r}.")
    if not reference.strip() or not text.strip() or not source_report.strip():
        raise ValidationError("Give the reference, the source report and the text.")
    if Recommendation.objects.filter(reference=reference.strip()).exists():
        raise ValidationError(f"Reference {reference.strip()} is already recorded.")
    with transaction.atomic():
        rec = Recommendation.objects.create(
            reference=reference.strip(), kind=kind, source_report=source_report.strip(),
            text=text.strip(), deadline=deadline, created_by=actor,
            created_at=at or timezone.now(),
        )  # fmt: skip
        audit_append(
            actor=actor, event="governance.recommendation_created",
            category=AuditCategory.COLLECTION, object_type="recommendation",
            object_id=str(rec.pk), detail={"reference": rec.reference, "kind": kind},
        )  # fmt: skip
    return rec


def action_plan_add(
    *,
    actor: User | None,
    recommendation: Recommendation,
    action: str,
    owner: User,
    due_on: date,
    at: datetime | None = None,
) -> ActionPlan:
    """Add a plan; its creation is its first update (status: not started)."""
    if not action.strip():
        raise ValidationError("Describe the action.")
    at = at or timezone.now()
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            recommendation=recommendation, action=action.strip(), owner=owner, due_on=due_on,
            created_at=at,
        )  # fmt: skip
        PlanUpdate.objects.create(
            plan=plan, at=at, status=DeclaredStatus.NOT_STARTED, text="Action plan agreed.",
            written_by=actor or owner,
        )  # fmt: skip
        audit_append(
            actor=actor, event="governance.plan_added", category=AuditCategory.COLLECTION,
            object_type="action_plan", object_id=str(plan.pk),
            detail={"recommendation": recommendation.reference, "due_on": due_on.isoformat(),
                    "owner": owner.username},
        )  # fmt: skip
    return plan


def plan_update_add(
    *,
    actor: User,
    plan: ActionPlan,
    status: str,
    text: str,
    at: datetime | None = None,
) -> PlanUpdate:
    """Record progress with the status the owner declares; "overdue" is never declared."""
    if status not in DeclaredStatus.values:
        raise ValidationError(
            f"Unknown status {status!r}: overdue is worked out from the due date, not chosen."
        )
    if not text.strip():
        raise ValidationError("Write what has happened.")
    at = at or timezone.now()
    if at > timezone.now():
        raise ValidationError("An update cannot be dated in the future.")
    with transaction.atomic():
        update = PlanUpdate.objects.create(
            plan=plan, at=at, status=status, text=text.strip(), written_by=actor
        )
        audit_append(
            actor=actor, event="governance.plan_updated", category=AuditCategory.ALTERATION,
            object_type="action_plan", object_id=str(plan.pk), reason=text.strip()[:200],
            detail={"status": status},
        )  # fmt: skip
    return update


def evidence_link_add(
    *,
    actor: User,
    plan: ActionPlan,
    kind: str,
    label: str,
    target: str,
    at: datetime | None = None,
) -> EvidenceLink:
    """Link evidence: a Lantern address (starting with /) or a document reference."""
    target = target.strip()
    if kind not in EvidenceKind.values:
        raise ValidationError(f"Unknown evidence kind {kind!r}.")
    if not label.strip() or not target:
        raise ValidationError("Give the evidence a label and say where it is.")
    if kind == EvidenceKind.LANTERN and (not target.startswith("/") or target.startswith("//")):
        raise ValidationError("A Lantern record is linked by its address, starting with /.")
    with transaction.atomic():
        link = EvidenceLink.objects.create(
            plan=plan, kind=kind, label=label.strip(), target=target, added_by=actor,
            added_at=at or timezone.now(),
        )  # fmt: skip
        audit_append(
            actor=actor, event="governance.evidence_linked", category=AuditCategory.ALTERATION,
            object_type="action_plan", object_id=str(plan.pk),
            detail={"kind": kind, "label": link.label, "target": target[:200]},
        )  # fmt: skip
    return link
