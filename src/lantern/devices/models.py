"""The encrypted-apps review: an editable app catalogue and dated inventory snapshots.

Each import of the mobile-device-management (MDM) app inventory is one review,
dated; "changes since the last review" compare a review with the one before it.
Rows the import refused are kept with their reason, so counts reconcile.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.devices.vocabulary import Platform, RiskClass
from lantern.force.models import StaffMember


class CatalogueEntry(models.Model):
    """One app, known by its package (Android) or bundle (iOS) identifier."""

    app_id = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=120)
    platform = models.CharField(max_length=10, choices=Platform.choices)
    risk_class = models.CharField(max_length=30, choices=RiskClass.choices)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name", "app_id"]
        verbose_name_plural = "catalogue entries"

    def __str__(self) -> str:
        return f"{self.name} ({self.app_id})"


class CatalogueVersion(models.Model):
    """The entry as it was after each change: the catalogue's history."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    platform = models.CharField(max_length=10, choices=Platform.choices)
    risk_class = models.CharField(max_length=30, choices=RiskClass.choices)
    notes = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["entry", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="catalogue_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry.app_id} v{self.version}"


class DeviceReview(models.Model):
    """One imported inventory: the state of the devices on its review date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review_date = models.DateField(unique=True)
    source_name = models.CharField(max_length=300)
    rows_read = models.PositiveIntegerField()
    rows_accepted = models.PositiveIntegerField()
    rows_rejected = models.PositiveIntegerField()
    holders_unmatched = models.PositiveIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-review_date"]

    def __str__(self) -> str:
        return f"review of {self.review_date:%Y-%m-%d}"


class InstalledApp(models.Model):
    """One accepted inventory row: an app on a device on the review date."""

    review = models.ForeignKey(DeviceReview, on_delete=models.CASCADE, related_name="apps")
    row = models.PositiveIntegerField()
    device_id = models.CharField(max_length=100, db_index=True)
    holder_number = models.CharField(max_length=64)
    holder = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="device_apps"
    )
    app_id = models.CharField(max_length=200, db_index=True)
    app_name = models.CharField(max_length=200, blank=True)
    app_version = models.CharField(max_length=60, blank=True)
    installed_on = models.DateField()

    class Meta:
        ordering = ["review", "device_id", "app_id"]

    def __str__(self) -> str:
        return f"{self.app_id} on {self.device_id}"


class RejectedRow(models.Model):
    """A row the import refused, kept as read with the reason."""

    review = models.ForeignKey(DeviceReview, on_delete=models.CASCADE, related_name="rejected")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=300, blank=True)
    reason = models.CharField(max_length=300)
    raw = models.JSONField(default=dict)

    class Meta:
        ordering = ["review", "row"]

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"
