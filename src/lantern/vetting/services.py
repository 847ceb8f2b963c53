"""Changing vetting records. One service per change; each writes its audit record with it.

The system proposes, a human decides: reviews are scheduled or triggered here,
but no clearance is withdrawn or granted except by a vetting officer's recorded
decision.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import StaffMember
from lantern.force.visibility import viewer_staff
from lantern.vetting.models import (
    AftercareReview,
    AftercareTrigger,
    Clearance,
    Declaration,
    RevettingSelection,
)
from lantern.vetting.periods import clearance_expiry_for
from lantern.vetting.vocabulary import (
    ClearanceSource,
    ClearanceStatus,
    DeclarationDecision,
    DeclarationKind,
    Level,
    ReviewKind,
    ReviewOutcome,
    TriggerSource,
)
from lantern.web.dates import add_months

ADVERSE_REVIEW_DAYS = 28
RANDOM_REVIEW_DAYS = 60


def _refuse_own(actor: User, staff: StaffMember) -> None:
    """Nobody decides about their own vetting."""
    own = viewer_staff(actor)
    if own is not None and own.pk == staff.pk:
        raise ValidationError("You cannot record a vetting decision about yourself.")


# --- Clearances -------------------------------------------------------------


def clearance_grant(
    *,
    actor: User,
    staff: StaffMember,
    level: str,
    granted_on: date,
    rationale: str,
    conditions: str = "",
    renews: Clearance | None = None,
) -> Clearance:
    """Record a vetting decision granting a clearance (or renewing one)."""
    if level not in Level.values:
        raise ValidationError(f"Unknown vetting level {level!r}.")
    if not rationale.strip():
        raise ValidationError("Write the rationale for the decision.")
    if granted_on > timezone.localdate():
        raise ValidationError("A clearance cannot be granted in the future.")
    if staff.left_on is not None:
        raise ValidationError("This person has left the force.")
    _refuse_own(actor, staff)
    with transaction.atomic():
        clearance = Clearance.objects.create(
            staff=staff,
            level=level,
            granted_on=granted_on,
            expires_on=clearance_expiry_for(level, granted_on),
            conditions=conditions,
            rationale=rationale,
            decided_by=actor,
            decided_by_label=actor.get_full_name()[:150],
            source=ClearanceSource.VETTING_UNIT,
            renews=renews,
        )
        if renews is not None:
            renews.status, renews.ended_on, renews.ended_by = (
                ClearanceStatus.SUPERSEDED,
                granted_on,
                actor,
            )
            renews.end_reason = "Renewed."
            renews.save(update_fields=["status", "ended_on", "ended_by", "end_reason"])
        audit_append(
            actor=actor,
            event="vetting.clearance_renewed" if renews else "vetting.clearance_granted",
            category=AuditCategory.ALTERATION,
            object_type="clearance",
            object_id=str(clearance.pk),
            reason=rationale[:200],
            detail={
                "staff_id": staff.staff_id,
                "level": level,
                "granted_on": str(granted_on),
                "expires_on": str(clearance.expires_on),
                "renews": str(renews.pk) if renews else None,
            },
        )
    return clearance


def clearance_renew(
    *,
    actor: User,
    clearance: Clearance,
    granted_on: date,
    rationale: str,
    conditions: str = "",
    level: str | None = None,
) -> Clearance:
    """Record a renewal: a new clearance from ``granted_on``, the old one superseded.

    An active clearance, or one already ended on expiry (a late renewal), can be renewed."""
    if clearance.status not in (ClearanceStatus.ACTIVE, ClearanceStatus.EXPIRED):
        raise ValidationError("Only an active or expired clearance can be renewed.")
    if granted_on < clearance.granted_on:
        raise ValidationError("A renewal cannot be dated before the clearance it renews.")
    return clearance_grant(
        actor=actor,
        staff=clearance.staff,
        level=level or clearance.level,
        granted_on=granted_on,
        rationale=rationale,
        conditions=conditions,
        renews=clearance,
    )


def clearance_withdraw(*, actor: User, clearance: Clearance, rationale: str) -> None:
    if clearance.status != ClearanceStatus.ACTIVE:
        raise ValidationError("Only an active clearance can be withdrawn.")
    if not rationale.strip():
        raise ValidationError("Write why the clearance is withdrawn.")
    _refuse_own(actor, clearance.staff)
    with transaction.atomic():
        clearance.status, clearance.ended_on = ClearanceStatus.WITHDRAWN, timezone.localdate()
        clearance.end_reason, clearance.ended_by = rationale, actor
        clearance.save(update_fields=["status", "ended_on", "end_reason", "ended_by"])
        audit_append(
            actor=actor,
            event="vetting.clearance_withdrawn",
            category=AuditCategory.ALTERATION,
            object_type="clearance",
            object_id=str(clearance.pk),
            reason=rationale[:200],
            detail={"staff_id": clearance.staff.staff_id, "level": clearance.level},
        )


def clearances_expire(*, actor: User | None, as_of: date, actor_label: str | None = None) -> int:
    """End every active clearance whose expiry date has passed (termination on expiry)."""
    with transaction.atomic():
        lapsed = list(
            Clearance.objects.select_for_update()
            .filter(status=ClearanceStatus.ACTIVE, expires_on__lt=as_of)
            .values_list("pk", flat=True)
        )
        Clearance.objects.filter(pk__in=lapsed).update(
            status=ClearanceStatus.EXPIRED, ended_on=as_of, end_reason="Expired without renewal."
        )
        audit_append(
            actor=actor,
            actor_label=actor_label,
            event="vetting.clearances_expired",
            category=AuditCategory.ALTERATION,
            object_type="clearance",
            detail={"as_of": str(as_of), "count": len(lapsed), "ids": [str(p) for p in lapsed]},
        )
    return len(lapsed)


# --- Aftercare --------------------------------------------------------------


def aftercare_review_trigger(
    *, staff: StaffMember, source: str, reference: str, actor: User | None = None
) -> AftercareReview:
    """Adverse information arrived about ``staff``: make sure a vetting review is open.

    Called by the intelligence, investigation and alert services inside their own
    transactions. Need-to-know: the vetting unit is told only the fact (the kind
    of source) and its reference, never the content.
    """
    if source not in TriggerSource.values:
        raise ValueError(f"Unknown trigger source {source!r}.")
    with transaction.atomic():
        review = AftercareReview.objects.filter(
            staff=staff, kind=ReviewKind.ADVERSE, completed_at=None
        ).first()
        if review is None:
            review = AftercareReview.objects.create(
                staff=staff,
                kind=ReviewKind.ADVERSE,
                due_on=timezone.localdate() + timedelta(days=ADVERSE_REVIEW_DAYS),
            )
        _, created = AftercareTrigger.objects.get_or_create(
            review=review, source=source, reference=reference[:80]
        )
        if created:
            audit_append(
                actor=actor,
                event="vetting.aftercare_triggered",
                category=AuditCategory.COLLECTION,
                object_type="aftercare_review",
                object_id=str(review.pk),
                detail={"staff_id": staff.staff_id, "source": source, "reference": reference},
            )
    return review


def aftercare_annual_schedule(
    *, actor: User | None, as_of: date, actor_label: str | None = None
) -> int:
    """Schedule the annual integrity review of everyone in a post with an active clearance.

    Due on the next anniversary of their latest grant; nobody gets a second open
    annual review, nor one within a year of the last completed one.
    """
    horizon = as_of - timedelta(days=365)
    with transaction.atomic():
        staff = StaffMember.objects.filter(
            Q(left_on=None) | Q(left_on__gt=as_of), clearances__status=ClearanceStatus.ACTIVE
        ).distinct()
        skip = set(
            AftercareReview.objects.filter(kind=ReviewKind.ANNUAL)
            .filter(Q(completed_at=None) | Q(completed_at__date__gte=horizon))
            .values_list("staff_id", flat=True)
        )
        latest: dict[int, date] = {}
        for staff_id, granted in Clearance.objects.filter(
            staff__in=staff, status=ClearanceStatus.ACTIVE
        ).values_list("staff_id", "granted_on"):
            latest[staff_id] = max(granted, latest.get(staff_id, granted))
        reviews = []
        for member in staff:
            if member.pk in skip or member.pk not in latest:
                continue
            due = add_months(latest[member.pk], 12)
            while due < as_of:
                due = add_months(due, 12)
            reviews.append(AftercareReview(staff=member, kind=ReviewKind.ANNUAL, due_on=due))
        AftercareReview.objects.bulk_create(reviews, batch_size=1000)
        audit_append(
            actor=actor,
            actor_label=actor_label,
            event="vetting.annual_reviews_scheduled",
            category=AuditCategory.ALTERATION,
            object_type="aftercare_review",
            detail={"as_of": str(as_of), "scheduled": len(reviews)},
        )
    return len(reviews)


def aftercare_review_record(
    *, actor: User, review: AftercareReview, outcome: str, rationale: str
) -> None:
    """The vetting officer's decision on a review; a withdrawal ends the person's clearances."""
    if outcome not in ReviewOutcome.values:
        raise ValidationError(f"Unknown outcome {outcome!r}.")
    if not rationale.strip():
        raise ValidationError("Write the rationale for the outcome.")
    if not review.is_open:
        raise ValidationError("This review is already recorded.")
    _refuse_own(actor, review.staff)
    with transaction.atomic():
        review.outcome, review.rationale = outcome, rationale
        review.completed_by, review.completed_at = actor, timezone.now()
        review.save(update_fields=["outcome", "rationale", "completed_by", "completed_at"])
        audit_append(
            actor=actor,
            event="vetting.aftercare_recorded",
            category=AuditCategory.ALTERATION,
            object_type="aftercare_review",
            object_id=str(review.pk),
            reason=rationale[:200],
            detail={"staff_id": review.staff.staff_id, "outcome": outcome, "kind": review.kind},
        )
        if outcome == ReviewOutcome.WITHDRAW:
            for clearance in Clearance.objects.filter(
                staff=review.staff, status=ClearanceStatus.ACTIVE
            ):
                clearance_withdraw(
                    actor=actor, clearance=clearance, rationale=f"Aftercare review: {rationale}"
                )


def revetting_draw(seed: str, population: list[str], count: int) -> list[str]:
    """The reproducible draw: rank everyone by HMAC-SHA256(seed, staff_id) and take the first."""

    def rank(staff_id: str) -> str:
        return hmac.new(seed.encode(), staff_id.encode(), hashlib.sha256).hexdigest()

    return sorted(population, key=rank)[:count]


def revetting_select(*, actor: User, count: int, as_of: date, seed: str = "") -> RevettingSelection:
    """Pick ``count`` people with an active clearance for re-vetting, reproducibly and audited.

    The seed (random unless given) and the sorted population are recorded, so the
    same draw can be recomputed by anyone (``revetting_draw``).
    """
    if count < 1:
        raise ValidationError("Pick at least one person.")
    seed = seed.strip() or secrets.token_hex(16)
    with transaction.atomic():
        eligible = StaffMember.objects.filter(
            Q(left_on=None) | Q(left_on__gt=as_of), clearances__status=ClearanceStatus.ACTIVE
        )
        own = viewer_staff(actor)
        if own is not None:  # nobody draws themselves
            eligible = eligible.exclude(pk=own.pk)
        population = sorted(eligible.values_list("staff_id", flat=True).distinct())
        if count > len(population):
            raise ValidationError(f"Only {len(population)} people hold an active clearance.")
        picked = revetting_draw(seed, population, count)
        selection = RevettingSelection.objects.create(
            seed=seed, count=count, population=population, selected=picked, made_by=actor
        )
        by_id = {s.staff_id: s for s in StaffMember.objects.filter(staff_id__in=picked)}
        AftercareReview.objects.bulk_create(
            AftercareReview(
                staff=by_id[s],
                kind=ReviewKind.RANDOM,
                selection=selection,
                due_on=as_of + timedelta(days=RANDOM_REVIEW_DAYS),
            )
            for s in picked
        )
        audit_append(
            actor=actor,
            event="vetting.revetting_selected",
            category=AuditCategory.ALTERATION,
            object_type="revetting_selection",
            object_id=str(selection.pk),
            detail={
                "seed": seed,
                "population": len(population),
                "count": count,
                "selected": picked,
            },
        )
    return selection


# --- Declarations -----------------------------------------------------------


def declaration_submit(*, actor: User, kind: str, description: str) -> Declaration:
    """A member of staff declares a business interest or notifiable association of their own."""
    staff = viewer_staff(actor)
    if staff is None:
        raise ValidationError("Your account is not linked to a staff record.")
    if kind not in DeclarationKind.values:
        raise ValidationError(f"Unknown kind of declaration {kind!r}.")
    if not description.strip():
        raise ValidationError("Describe what you are declaring.")
    with transaction.atomic():
        declaration = Declaration.objects.create(staff=staff, kind=kind, description=description)
        audit_append(
            actor=actor,
            event="vetting.declaration_submitted",
            category=AuditCategory.COLLECTION,
            object_type="declaration",
            object_id=str(declaration.pk),
            detail={"kind": kind},
        )
    return declaration


def declaration_decide(
    *, actor: User, declaration: Declaration, decision: str, rationale: str, conditions: str = ""
) -> None:
    if decision not in DeclarationDecision.values or decision == DeclarationDecision.PENDING:
        raise ValidationError("Choose approve, approve with conditions, or refuse.")
    if not rationale.strip():
        raise ValidationError("Write the rationale for the decision.")
    if decision == DeclarationDecision.CONDITIONS and not conditions.strip():
        raise ValidationError("Write the conditions.")
    if declaration.decision != DeclarationDecision.PENDING:
        raise ValidationError("This declaration has already been decided.")
    _refuse_own(actor, declaration.staff)
    with transaction.atomic():
        declaration.decision, declaration.rationale = decision, rationale
        declaration.conditions = conditions if decision == DeclarationDecision.CONDITIONS else ""
        declaration.decided_by, declaration.decided_at = actor, timezone.now()
        declaration.decided_by_label = actor.get_full_name()[:150]
        declaration.save()
        audit_append(
            actor=actor,
            event="vetting.declaration_decided",
            category=AuditCategory.ALTERATION,
            object_type="declaration",
            object_id=str(declaration.pk),
            reason=rationale[:200],
            detail={"decision": decision, "staff_id": declaration.staff.staff_id},
        )
