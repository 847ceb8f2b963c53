"""Safeguarding actions: recorded, assigned and tracked until closed."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import Person
from lantern.safeguarding.models import SafeguardingAction, SafeguardingSource


def safeguarding_action_record(
    *,
    actor: User,
    source: SafeguardingSource,
    source_id: str,
    action: str,
    assigned_to: User,
    due_on: date,
    person: Person | None = None,
    person_description: str = "",
) -> SafeguardingAction:
    if person is None and not person_description.strip():
        raise ValidationError("Say who is at risk.")
    with transaction.atomic():
        record = SafeguardingAction.objects.create(
            source=source,
            source_id=source_id,
            person=person,
            person_description=person_description,
            action=action,
            assigned_to=assigned_to,
            due_on=due_on,
            created_by=actor,
        )
        audit_append(
            actor=actor,
            event="safeguarding.recorded",
            category=AuditCategory.COLLECTION,
            object_type="safeguarding_action",
            object_id=str(record.pk),
            detail={"source": str(source), "source_id": source_id},
        )
    return record


def safeguarding_action_close(*, actor: User, record: SafeguardingAction, outcome: str) -> None:
    if not outcome.strip():
        raise ValidationError("Record the outcome before closing.")
    with transaction.atomic():
        record.closed_at, record.outcome = timezone.now(), outcome
        record.save(update_fields=["closed_at", "outcome"])
        audit_append(
            actor=actor,
            event="safeguarding.closed",
            category=AuditCategory.ALTERATION,
            object_type="safeguarding_action",
            object_id=str(record.pk),
            reason=outcome[:200],
        )
