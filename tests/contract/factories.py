"""Build small contract datasets on disk, in every format, for the tests."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lantern.contract.schema import TABLES

Row = dict[str, Any]


def valid_rows() -> dict[str, list[Row]]:
    """A tiny, valid force: two staff, one victim, one occurrence."""
    return {
        "staff": [
            {"staff_id": "S1", "name": "Ann Smith", "role": "response_officer",
             "rank": "constable", "team_id": "T1", "area": "A1", "joined_on": "2020-01-01",
             "left_on": "", "home_area": "A2", "person_id": ""},
            {"staff_id": "S2", "name": "Bob Jones", "role": "detective", "rank": "sergeant",
             "team_id": "T2", "area": "A1", "joined_on": "2015-06-30", "left_on": "",
             "home_area": "", "person_id": "P9"},
        ],
        "persons": [
            {"person_id": "P1", "sex": "f", "birth_year": 1990,
             "home_area": "A1", "markers": ["domestic_abuse_victim"]},
            {"person_id": "P9", "sex": "m", "birth_year": None, "home_area": None,
             "markers": []},
        ],
        "person_contacts": [
            {"person_id": "P1", "phone": "07700 900123"},
            {"person_id": "P9", "phone": "+44 7700 900999"},
        ],
        "occurrences": [
            {"occurrence_id": "O1", "category": "domestic_abuse",
             "reported_at": "2026-01-01T22:15:03Z", "closed_at": "", "area": "A1"},
        ],
        "occurrence_persons": [{"occurrence_id": "O1", "person_id": "P1", "role": "victim"}],
        "assignments": [
            {"occurrence_id": "O1", "staff_id": "S1", "role": "attending",
             "assigned_at": "2026-01-01T22:20:00Z", "released_at": "2026-01-02T02:00:00+00:00"},
        ],
        "duties": [
            {"staff_id": "S1", "start_at": "2026-01-01T14:00:00Z",
             "end_at": "2026-01-02T00:00:00Z"},
        ],
        "access_events": [
            {"event_id": f"E{i}", "ts": f"2026-01-0{1 + i % 2}T10:00:0{i}Z", "staff_id": "S1",
             "system": "rms", "action": "view", "person_id": "P1", "occurrence_id": "O1",
             "reason": None, "workstation": "W1"}
            for i in range(4)
        ],
        "communications": [
            {"comm_id": "C1", "ts": "2026-01-02T23:10:00Z", "staff_id": "S1",
             "device_id": "D1", "channel": "call", "direction": "outbound",
             "counterpart": "07700900123", "duration_s": 64},
            {"comm_id": "C2", "ts": "2026-01-02T23:30:00Z", "staff_id": "S1",
             "device_id": "D1", "channel": "sms", "direction": "inbound",
             "counterpart": "+447700900123", "duration_s": None},
        ],
    }  # fmt: skip


def write_csv(path: Path, rows: list[Row], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(row.get(c)) for c in columns])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def write_jsonl(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def _parse_ts(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(UTC)


def arrow_table(table: str, rows: list[Row]) -> pa.Table:
    """Typed Arrow table for Parquet output (timestamps tz-aware UTC)."""
    spec = TABLES[table]
    arrays = {}
    for column in spec.columns:
        values = [row.get(column.name) for row in rows]
        if column.type.value == "ts":
            arrays[column.name] = pa.array(
                [_parse_ts(v) for v in values], pa.timestamp("us", tz="UTC")
            )
        elif column.type.value == "integer":
            arrays[column.name] = pa.array(values, pa.int64())
        elif column.type.value == "list":
            arrays[column.name] = pa.array(values, pa.list_(pa.string()))
        else:
            arrays[column.name] = pa.array([None if v == "" else v for v in values], pa.string())
    return pa.table(arrays)


FORMATS = {
    "staff": "csv",
    "persons": "jsonl",
    "person_contacts": "csv",
    "occurrences": "csv",
    "occurrence_persons": "jsonl",
    "assignments": "csv",
    "duties": "parquet",
    "access_events": "dir",
    "communications": "parquet",
}


def write_dataset(
    root: Path,
    rows: dict[str, list[Row]] | None = None,
    formats: dict[str, str] | None = None,
) -> Path:
    """Write ``rows`` (default: valid_rows()) as a dataset of mixed formats."""
    rows = rows or valid_rows()
    formats = {**FORMATS, **(formats or {})}
    root.mkdir(parents=True, exist_ok=True)
    for table, table_rows in rows.items():
        fmt = formats[table]
        if fmt == "csv":
            write_csv(root / f"{table}.csv", table_rows, list(TABLES[table].column_names))
        elif fmt == "jsonl":
            write_jsonl(root / f"{table}.jsonl", table_rows)
        elif fmt == "parquet":
            pq.write_table(arrow_table(table, table_rows), root / f"{table}.parquet")
        elif fmt == "dir":
            by_date: dict[str, list[Row]] = {}
            for row in table_rows:
                by_date.setdefault(str(row["ts"])[:10], []).append(row)
            for date, date_rows in sorted(by_date.items()):
                part = root / table / f"date={date}"
                part.mkdir(parents=True, exist_ok=True)
                pq.write_table(arrow_table(table, date_rows), part / "part-0.parquet")
    return root
