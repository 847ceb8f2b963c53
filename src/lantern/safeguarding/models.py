"""Safeguarding actions for members of the public who may be at risk."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.force.models import Person


class SafeguardingSource(models.TextChoices):
    ALERT = "alert", "Monitoring alert"
    INTELLIGENCE = "intelligence", "Intelligence report"
    INVESTIGATION = "investigation", "Investigation"
    REPORT = "report", "Confidential report"


class SafeguardingAction(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=20, choices=SafeguardingSource.choices)
    source_id = models.CharField(max_length=64, db_index=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="safeguarding"
    )
    person_description = models.CharField(max_length=300, blank=True)
    action = models.TextField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["closed_at", "due_on"]

    def __str__(self) -> str:
        return self.action[:60]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
