"""Investigations: need-to-know case teams, IOPC referral, decisions, evidence custody."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.alerts.models import Alert
from lantern.force.models import StaffMember
from lantern.intelligence.models import IntelligenceReport


class CaseOutcome(models.TextChoices):
    NO_CASE = "no_case_to_answer", "No case to answer"
    MANAGEMENT_ACTION = "management_action", "Management action"
    MISCONDUCT = "misconduct", "Misconduct"
    GROSS_MISCONDUCT = "gross_misconduct", "Gross misconduct"
    CRIMINAL_CHARGE = "criminal_charge", "Criminal charge"
    DISMISSAL = "dismissal", "Dismissal"


class IopcDecision(models.TextChoices):
    AWAITING = "awaiting", "Awaiting the IOPC's decision"
    INDEPENDENT = "independent", "Independent investigation"
    DIRECTED = "directed", "Directed investigation"
    LOCAL = "local", "Local investigation"
    RETURNED = "returned", "Returned to the force to handle"


class Investigation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    subject = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="investigations"
    )
    categories = models.JSONField(default=list)
    summary = models.TextField()
    origin_alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.PROTECT, related_name="investigations"
    )
    origin_report = models.ForeignKey(
        IntelligenceReport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investigations",
    )
    investigating_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    iopc_referred_at = models.DateTimeField(null=True, blank=True)
    iopc_reference = models.CharField(max_length=50, blank=True)
    iopc_decision = models.CharField(max_length=20, choices=IopcDecision.choices, blank=True)
    outcome = models.CharField(max_length=30, choices=CaseOutcome.choices, blank=True)
    outcome_rationale = models.TextField(blank=True)
    barred_list_referral = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def needs_iopc_referral(self) -> bool:
        """Abuse of position for a sexual purpose is serious corruption: refer to the IOPC."""
        return "sexual_misconduct" in self.categories and self.iopc_referred_at is None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CaseMember(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "user"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.investigation}"


class CaseTask(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="tasks")
    description = models.TextField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on"]

    def __str__(self) -> str:
        return self.description[:60]


class CaseDecision(models.Model):
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="decisions"
    )
    decision = models.TextField()
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at"]

    def __str__(self) -> str:
        return self.decision[:60]


class EvidenceFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="evidence_files"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class CustodyEntry(models.Model):
    """Chain of custody: every handling of an evidence file, with the hash seen."""

    evidence = models.ForeignKey(EvidenceFile, on_delete=models.CASCADE, related_name="custody")
    action = models.CharField(max_length=40)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    sha256_seen = models.CharField(max_length=64)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.action} {self.evidence}"
