"""Corruption intelligence reports: graded 3x5x2, in the 12 national categories.

The sanitised text can be read by anyone in the unit with the role; the
restricted source details sit in their own table and are shown only to the
report's author and the head of professional standards.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.alerts.models import Alert
from lantern.force.models import StaffMember
from lantern.intelligence.vocabulary import (
    Handling,
    IntelligenceAssessment,
    Outcome,
    SourceEvaluation,
    SourceType,
)


class IntelligenceReport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    subjects = models.ManyToManyField(StaffMember, related_name="intelligence_reports", blank=True)
    subject_description = models.TextField(
        blank=True, help_text="Who the report is about when no staff record is matched yet."
    )
    categories = models.JSONField(default=list)
    source_type = models.CharField(max_length=20, choices=SourceType.choices)
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    intelligence_assessment = models.CharField(max_length=1, choices=IntelligenceAssessment.choices)
    handling = models.CharField(max_length=1, choices=Handling.choices)
    handling_conditions = models.TextField(blank=True)
    sanitised_text = models.TextField()
    linked_alerts = models.ManyToManyField(Alert, related_name="intelligence_reports", blank=True)
    origin_reference = models.CharField(max_length=80, blank=True)
    review_due = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    outcome_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def grading(self) -> str:
        return f"{self.source_evaluation}{self.intelligence_assessment}{self.handling}"


class RestrictedSource(models.Model):
    report = models.OneToOneField(
        IntelligenceReport, on_delete=models.CASCADE, related_name="restricted_source"
    )
    details = models.TextField()

    class Meta:
        ordering = ["report"]

    def __str__(self) -> str:
        return f"restricted source of {self.report}"


class DevelopmentAction(models.Model):
    report = models.ForeignKey(
        IntelligenceReport, on_delete=models.CASCADE, related_name="development_actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    result = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]
