"""Alerts loaded from monitoring runs, their evidence, and what the unit decided."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.force.models import Person, StaffMember


class ScanRun(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    loaded_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=500)
    alerts_read = models.PositiveIntegerField(default=0)
    alerts_new = models.PositiveIntegerField(default=0)
    alerts_suppressed = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"run {self.loaded_at:%Y-%m-%d %H:%M}"


class AlertStatus(models.TextChoices):
    NEW = "new", "New"
    DISMISSED = "dismissed", "Dismissed"
    INTELLIGENCE = "intelligence", "Escalated to intelligence"
    INVESTIGATION = "investigation", "Escalated to investigation"
    SUPPRESSED = "suppressed", "Suppressed by a recorded explanation"


class DismissalReason(models.TextChoices):
    LEGITIMATE = "legitimate", "Legitimate: a policing purpose explains it"
    DATA_ERROR = "data_error", "Data error"
    DUPLICATE = "duplicate", "Duplicate of another alert"
    INSUFFICIENT = "insufficient", "Not enough to act on"


class Alert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    alert_id = models.CharField(max_length=128, unique=True)
    run = models.ForeignKey(ScanRun, on_delete=models.PROTECT, related_name="alerts")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="alerts")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    score = models.FloatField(db_index=True)
    category = models.CharField(max_length=40, db_index=True)
    indicators = models.JSONField(default=list)
    summary = models.TextField()
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=20, choices=AlertStatus.choices, default=AlertStatus.NEW, db_index=True
    )
    dismissal_reason = models.CharField(max_length=20, choices=DismissalReason.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    suppressed_by = models.ForeignKey(
        "RecordedExplanation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suppressed_alerts",
    )

    class Meta:
        ordering = ["-score", "alert_id"]
        indexes = [
            models.Index(fields=["status", "-score", "alert_id"], name="alert_queue"),
            models.Index(fields=["staff", "-last_seen"], name="alert_by_staff"),
        ]

    def __str__(self) -> str:
        return self.alert_id

    @property
    def is_open(self) -> bool:
        return self.status == AlertStatus.NEW


class AlertIndicator(models.Model):
    """One indicator on an alert, kept as a row so the queue can filter and count by it."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="indicator_rows")
    code = models.CharField(max_length=80, db_index=True)
    weight = models.FloatField()

    class Meta:
        ordering = ["-weight"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "code"], name="one_indicator_per_alert")
        ]

    def __str__(self) -> str:
        return self.code


class EvidenceKind(models.TextChoices):
    ACCESS = "access", "Record access"
    COMMUNICATION = "communication", "Work-device contact"
    OCCURRENCE = "occurrence", "Occurrence"
    ASSIGNMENT = "assignment", "Assignment"
    DUTY = "duty", "Duty period"


class AlertEvidence(models.Model):
    """One item on an alert's timeline: what happened, and whether it was explained."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    ref_id = models.CharField(max_length=128)
    at = models.DateTimeField()
    until = models.DateTimeField(null=True, blank=True)
    description = models.TextField()
    explained = models.BooleanField(null=True)
    explanation = models.TextField(blank=True)
    indicator_codes = models.JSONField(default=list, blank=True)
    off_duty = models.BooleanField(null=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["alert", "at"], name="evidence_timeline")]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref_id}"


class RecordedExplanation(models.Model):
    """A dismissal as legitimate, kept so the same pattern does not alert again.

    Visible (listed with its owner and expiry) and reversible (revoke it, and
    the alerts it suppressed return to the queue).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    expires_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    source_alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["expires_on"]

    def __str__(self) -> str:
        return f"explanation for {self.staff.pseudonym}"

    def is_active(self, today: object | None = None) -> bool:
        day = today or timezone.localdate()
        return self.revoked_at is None and self.expires_on >= day  # type: ignore[operator]


class RevealStatus(models.TextChoices):
    GRANTED = "granted", "Granted"
    AWAITING_APPROVAL = "awaiting", "Awaiting approval by the head of professional standards"
    REFUSED = "refused", "Refused"


class Reveal(models.Model):
    """A user's recorded need to see a member of staff's name instead of the pseudonym."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="reveals")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=RevealStatus.choices)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"reveal of {self.staff.pseudonym}"
