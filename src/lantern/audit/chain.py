"""The hash that links one audit record to the one before it."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def record_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: str | None,
    actor_label: str,
    event: str,
    category: str,
    object_type: str,
    object_id: str,
    reason: str,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    payload = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "event": event,
        "category": category,
        "object_type": object_type,
        "object_id": object_id,
        "reason": reason,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
