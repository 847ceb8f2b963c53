"""The register of partner agencies: organisations, agreements, engagement, members.

Organisations that support vulnerable people (domestic abuse services, victims'
hubs, independent sexual violence advisers) are how many victims' concerns about
an officer reach the counter-corruption unit. Partner-agency users sign in as
members of one organisation; their concerns are reports to the line
(``lantern.reporting.Report`` with ``partner_organisation`` set).
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class OrganisationKind(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse_service", "Domestic abuse service"
    VICTIMS_HUB = "victims_hub", "Victims' hub"
    SEXUAL_VIOLENCE = "sexual_violence_adviser", "Sexual violence advisers (ISVA)"
    OTHER = "other", "Other support organisation"


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    area = models.CharField(max_length=200, blank=True, help_text="Where it works.")
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """An information-sharing or referral agreement with an organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agreements"
    )
    title = models.CharField(max_length=200)
    document_reference = models.CharField(max_length=100)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.document_reference})"

    def in_force(self, on: date | None = None) -> bool:
        today = on or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class EngagementKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    TRAINING = "training", "Training"
    REFERRAL = "referral", "Referral"
    OTHER = "other", "Other"


class Engagement(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="engagements"
    )
    kind = models.CharField(max_length=20, choices=EngagementKind.choices)
    occurred_on = models.DateField()
    summary = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.organisation} on {self.occurred_on}"


class Membership(models.Model):
    """A partner-agency user belongs to exactly one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_membership"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "user"]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"
