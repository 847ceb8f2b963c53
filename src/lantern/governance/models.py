"""Inspectorate recommendations, their action plans, dated updates and evidence.

A plan's status on any date is read from its updates on or before that date
(the plan's creation is its first update), so a governance pack for a past
date is reproducible: later updates, plans and evidence are left out.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.governance.vocabulary import DeclaredStatus, EvidenceKind, FindingKind


class Recommendation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=FindingKind.choices)
    source_report = models.CharField(max_length=300)
    text = models.TextField()
    deadline = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class ActionPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="plans"
    )
    action = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recommendation", "due_on", "created_at"]

    def __str__(self) -> str:
        return self.action[:60]


class PlanUpdate(models.Model):
    """A dated progress note with the status the owner declares at that point."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="updates")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=20, choices=DeclaredStatus.choices)
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "at", "id"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.at:%Y-%m-%d}: {self.status}"


class EvidenceLink(models.Model):
    """Evidence that an action is done: a document reference or a Lantern record's address."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    label = models.CharField(max_length=200)
    target = models.CharField(max_length=500)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "added_at", "id"]

    def __str__(self) -> str:
        return self.label
