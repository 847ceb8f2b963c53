"""State for daily runs: the typed history that a full rescan would read.

A daily dataset holds the new day's rows and any rows that changed (an
assignment released, a marker added). Each run validates only that dataset,
then merges it into the state's clean history:

- access events and communications are append-only, keyed by their ids: new
  ids are added as a new batch of Parquet files, repeats are ignored;
- the other tables are upserted by their key, the newer row winning (so a
  release time recorded today replaces yesterday's open assignment).

Detection then runs over the whole history. Because late-arriving
assignments and releases can change how past accesses are explained, nothing
derived is cached across runs: the typed history is the state, and the alerts
of a daily run are exactly those of a full rescan of the same rows. The merge
is built in a scratch directory and swapped in only after the run succeeds.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from lantern.contract.schema import TABLES
from lantern.engine.force import clean_table_files

# Upsert keys of the tables that can change; the rest is keyed by every column.
MERGE_KEYS: dict[str, tuple[str, ...]] = {
    "staff": ("staff_id",),
    "persons": ("person_id",),
    "occurrences": ("occurrence_id",),
    "assignments": ("occurrence_id", "staff_id", "role", "assigned_at"),
    "duties": ("staff_id", "start_at"),
    "person_contacts": ("person_id", "phone"),
    "occurrence_persons": ("occurrence_id", "person_id", "role"),
}
APPEND_KEYS: dict[str, str] = {"access_events": "event_id", "communications": "comm_id"}

# The SQL below is built from the contract's own table and column names and
# from file paths quoted by ``_quote``: no input reaches it unquoted (S608).
CLEAN = "clean"
SEEN_ALERTS = "alerts_seen.json"
RUNS = "runs.jsonl"


@dataclass(frozen=True)
class StateMerge:
    """A merged history ready to swap in, and how many rows each table gained."""

    state_dir: Path
    staged: Path
    added: dict[str, int]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sources(files: list[Path]) -> str:
    return "[" + ", ".join(_quote(str(p)) for p in files) + "]"


def state_merge(state_dir: Path, delta_clean: Path, work: Path) -> StateMerge:
    """Merge the clean ``delta_clean`` into a staged copy of the state's history."""
    history = state_dir / CLEAN
    staged = work / "state-clean"
    staged.mkdir(parents=True)
    con = duckdb.connect(config={"memory_limit": "2GB", "temp_directory": str(work / "spill")})
    try:
        added = {name: _merge_table(con, name, history, delta_clean, staged) for name in TABLES}
    finally:
        con.close()
    return StateMerge(state_dir, staged, added)


def _merge_table(
    con: duckdb.DuckDBPyConnection, name: str, history: Path, delta: Path, staged: Path
) -> int:
    old, new = clean_table_files(history, name), clean_table_files(delta, name)
    if name in APPEND_KEYS:
        return _append(con, name, APPEND_KEYS[name], history, old, new, staged)
    return _upsert(con, name, MERGE_KEYS[name], old, new, staged)


def _upsert(
    con: duckdb.DuckDBPyConnection,
    name: str,
    keys: tuple[str, ...],
    old: list[Path],
    new: list[Path],
    staged: Path,
) -> int:
    columns = ", ".join(f'"{c}"' for c in TABLES[name].column_names)
    parts = []
    if new:
        parts.append(f"SELECT {columns}, 1 AS _newer FROM read_parquet({_sources(new)})")  # noqa: S608
    if old:
        parts.append(f"SELECT {columns}, 0 AS _newer FROM read_parquet({_sources(old)})")  # noqa: S608
    target = staged / f"{name}.parquet"
    if not parts:
        return 0
    key_list = ", ".join(f'"{k}"' for k in keys)
    query = (
        f"SELECT {columns} FROM ({' UNION ALL '.join(parts)}) "  # noqa: S608
        f"QUALIFY row_number() OVER (PARTITION BY {key_list} ORDER BY _newer DESC) = 1"
    )
    con.execute(f"COPY ({query}) TO {_quote(str(target))} (FORMAT parquet, COMPRESSION zstd)")
    before = _rows(con, old)
    return _rows(con, [target]) - before


def _append(
    con: duckdb.DuckDBPyConnection,
    name: str,
    key: str,
    history: Path,
    old: list[Path],
    new: list[Path],
    staged: Path,
) -> int:
    """Link the history's batches and add the delta's unseen rows as a new batch."""
    target = staged / name
    if (history / name).is_dir():
        shutil.copytree(history / name, target, copy_function=_link_or_copy)
    target.mkdir(exist_ok=True)
    if not new:
        return 0
    columns = ", ".join(f'"{c}"' for c in TABLES[name].column_names)
    query = f'SELECT DISTINCT ON ("{key}") {columns} FROM read_parquet({_sources(new)})'  # noqa: S608
    if old:
        seen = f'SELECT "{key}" FROM read_parquet({_sources(old)})'  # noqa: S608
        query += f' WHERE "{key}" NOT IN ({seen})'
    batch = target / f"batch-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.parquet"
    con.execute(f"COPY ({query}) TO {_quote(str(batch))} (FORMAT parquet, COMPRESSION zstd)")
    return _rows(con, [batch])


def _link_or_copy(src: str, dst: str) -> None:
    """Hard-link history files into the staged copy (no data copied); copy across devices."""
    try:
        Path(dst).hardlink_to(src)
    except OSError:
        shutil.copy2(src, dst)


def _rows(con: duckdb.DuckDBPyConnection, files: list[Path]) -> int:
    if not files:
        return 0
    query = f"SELECT count(*) FROM read_parquet({_sources(files)})"  # noqa: S608
    row = con.execute(query).fetchone()
    return int(row[0]) if row else 0


def state_commit(merge: StateMerge) -> None:
    """Swap the staged history in for the old one."""
    history = merge.state_dir / CLEAN
    retired = merge.state_dir / f".retired-{uuid.uuid4().hex[:8]}"
    if history.exists():
        history.rename(retired)
    merge.staged.rename(history)
    shutil.rmtree(retired, ignore_errors=True)


def alerts_seen_read(state_dir: Path) -> dict[str, str]:
    """alert_id -> the date of the run that first raised it."""
    path = state_dir / SEEN_ALERTS
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def alerts_seen_text(seen: dict[str, str], alert_ids: list[str], run_date: str) -> str:
    updated = dict(seen)
    for alert_id in alert_ids:
        updated.setdefault(alert_id, run_date)
    return json.dumps(dict(sorted(updated.items())), indent=1)
