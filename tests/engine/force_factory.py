"""Builds small forces for engine tests and writes them as clean Parquet.

The clean format is what ``lantern.contract.ingest`` writes: contract column
names and types, one ``NAME.parquet`` per table, ``access_events/`` and
``communications/`` as directories. A test states only what matters to it;
everything else takes a plain default.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lantern.contract.schema import TABLES

START = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday, in GMT (no summer time)


def at(day: int, hour: float = 10.0) -> datetime:
    """An instant ``day`` days after the start, at ``hour`` o'clock UTC."""
    return START + timedelta(days=day, hours=hour)


@dataclass
class ForceBuilder:
    """Accumulates rows per contract table."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in TABLES}
    )
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def _next(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):05d}"

    def staff(
        self,
        staff_id: str,
        *,
        role: str = "response_officer",
        rank: str = "constable",
        team_id: str = "T1",
        area: str = "A1",
        home_area: str | None = None,
        person_id: str | None = None,
    ) -> str:
        self.rows["staff"].append(
            {
                "staff_id": staff_id,
                "name": f"Officer {staff_id}",
                "role": role,
                "rank": rank,
                "team_id": team_id,
                "area": area,
                "joined_on": date(2015, 1, 1),
                "left_on": None,
                "home_area": home_area,
                "person_id": person_id,
            }
        )
        return staff_id

    def person(
        self,
        person_id: str,
        *,
        sex: str | None = "f",
        markers: list[str] | None = None,
        home_area: str | None = "A1",
        phones: tuple[str, ...] = (),
    ) -> str:
        self.rows["persons"].append(
            {
                "person_id": person_id,
                "sex": sex,
                "birth_year": 1990,
                "home_area": home_area,
                "markers": markers,
            }
        )
        for phone in phones:
            self.rows["person_contacts"].append({"person_id": person_id, "phone": phone})
        return person_id

    def occurrence(
        self,
        occurrence_id: str,
        *,
        persons: dict[str, str],
        category: str = "domestic_abuse",
        reported_at: datetime | None = None,
        closed_at: datetime | None = None,
        area: str = "A1",
    ) -> str:
        self.rows["occurrences"].append(
            {
                "occurrence_id": occurrence_id,
                "category": category,
                "reported_at": reported_at or at(0, 9),
                "closed_at": closed_at,
                "area": area,
            }
        )
        for person_id, role in persons.items():
            self.rows["occurrence_persons"].append(
                {"occurrence_id": occurrence_id, "person_id": person_id, "role": role}
            )
        return occurrence_id

    def assign(
        self,
        occurrence_id: str,
        staff_id: str,
        *,
        start: datetime,
        end: datetime | None,
        role: str = "attending",
    ) -> None:
        self.rows["assignments"].append(
            {
                "occurrence_id": occurrence_id,
                "staff_id": staff_id,
                "role": role,
                "assigned_at": start,
                "released_at": end,
            }
        )

    def duty(self, staff_id: str, start: datetime, end: datetime) -> None:
        self.rows["duties"].append({"staff_id": staff_id, "start_at": start, "end_at": end})

    def roster(self, staff_id: str, days: range, *, start_hour: float = 7, hours: float = 10):
        """One duty a day from ``start_hour`` for ``hours``, on each of ``days``."""
        for day in days:
            begin = at(day, start_hour)
            self.duty(staff_id, begin, begin + timedelta(hours=hours))

    def access(
        self,
        staff_id: str,
        when: datetime,
        *,
        person_id: str | None,
        occurrence_id: str | None = None,
        system: str = "rms",
        action: str = "view",
        reason: str | None = None,
        event_id: str | None = None,
    ) -> str:
        event_id = event_id or self._next("E")
        self.rows["access_events"].append(
            {
                "event_id": event_id,
                "ts": when,
                "staff_id": staff_id,
                "system": system,
                "action": action,
                "person_id": person_id,
                "occurrence_id": occurrence_id,
                "reason": reason,
                "workstation": "WS1",
            }
        )
        return event_id

    def contact(
        self,
        staff_id: str,
        when: datetime,
        counterpart: str,
        *,
        direction: str = "outbound",
        channel: str = "sms",
        comm_id: str | None = None,
    ) -> str:
        comm_id = comm_id or self._next("C")
        self.rows["communications"].append(
            {
                "comm_id": comm_id,
                "ts": when,
                "staff_id": staff_id,
                "device_id": f"D-{staff_id}",
                "channel": channel,
                "direction": direction,
                "counterpart": counterpart,
                "duration_s": 60 if channel == "call" else None,
            }
        )
        return comm_id

    def table(self, name: str) -> pa.Table:
        schema = TABLES[name].arrow_schema
        return pa.Table.from_pylist(self.rows[name], schema=schema)

    def write(self, clean_dir: Path) -> Path:
        """Write every table in the clean format; returns ``clean_dir``."""
        clean_dir.mkdir(parents=True, exist_ok=True)
        for name, spec in TABLES.items():
            table = self.table(name)
            if spec.large:
                (clean_dir / name).mkdir(exist_ok=True)
                pq.write_table(table, clean_dir / name / "part-0.parquet")
            else:
                pq.write_table(table, clean_dir / f"{name}.parquet")
        return clean_dir
