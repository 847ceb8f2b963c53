"""Recording and developing corruption intelligence. Each change is audited with it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.alerts.models import Alert
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import StaffMember
from lantern.intelligence.models import DevelopmentAction, IntelligenceReport, RestrictedSource
from lantern.intelligence.vocabulary import (
    Category,
    Handling,
    IntelligenceAssessment,
    Outcome,
    SourceEvaluation,
    SourceType,
)
from lantern.vetting.services import aftercare_review_trigger
from lantern.web.dates import add_months


def review_due_for(categories: Sequence[str], *, from_day: date | None = None) -> date:
    """The next review date: the shortest period configured for any of the categories."""
    rules: dict[str, int] = settings.LANTERN_INTELLIGENCE_REVIEW_MONTHS
    months = (
        min(rules.get(c, rules["default"]) for c in categories) if categories else rules["default"]
    )
    return add_months(from_day or timezone.localdate(), months)


def _next_reference(prefix: str, model: type[IntelligenceReport]) -> str:
    year = timezone.localdate().year
    count = model.objects.filter(reference__startswith=f"{prefix}-{year}-").count()
    return f"{prefix}-{year}-{count + 1:04d}"


def _check_vocabulary(
    categories: Sequence[str], source_type: str, evaluation: str, assessment: str, handling: str
) -> None:
    problems = []
    if not categories:
        problems.append("Choose at least one national category.")
    problems += [f"Unknown category {c!r}." for c in categories if c not in Category.values]
    checks: tuple[tuple[str, type[models.TextChoices], str], ...] = (
        (source_type, SourceType, "source type"),
        (evaluation, SourceEvaluation, "source evaluation"),
        (assessment, IntelligenceAssessment, "intelligence assessment"),
        (handling, Handling, "handling code"),
    )
    for value, vocabulary, name in checks:
        if value not in vocabulary.values:
            problems.append(f"Unknown {name} {value!r}.")
    if problems:
        raise ValidationError(problems)


def intelligence_report_create(
    *,
    actor: User,
    subjects: Sequence[StaffMember] = (),
    subject_description: str = "",
    categories: Sequence[str],
    source_type: str,
    source_evaluation: str,
    intelligence_assessment: str,
    handling: str,
    handling_conditions: str = "",
    sanitised_text: str,
    restricted_source_details: str = "",
    linked_alerts: Sequence[Alert] = (),
    origin_reference: str = "",
) -> IntelligenceReport:
    """Record a corruption intelligence report, graded 3x5x2."""
    _check_vocabulary(categories, source_type, source_evaluation, intelligence_assessment, handling)
    if handling == Handling.C and not handling_conditions.strip():
        raise ValidationError("Handling code C needs the conditions written down.")
    if not sanitised_text.strip():
        raise ValidationError("Write the sanitised intelligence text.")
    with transaction.atomic():
        report = IntelligenceReport.objects.create(
            reference=_next_reference("INT", IntelligenceReport),
            subject_description=subject_description, categories=list(dict.fromkeys(categories)),
            source_type=source_type, source_evaluation=source_evaluation,
            intelligence_assessment=intelligence_assessment, handling=handling,
            handling_conditions=handling_conditions, sanitised_text=sanitised_text,
            origin_reference=origin_reference, review_due=review_due_for(categories),
            created_by=actor,
        )  # fmt: skip
        report.subjects.set(subjects)
        report.linked_alerts.set(linked_alerts)
        if restricted_source_details.strip():
            RestrictedSource.objects.create(report=report, details=restricted_source_details)
        audit_append(
            actor=actor, event="intelligence.created", category=AuditCategory.COLLECTION,
            object_type="intelligence_report", object_id=str(report.pk),
            detail={"reference": report.reference, "grading": report.grading,
                    "categories": report.categories, "source_type": source_type,
                    "alerts": [str(a.pk) for a in linked_alerts]},
        )  # fmt: skip
        for subject in subjects:  # vetting aftercare: the fact and reference only
            aftercare_review_trigger(
                staff=subject, source="intelligence", reference=report.reference, actor=actor
            )
    return report


def development_action_add(
    *, actor: User, report: IntelligenceReport, description: str, owner: User, due_on: date
) -> DevelopmentAction:
    with transaction.atomic():
        action = DevelopmentAction.objects.create(
            report=report, description=description, owner=owner, due_on=due_on
        )
        audit_append(
            actor=actor,
            event="intelligence.action_added",
            category=AuditCategory.ALTERATION,
            object_type="intelligence_report",
            object_id=str(report.pk),
            reason=description[:200],
        )
    return action


def development_action_complete(*, actor: User, action: DevelopmentAction, result: str) -> None:
    with transaction.atomic():
        action.done_at, action.result = timezone.now(), result
        action.save(update_fields=["done_at", "result"])
        audit_append(
            actor=actor,
            event="intelligence.action_done",
            category=AuditCategory.ALTERATION,
            object_type="intelligence_report",
            object_id=str(action.report_id),
            reason=result[:200],
        )


def intelligence_outcome_record(
    *, actor: User, report: IntelligenceReport, outcome: str, note: str
) -> None:
    if outcome not in Outcome.values:
        raise ValidationError(f"Unknown outcome {outcome!r}.")
    with transaction.atomic():
        report.outcome, report.outcome_note = outcome, note
        report.save(update_fields=["outcome", "outcome_note"])
        audit_append(
            actor=actor,
            event="intelligence.outcome",
            category=AuditCategory.ALTERATION,
            object_type="intelligence_report",
            object_id=str(report.pk),
            reason=note[:200],
            detail={"outcome": outcome},
        )
