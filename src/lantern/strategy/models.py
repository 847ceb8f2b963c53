"""The control strategy (versioned), analysts' recorded work, and staffing-threshold decisions.

Nothing here is edited in place: each save of the control strategy is a new
version, each threshold decision a new row; the latest is the one in force.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.alerts.models import Alert, ScanRun

# The four strands of the national counter-corruption control strategy.
STRANDS: tuple[tuple[str, str], ...] = (
    ("prepare", "Prepare"),
    ("protect", "Protect"),
    ("prevent", "Prevent"),
    ("pursue", "Pursue"),
)


class ControlStrategyVersion(models.Model):
    """One saved version of a year's control strategy: priorities per theme and strand.

    ``priorities`` maps a national category (the theme) to a dict of the four
    strands, each the priority text the head of professional standards wrote.
    """

    year = models.PositiveSmallIntegerField(db_index=True)
    number = models.PositiveIntegerField()
    priorities = models.JSONField(default=dict)
    change_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="one_strategy_version_number")
        ]

    def __str__(self) -> str:
        return f"control strategy {self.year} v{self.number}"

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None


class WorkActivity(models.TextChoices):
    TRIAGE = "triage", "Triage and assessment"
    RESEARCH = "research", "Research and development"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    RECORDING = "recording", "Recording the decision"


class AlertWorkLog(models.Model):
    """Time an analyst records against an alert: the basis of hours per alert."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="work_logs")
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    activity = models.CharField(max_length=20, choices=WorkActivity.choices)
    minutes = models.PositiveIntegerField()
    worked_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["worked_on"], name="work_log_by_day")]

    def __str__(self) -> str:
        return f"{self.minutes} min on {self.alert}"


class StaffingThresholdDecision(models.Model):
    """The alert threshold the unit will staff, decided by the head of professional standards.

    The web application never changes the engine's configuration: this records
    the decision, the figures it was taken on, and the value to apply.
    """

    threshold = models.FloatField()
    engine_threshold = models.FloatField(help_text="The engine's threshold when decided.")
    scan_run = models.ForeignKey(
        ScanRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    weekly_volume = models.FloatField()
    analysts_needed = models.FloatField()
    expected_findings = models.FloatField(null=True, blank=True)
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"staff to threshold {self.threshold:g}"
