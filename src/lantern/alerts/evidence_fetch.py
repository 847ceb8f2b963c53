# ruff: noqa: S608 - SQL is built from table names and quoted file paths, never user input
"""Reading what the triage pages need from the scanned data (clean Parquet, via DuckDB).

Only rows that concern an alert leave the files: the events and contacts its
indicators cite, the member of staff's other accesses to the same person, the
person's occurrences, the staff's assignments to them, and duty periods
around the evidence. Members of the public are minimised to id, sex, birth
year, home district and markers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from lantern.contract.reader import quote_literal

CONTEXT_ROWS_PER_ALERT = 200


@dataclass
class AlertContext:
    staff: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    accesses: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    occurrences: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    duties: list[dict[str, Any]] = field(default_factory=list)


def _source(clean_dir: Path, table: str) -> str:
    folder = clean_dir / table
    path = f"{folder}/**/*.parquet" if folder.is_dir() else f"{clean_dir / table}.parquet"
    return f"read_parquet({quote_literal(path)}, hive_partitioning = false, union_by_name = true)"


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """Rows as dicts, through Arrow so instants arrive as aware UTC datetimes."""
    return list(con.sql(sql).to_arrow_table().to_pylist())


def _register(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, list[Any]]) -> None:
    """A small lookup table (possibly empty) the queries can join to."""
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in columns.items()})
    con.register(name, table)


def alert_context_fetch(
    clean_dir: Path, pairs: Iterable[tuple[str, str | None]], evidence_ids: Iterable[str]
) -> AlertContext:
    """Everything the evidence timelines of these (staff, person) pairs need."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    unique_pairs = sorted(set(pairs), key=str)
    _register(con, "pair", {"staff_id": [s for s, _ in unique_pairs],
                            "person_id": [p for _, p in unique_pairs]})  # fmt: skip
    _register(con, "cited", {"id": sorted(set(evidence_ids))})
    src = {t: _source(clean_dir, t) for t in (
        "staff", "persons", "person_contacts", "occurrences", "occurrence_persons",
        "assignments", "duties", "access_events", "communications",
    )}  # fmt: skip
    ctx = AlertContext()
    ctx.staff = _rows(con, f"SELECT * FROM {src['staff']}")
    ctx.accesses = _rows(
        con,
        f"""
        WITH hits AS (
          SELECT a.* FROM {src["access_events"]} a
          WHERE a.event_id IN (SELECT id FROM cited)
             OR (a.staff_id, a.person_id) IN (SELECT staff_id, person_id FROM pair)
        )
        SELECT * FROM hits QUALIFY row_number() OVER (
          PARTITION BY staff_id, person_id ORDER BY (event_id IN (SELECT id FROM cited)) DESC, ts
        ) <= {CONTEXT_ROWS_PER_ALERT}""",
    )
    ctx.contacts = _rows(
        con,
        f"""
        SELECT c.*, pc.person_id FROM {src["communications"]} c
        LEFT JOIN {src["person_contacts"]} pc ON pc.phone = c.counterpart
        WHERE c.comm_id IN (SELECT id FROM cited)
           OR (c.staff_id, pc.person_id) IN (SELECT staff_id, person_id FROM pair)
        QUALIFY row_number() OVER (PARTITION BY c.comm_id ORDER BY pc.person_id) = 1""",
    )
    person_ids = {p for _, p in pairs if p} | {
        r["person_id"] for r in ctx.accesses if r["person_id"]
    }
    _register(con, "wanted", {"person_id": sorted(person_ids)})
    ctx.persons = _rows(
        con,
        f"""
        SELECT person_id, sex, birth_year, home_area, markers FROM {src["persons"]}
        WHERE person_id IN (SELECT person_id FROM wanted)""",
    )
    ctx.occurrences = _rows(
        con,
        f"""
        SELECT op.person_id, op.role AS person_role, o.* FROM {src["occurrence_persons"]} op
        JOIN {src["occurrences"]} o USING (occurrence_id)
        WHERE op.person_id IN (SELECT person_id FROM pair)""",
    )
    ctx.assignments = _rows(
        con,
        f"""
        SELECT a.* FROM {src["assignments"]} a
        WHERE a.staff_id IN (SELECT staff_id FROM pair)
          AND a.occurrence_id IN (
            SELECT occurrence_id FROM {src["occurrence_persons"]}
            WHERE person_id IN (SELECT person_id FROM pair))""",
    )
    ctx.duties = _duties(con, src, ctx)
    con.close()
    return ctx


def _duties(
    con: duckdb.DuckDBPyConnection, src: dict[str, str], ctx: AlertContext
) -> list[dict[str, Any]]:
    """Duty periods of each alerted member of staff around their evidence (a day either side)."""
    times = [(r["staff_id"], r["ts"]) for r in (*ctx.accesses, *ctx.contacts)]
    if not times:
        return []
    con.register("moment", pa.table({
        "staff_id": pa.array([s for s, _ in times], type=pa.string()),
        "ts": pa.array([t for _, t in times], type=pa.timestamp("us", tz="UTC")),
    }))  # fmt: skip
    return _rows(
        con,
        f"""
        SELECT DISTINCT d.staff_id, d.start_at, d.end_at FROM {src["duties"]} d
        JOIN moment m ON m.staff_id = d.staff_id
         AND d.start_at <= m.ts + INTERVAL 1 DAY AND d.end_at >= m.ts - INTERVAL 1 DAY""",
    )
