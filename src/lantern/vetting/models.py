"""Vetting: posts and the level each needs, who holds which post, clearances,
aftercare, declarations, the HR records that move with a transferee, transfer
packets sent and received, and the national barred and advisory lists."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.force.models import StaffMember
from lantern.vetting.vocabulary import (
    AppointmentStatus,
    ClearanceSource,
    ClearanceStatus,
    DeclarationDecision,
    DeclarationKind,
    Level,
    ListKind,
    PsdStatus,
    RecordKind,
    ReviewKind,
    ReviewOutcome,
    TriggerSource,
)

USER = settings.AUTH_USER_MODEL


class Post(models.Model):
    post_id = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=200)
    unit = models.CharField(max_length=100, db_index=True)
    area = models.CharField(max_length=64)
    high_contact = models.BooleanField(
        default=False, help_text="High contact with vulnerable people (e.g. DA, child protection)."
    )
    required_level = models.CharField(max_length=8, choices=Level.choices)

    class Meta:
        ordering = ["unit", "post_id"]

    def __str__(self) -> str:
        return f"{self.post_id} {self.title}"


class PersonnelDetail(models.Model):
    """What HR holds about a member of staff beyond the directory: needed for list checks."""

    staff = models.OneToOneField(StaffMember, on_delete=models.CASCADE, related_name="personnel")
    date_of_birth = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["staff"]

    def __str__(self) -> str:
        return f"personnel detail of {self.staff}"


class Posting(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="postings")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="postings")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["staff", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "post", "started_on"], name="one_posting_per_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} in {self.post} from {self.started_on}"


class Clearance(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="clearances")
    level = models.CharField(max_length=8, choices=Level.choices)
    granted_on = models.DateField()
    expires_on = models.DateField()
    conditions = models.TextField(blank=True)
    rationale = models.TextField(help_text="The decision record: why it was granted.")
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_label = models.CharField(max_length=150, blank=True)
    source = models.CharField(max_length=20, choices=ClearanceSource.choices)
    renews = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewed_by"
    )
    status = models.CharField(
        max_length=12, choices=ClearanceStatus.choices, default=ClearanceStatus.ACTIVE
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["staff", "-granted_on"]
        indexes = [models.Index(fields=["status", "expires_on"], name="clearance_expiry")]

    def __str__(self) -> str:
        return f"{self.level} for {self.staff} to {self.expires_on}"


class HrRecord(models.Model):
    """Performance, sickness, complaints and misconduct outcomes, as the force's HR holds them."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="hr_records")
    kind = models.CharField(max_length=12, choices=RecordKind.choices)
    recorded_on = models.DateField()
    summary = models.CharField(max_length=500)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["staff", "kind", "-recorded_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "kind", "recorded_on", "summary"], name="one_hr_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.recorded_on}"


class HrImport(models.Model):
    """One run of one file: counts reconcile (read = accepted + rejected)."""

    kind = models.CharField(max_length=20)
    file_name = models.CharField(max_length=255)
    rows_read = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_by_label = models.CharField(max_length=150)
    imported_at = models.DateTimeField(default=timezone.now)
    refused = models.BooleanField(
        default=False,
        help_text="Nothing was written: a list extract with any rejected row replaces nothing.",
    )
    export_id = models.CharField(
        max_length=120,
        blank=True,
        help_text="The export this file came from, when its folder names one (manifest.json).",
    )
    date_shift_days = models.IntegerField(
        default=0,
        help_text="Days every date was moved by on import (demo data brought up to today).",
    )

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"


class HrRejectedRow(models.Model):
    run = models.ForeignKey(HrImport, on_delete=models.CASCADE, related_name="rejections")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=64, blank=True)
    value = models.CharField(max_length=500, blank=True)
    reason = models.CharField(max_length=500)
    raw = models.JSONField(default=dict)

    class Meta:
        ordering = ["run", "row"]

    def __str__(self) -> str:
        return f"{self.run.file_name} row {self.row}: {self.reason}"


class AftercareReview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="aftercare")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    due_on = models.DateField()
    selection = models.ForeignKey(
        "RevettingSelection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    outcome = models.CharField(max_length=12, choices=ReviewOutcome.choices, blank=True)
    rationale = models.TextField(blank=True)
    completed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["completed_at", "due_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.staff} due {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class AftercareTrigger(models.Model):
    """Adverse information, need-to-know: only the fact and its reference, never the content."""

    review = models.ForeignKey(AftercareReview, on_delete=models.CASCADE, related_name="triggers")
    source = models.CharField(max_length=16, choices=TriggerSource.choices)
    reference = models.CharField(max_length=80)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "received_at"]
        constraints = [
            models.UniqueConstraint(fields=["review", "source", "reference"], name="one_trigger")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.reference}"


class RevettingSelection(models.Model):
    """A randomised re-vetting draw: seed, population and picks are kept, so anyone can redo it."""

    seed = models.CharField(max_length=64)
    count = models.PositiveIntegerField()
    population = models.JSONField(default=list, help_text="staff_ids in the draw, sorted.")
    selected = models.JSONField(default=list, help_text="staff_ids picked, in draw order.")
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"re-vetting draw {self.pk}"


class Declaration(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="declarations")
    kind = models.CharField(max_length=24, choices=DeclarationKind.choices)
    description = models.TextField()
    submitted_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(
        max_length=24, choices=DeclarationDecision.choices, default=DeclarationDecision.PENDING
    )
    conditions = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_label = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.staff}"


class TransferPacket(models.Model):
    """A signed standard information set sent with a transferee."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    receiving_force = models.CharField(max_length=120)
    envelope = models.JSONField(help_text="The signed document exactly as sent.")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"transfer packet {self.pk}"


class IncomingTransfer(models.Model):
    """A packet received from another force, verified, checked against the lists."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    packet_id = models.CharField(max_length=64, unique=True)
    issuing_force = models.CharField(max_length=40)
    subject_name = models.CharField(max_length=200)
    subject_date_of_birth = models.DateField(null=True, blank=True)
    envelope = models.JSONField()
    appointment_status = models.CharField(max_length=16, choices=AppointmentStatus.choices)
    list_matches = models.JSONField(default=list)
    list_candidates = models.JSONField(
        default=list,
        help_text="Without a date of birth: list entries with the same surname, for a human check.",
    )
    psd_status = models.CharField(
        max_length=10, choices=PsdStatus.choices, default=PsdStatus.AWAITING
    )
    psd_note = models.TextField(blank=True)
    psd_recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    psd_recorded_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"incoming transfer {self.packet_id}"

    @property
    def document(self) -> dict[str, object]:
        document = self.envelope.get("document", {})
        return document if isinstance(document, dict) else {}


class ListEntry(models.Model):
    """One person on the Police Barred List or Police Advisory List (the latest import)."""

    kind = models.CharField(max_length=10, choices=ListKind.choices)
    surname = models.CharField(max_length=100)
    forenames = models.CharField(max_length=200)
    date_of_birth = models.DateField()
    former_force = models.CharField(max_length=120, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    listed_on = models.DateField(null=True, blank=True)
    run = models.ForeignKey(HrImport, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind", "surname", "forenames"]
        indexes = [models.Index(fields=["date_of_birth"], name="list_entry_dob")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.surname}, {self.forenames}"
