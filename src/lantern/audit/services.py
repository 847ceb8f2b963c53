"""Writing to and checking the audit trail.

``audit_append`` is the only way a record is written. Call it inside the same
transaction as the change it records, so that both happen or neither does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from lantern.audit.chain import GENESIS_HASH, record_hash
from lantern.audit.models import AuditCategory, AuditHead, AuditRecord

if TYPE_CHECKING:
    from lantern.accounts.models import User


def audit_append(
    *,
    actor: User | None,
    event: str,
    category: AuditCategory,
    object_type: str = "",
    object_id: str = "",
    reason: str = "",
    detail: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> AuditRecord:
    """Append one record to the chain, locking the head so writers queue in order."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        label = actor_label if actor_label is not None else (actor.username if actor else "system")
        fields: dict[str, Any] = {
            "seq": head.seq + 1,
            "at": timezone.now(),
            "actor_label": label[:150],
            "event": event,
            "category": str(category),
            "object_type": object_type,
            "object_id": str(object_id),
            "reason": reason,
            "detail": detail or {},
            "prev_hash": head.hash,
        }
        digest = record_hash(actor_id=str(actor.pk) if actor else None, **fields)
        record = AuditRecord.objects.create(actor=actor, hash=digest, **fields)
        head.seq = record.seq
        head.hash = digest
        head.save(update_fields=["seq", "hash"])
        return record


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    records_checked: int
    first_broken_seq: int | None
    problem: str

    def describe(self) -> str:
        if self.intact:
            return f"Audit chain intact: {self.records_checked} records checked."
        return (
            f"Audit chain BROKEN at record #{self.first_broken_seq}: {self.problem} "
            f"({self.records_checked} records checked before it)."
        )


def _broken(checked: int, seq: int | None, problem: str) -> ChainReport:
    return ChainReport(False, checked, seq, problem)


def audit_chain_verify() -> ChainReport:
    """Walk the chain in order and name the first record that does not fit."""
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    records = AuditRecord.objects.order_by("seq").iterator(chunk_size=2000)
    for record in records:
        if record.seq != expected_seq:
            kind = "a record is missing" if record.seq > expected_seq else "a record is repeated"
            return _broken(checked, expected_seq, f"{kind} (found #{record.seq} next)")
        if record.prev_hash != expected_prev:
            return _broken(checked, record.seq, "it does not follow the record before it")
        digest = record_hash(
            seq=record.seq,
            at=record.at,
            actor_id=str(record.actor_id) if record.actor_id else None,
            actor_label=record.actor_label,
            event=record.event,
            category=record.category,
            object_type=record.object_type,
            object_id=record.object_id,
            reason=record.reason,
            detail=record.detail,
            prev_hash=record.prev_hash,
        )
        if digest != record.hash:
            return _broken(checked, record.seq, "its content has been changed")
        expected_seq, expected_prev, checked = record.seq + 1, record.hash, checked + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.seq > checked:
        return _broken(checked, checked + 1, f"records #{checked + 1} to #{head.seq} are missing")
    if head is not None and (head.seq < checked or head.hash != expected_prev):
        return _broken(checked, head.seq + 1, "records were added after the last one Lantern wrote")
    return ChainReport(True, checked, None, "")
