"""Daily runs with ``--state`` reach the same alerts as a full rescan."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from lantern.engine.scan import run_scan, summary_path_for
from tests.engine.conftest import QUIET
from tests.engine.force_factory import ForceBuilder, at
from tests.engine.scenarios import accumulation, court_preparation, predator, unexplained_vulnerable

pytestmark = QUIET

# Large tables arrive by day; the rest as they were known at the end of each batch.
BY_TIME = {"access_events": "ts", "communications": "ts", "duties": "start_at"}
BATCH_ENDS = (9, 19, 29, 39, 60)


def released_later(f: ForceBuilder) -> None:
    """Assigned on day 5, released on day 25 (a later batch), back at night from day 35."""
    f.staff("Z1")
    f.roster("Z1", range(0, 60))
    f.person("VZ", markers=["domestic_abuse_victim"], phones=("+447700900999",))
    f.occurrence("OZ", persons={"VZ": "victim"}, reported_at=at(5, 8), closed_at=at(30, 9))
    f.assign("OZ", "Z1", start=at(5, 8.5), end=at(25, 12))
    for d in range(6, 25, 3):
        f.access("Z1", at(d, 11), person_id="VZ")
    for d in (35, 40, 45, 50, 55):
        f.access("Z1", at(d, 23), person_id="VZ")
        f.contact("Z1", at(d, 23.5), "+447700900999")


def story() -> ForceBuilder:
    f = ForceBuilder()
    for scenario in (
        predator,
        court_preparation,
        unexplained_vulnerable,
        accumulation,
        released_later,
    ):
        scenario(f)
    return f


def known_by(rows: list[dict[str, Any]], table: str, start: datetime, end: datetime):
    """The rows of ``table`` a force would export for the batch [start, end)."""
    if table in BY_TIME:
        return [r for r in rows if start <= r[BY_TIME[table]] < end]
    if table == "assignments":
        rows = [r for r in rows if r["assigned_at"] < end]
        return [{**r, "released_at": _if_before(r["released_at"], end)} for r in rows]
    if table == "occurrences":
        rows = [r for r in rows if r["reported_at"] < end]
        return [{**r, "closed_at": _if_before(r["closed_at"], end)} for r in rows]
    return rows


def _if_before(value: datetime | None, end: datetime) -> datetime | None:
    return value if value is not None and value < end else None


def daily_datasets(f: ForceBuilder, root: Path) -> list[Path]:
    paths, start = [], at(-1000, 0)
    for end_day in BATCH_ENDS:
        end = at(end_day + 1, 0)
        day = ForceBuilder()
        day.rows = {t: known_by(rows, t, start, end) for t, rows in f.rows.items()}
        paths.append(day.write(root / f"day-{end_day:02d}"))
        start = end
    return paths


def test_daily_runs_reach_the_same_alerts_as_a_full_rescan(tmp_path: Path):
    force = story()
    full = tmp_path / "full.jsonl"
    run_scan(force.write(tmp_path / "whole"), full)
    state, daily = tmp_path / "state", tmp_path / "daily.jsonl"
    new_by_run = []
    for dataset in daily_datasets(force, tmp_path / "days"):
        summary = run_scan(dataset, daily, state_dir=state)
        new_by_run.append(len(summary.state["new_alerts"]))
    assert daily.read_text() == full.read_text()
    assert full.read_text().count("\n") >= 5
    assert '"staff_id": "Z1"' in full.read_text()
    assert sum(new_by_run) == full.read_text().count("\n")  # each alert is new exactly once
    last = json.loads(summary_path_for(daily).read_text())
    assert last["state"]["rows_added"]["access_events"] > 0


def test_a_repeated_day_changes_nothing(tmp_path: Path):
    dataset = story().write(tmp_path / "whole")
    state = tmp_path / "state"
    first = run_scan(dataset, tmp_path / "one.jsonl", state_dir=state)
    second = run_scan(dataset, tmp_path / "two.jsonl", state_dir=state)
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert second.state["rows_added"]["access_events"] == 0
    assert second.state["new_alerts"] == [] and first.state["new_alerts"]
