"""Alert records and the alerts file (the data contract's output section).

One JSON object a line: ``alert_id``, ``staff_id``, ``person_id``, ``score``,
``category``, ``indicators`` (each ``code``, ``summary``, ``weight``,
``evidence``), ``first_seen`` and ``last_seen``. The file is written to a
temporary name beside the target and renamed into place, so a failed run
never leaves a partial file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCORE_DIGITS = 3


def alert_id_for(staff_id: str, person_id: str | None) -> str:
    """Stable for the same (staff, person): the same alert across runs and backends."""
    digest = hashlib.sha256(f"{staff_id}\x1f{person_id or ''}".encode()).hexdigest()
    return f"ALR-{digest[:20]}"


@dataclass(frozen=True)
class IndicatorHit:
    """One indicator as it appears on an alert."""

    code: str
    summary: str
    weight: float
    evidence: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "summary": self.summary,
            "weight": round(self.weight, SCORE_DIGITS),
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class Alert:
    """One alert. It cannot exist without an indicator carrying evidence."""

    alert_id: str
    staff_id: str
    person_id: str | None
    score: float
    category: str
    indicators: tuple[IndicatorHit, ...]
    first_seen: datetime
    last_seen: datetime

    def __post_init__(self) -> None:
        if not self.indicators or not all(hit.evidence for hit in self.indicators):
            raise ValueError(f"alert {self.alert_id} has an indicator without evidence")

    def to_json(self) -> dict[str, Any]:
        return {
            "alert_id": self.alert_id,
            "staff_id": self.staff_id,
            "person_id": self.person_id,
            "score": round(self.score, SCORE_DIGITS),
            "category": self.category,
            "indicators": [hit.to_json() for hit in self.indicators],
            "first_seen": iso_utc(self.first_seen),
            "last_seen": iso_utc(self.last_seen),
        }


def iso_utc(instant: datetime) -> str:
    """ISO 8601 in UTC with a ``Z`` (naive instants are UTC, as Spark returns them)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def alerts_ranked(alerts: Iterable[Alert]) -> list[Alert]:
    """Highest score first; ties broken by id so the file is byte-stable."""
    return sorted(alerts, key=lambda a: (-round(a.score, SCORE_DIGITS), a.alert_id))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def alerts_jsonl(alerts: Iterable[Alert]) -> str:
    lines = [json.dumps(a.to_json(), ensure_ascii=False, sort_keys=False) for a in alerts]
    return "".join(line + "\n" for line in lines)


def alerts_write(path: Path, alerts: Iterable[Alert]) -> None:
    write_atomic(path, alerts_jsonl(alerts_ranked(alerts)))


def alerts_read(path: Path) -> list[dict[str, Any]]:
    """Read an alerts file back (for tests, state and the web loader)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
