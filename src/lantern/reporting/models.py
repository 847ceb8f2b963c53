"""Reports to the confidential line, the conversation about each, and their attachments.

What is stored in clear is only what the handlers' inbox must sort and count:
when a report arrived, how it came in, whether someone may be at risk, its
status and outcome, and when it was first answered. Everything the reporter or
a handler writes is sealed with the report's own data key (see ``crypto``);
contact details sit in their own table under their own key. Nothing about the
reporter's connection or device is stored, and reporter rows carry no user.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Channel(models.TextChoices):
    PUBLIC = "public", "Member of the public"
    STAFF = "staff", "Police officer or staff"
    PARTNER_SELF = "partner_self", "Works for a support organisation (reported directly)"
    UNSTATED = "unstated", "Did not say"
    PARTNER_AGENCY = "partner_agency", "Partner agency (signed in)"


class Risk(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


class Status(models.TextChoices):
    NEW = "new", "New"
    IN_HAND = "in_hand", "In hand"
    AWAITING_HANDLER = "awaiting_handler", "Awaiting reply"
    AWAITING_REPORTER = "awaiting_reporter", "Waiting for the reporter"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    INTELLIGENCE = "intelligence", "Recorded as corruption intelligence"
    REFERRED = "referred", "Referred to professional standards as a complaint or conduct matter"
    SAFEGUARDING = "safeguarding", "Safeguarding referral only"
    NO_FURTHER_ACTION = "no_further_action", "No further action (not enough to act on)"
    OUTSIDE_REMIT = "outside_remit", "Not a matter for the line (signposted elsewhere)"
    DUPLICATE = "duplicate", "Duplicate of another report"


class Report(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The handlers' reference (CRL-2026-0001). Not part of any receipt.
    reference = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    anonymous = models.BooleanField(default=True)
    risk_now = models.CharField(max_length=10, choices=Risk.choices, default=Risk.NO)
    urgent = models.BooleanField(default=False, db_index=True)
    safeguarding_actioned_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    intelligence_reference = models.CharField(max_length=40, blank=True)
    converted_at = models.DateTimeField(null=True, blank=True)

    # The report itself (what, who, when, where, risk), sealed as one JSON document.
    content_sealed = models.BinaryField()
    # The data key, wrapped by the line key and (for receipt holders) by the receipt.
    key_for_line = models.BinaryField()
    key_for_reporter = models.BinaryField(null=True, blank=True)
    # Receipt: public lookup id, salt, Argon2id parameters, verifier. Never the secret.
    receipt_lookup = models.CharField(max_length=8, unique=True, null=True, blank=True)
    receipt_salt = models.BinaryField(null=True, blank=True)
    receipt_params = models.JSONField(default=dict, blank=True)
    receipt_verifier = models.BinaryField(null=True, blank=True)

    # Concerns sent by a partner-agency worker through her own sign-in.
    partner_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-urgent", "-received_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def from_partner(self) -> bool:
        return self.partner_organisation_id is not None


class ReporterContact(models.Model):
    """Contact details for a confidential (not anonymous) report: apart, under their own key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    details_sealed = models.BinaryField()
    key_for_line = models.BinaryField()

    class Meta:
        ordering = ["report"]

    def __str__(self) -> str:
        return f"contact for {self.report}"


class Author(models.TextChoices):
    REPORTER = "reporter", "Reporter"
    PARTNER = "partner", "Partner agency"
    HANDLER = "handler", "Reporting-line handler"


class MessageKind(models.TextChoices):
    REPLY = "reply", "Reply"
    QUESTION = "question", "Question"
    INFORMATION = "information", "Further information"
    NOTE = "note", "Handlers' note (not shown to the reporter)"


class Message(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    kind = models.CharField(max_length=12, choices=MessageKind.choices)
    # The handler who wrote it; reporter messages have no user by design.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    body_sealed = models.BinaryField()

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.report}"

    @property
    def shown_to_reporter(self) -> bool:
        return self.kind != MessageKind.NOTE


class Attachment(models.Model):
    """A file sent with a report or a message, metadata removed, sealed with the report's key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    name_sealed = models.BinaryField()
    data_sealed = models.BinaryField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"attachment to {self.report}"
