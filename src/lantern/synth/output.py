"""Writing the dataset in the formats a force exports: CSV, JSONL and Parquet.

The layout deliberately mixes formats so that every reader path is exercised:
staff.csv, persons.jsonl, person_contacts.csv, occurrences.parquet,
occurrence_persons.csv, assignments.jsonl, duties.csv, access_events/ (Parquet
partitioned by date, one partition written per day) and communications.parquet
(one row group per day, streamed).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lantern.synth.activity import ACTIONS, CHANNELS, DIRECTIONS, REASONS, SYSTEMS, Comms, Events
from lantern.synth.columns import choice_column, id_column, nullable_id_column, ts_column

STAFF_ID_BASE = 100000
EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("staff_id", pa.string()),
        ("system", pa.string()),
        ("action", pa.string()),
        ("person_id", pa.string()),
        ("occurrence_id", pa.string()),
        ("reason", pa.string()),
        ("workstation", pa.string()),
    ]
)
COMM_SCHEMA = pa.schema(
    [
        ("comm_id", pa.string()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("staff_id", pa.string()),
        ("device_id", pa.string()),
        ("channel", pa.string()),
        ("direction", pa.string()),
        ("counterpart", pa.string()),
        ("duration_s", pa.int64()),
    ]
)


def staff_column(staff: npt.ArrayLike) -> pa.Array:
    return id_column("S", np.asarray(staff, dtype=np.int64) + STAFF_ID_BASE, 6)


def person_column(persons: npt.ArrayLike) -> pa.Array:
    return nullable_id_column("P", persons, 7)


def occurrence_column(occurrences: npt.ArrayLike) -> pa.Array:
    return nullable_id_column("O", occurrences, 7)


def events_table(events: Events, ids: pa.Array, origin_us: int) -> pa.Table:
    """Events as an Arrow table; ``origin_us`` is the period start (epoch microseconds)."""
    return pa.Table.from_arrays(
        [
            ids,
            ts_column(origin_us + events.minute_us),
            staff_column(events.staff),
            choice_column(SYSTEMS, events.system),
            choice_column(ACTIONS, events.action),
            person_column(events.person),
            occurrence_column(events.occurrence),
            choice_column(REASONS, events.reason),
            id_column("WS", events.workstation, 6),
        ],
        schema=EVENT_SCHEMA,
    )


def comms_table(comms: Comms, ids: pa.Array, origin_us: int) -> pa.Table:
    duration = np.where(comms.channel == 0, comms.duration, -1)
    return pa.Table.from_arrays(
        [
            ids,
            ts_column(origin_us + comms.ts_us),
            staff_column(comms.staff),
            id_column("DEV", comms.staff + STAFF_ID_BASE, 6),
            choice_column(CHANNELS, comms.channel),
            choice_column(DIRECTIONS, comms.direction),
            pa.array(comms.counterpart, pa.string()),
            pa.array(duration, pa.int64(), mask=duration < 0),
        ],
        schema=COMM_SCHEMA,
    )


def write_event_partition(root: Path, date: str, table: pa.Table) -> None:
    directory = root / "access_events" / f"date={date}"
    directory.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, directory / "part-0.parquet", compression="zstd")


def write_csv(path: Path, table: pa.Table) -> None:
    pacsv.write_csv(table, path)


def write_jsonl(path: Path, table: pa.Table) -> None:
    """JSON lines via DuckDB (lists stay JSON arrays; timestamps carry +00)."""
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.register("jsonl_source", table)
        target = str(path).replace("'", "''")
        con.execute(f"COPY jsonl_source TO '{target}' (FORMAT json)")
    finally:
        con.close()


class CommsWriter:
    """communications.parquet, one row group per day."""

    def __init__(self, path: Path) -> None:
        self.writer = pq.ParquetWriter(path, COMM_SCHEMA, compression="zstd")

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()
