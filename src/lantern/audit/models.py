"""The audit trail: an append-only, hash-chained record of who did what, when and why.

DPA 2018 s.62 requires logs of collection, alteration, consultation, disclosure,
combination and erasure. Each record carries the hash of the one before it and
its own position (``seq``), so an edited, deleted, inserted or reordered record
breaks the chain; ``AuditHead`` holds the latest position and hash so that a
record cut from the end is noticed too. Database triggers (see the migrations)
refuse UPDATE and DELETE on the records table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditCategory(models.TextChoices):
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"
    SECURITY = "security", "Security event"


class AuditRecord(models.Model):
    seq = models.BigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    actor_label = models.CharField(max_length=150, editable=False)
    event = models.CharField(max_length=80, editable=False, db_index=True)
    category = models.CharField(max_length=20, choices=AuditCategory.choices, editable=False)
    object_type = models.CharField(max_length=80, blank=True, editable=False)
    object_id = models.CharField(max_length=80, blank=True, editable=False, db_index=True)
    reason = models.TextField(blank=True, editable=False)
    detail = models.JSONField(default=dict, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event} by {self.actor_label}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise PermissionError("Audit records are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit records are append-only.")


class AuditHead(models.Model):
    """One row: the position and hash of the latest record. Locked to append."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"audit head at #{self.seq}"
