"""``run_scan``: ingest a dataset, explain, score, and write the alerts file.

The one function ``lantern scan`` calls, usable from code too. It writes four
files beside each other, each atomically (temporary name, then rename), and
only after everything has succeeded:

- ``OUT`` (the alerts file of the data contract);
- ``OUT`` with ``.summary.json``: the run summary (per-table counts, explained
  share per role, mined templates, alerts per indicator, timings);
- ``OUT`` with ``.rejects.jsonl``: every rejected row with its reason;
- ``OUT`` with ``.explanations.jsonl``: for each alerted (staff, person) pair,
  every access that a path explained and that path (``staff_id``,
  ``person_id``, ``event_id``, ``path``), so a reviewer sees why the rest of
  the pair's activity was not held against the member of staff.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lantern import __version__
from lantern.contract.ingest import IngestResult, TableCounts, ingest_dataset
from lantern.engine.alerts import alerts_write, write_atomic
from lantern.engine.backends import BackendOptions
from lantern.engine.config import EngineConfig
from lantern.engine.detection import Detection, detect
from lantern.engine.explanation.templates import TemplateMeasure
from lantern.engine.indicators.catalogue import INDICATORS
from lantern.engine.state import (
    CLEAN,
    RUNS,
    SEEN_ALERTS,
    StateMerge,
    alerts_seen_read,
    alerts_seen_text,
    state_commit,
    state_merge,
)

SUMMARY_SCHEMA = "lantern.scan-summary/1"


@dataclass(frozen=True)
class ScanSummary:
    """What a scan read, found and wrote. Serialised as the run summary JSON."""

    dataset: str
    alerts_path: str
    summary_path: str
    rejects_path: str
    backend: str
    started_at: str
    tables: dict[str, dict[str, Any]]
    problems: int
    explained_share: dict[str, dict[str, float | int]]
    templates: list[dict[str, Any]]
    alerts: int
    alerts_per_indicator: dict[str, int]
    alerts_per_category: dict[str, int]
    counts: dict[str, int]
    timings: dict[str, float]
    indicators: dict[str, int]
    state: dict[str, Any] = field(default_factory=dict)
    score_distribution: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"schema": SUMMARY_SCHEMA, "lantern_version": __version__, **asdict(self)}


def _beside(out: Path, suffix: str) -> Path:
    """The side file of the alerts file ``out``: ``alerts.jsonl`` -> ``alerts<suffix>``."""
    return out.with_name(out.name.removesuffix(".jsonl") + suffix)


def summary_path_for(out: Path) -> Path:
    return _beside(out, ".summary.json")


def explanations_path_for(out: Path) -> Path:
    return _beside(out, ".explanations.jsonl")


def rejects_path_for(out: Path) -> Path:
    return _beside(out, ".rejects.jsonl")


def run_scan(
    dataset: Path,
    out: Path,
    *,
    backend: str = "duckdb",
    mapping: Path | None = None,
    state_dir: Path | None = None,
    spark_master: str | None = None,
    config: EngineConfig | None = None,
) -> ScanSummary:
    """Scan ``dataset`` and write the alerts file ``out`` (plus summary and rejects).

    With ``state_dir``, ``dataset`` is one day's new and changed rows: it is
    merged into the history kept there and the alerts are those of a full
    rescan of that history. Raises ``DatasetError`` when the dataset cannot be
    read at all; malformed files and rows are reported, never raised.
    """
    config = config or EngineConfig()
    started, clock_start = datetime.now(UTC), time.perf_counter()
    dataset, out = Path(dataset), Path(out)
    work_parent = state_dir if state_dir is not None else out.parent
    work_parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".lantern-scan-", dir=work_parent))
    try:
        return _scan_in(
            dataset,
            out,
            work,
            started,
            clock_start,
            _Options(backend, mapping, state_dir, spark_master, config),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


@dataclass(frozen=True)
class _Options:
    backend: str
    mapping: Path | None
    state_dir: Path | None
    spark_master: str | None
    config: EngineConfig


def _scan_in(
    dataset: Path, out: Path, work: Path, started: datetime, clock_start: float, opts: _Options
) -> ScanSummary:
    timings: dict[str, float] = {}
    tick = time.perf_counter()
    ingest = ingest_dataset(
        dataset, work / "ingested", mapping=opts.mapping, rejects_path=work / "rejects.jsonl"
    )
    timings["ingest"] = round(time.perf_counter() - tick, 3)
    merge, clean_dir = _history(opts.state_dir, ingest.clean_dir, work, timings)
    detection = detect(clean_dir, options=_backend_options(opts, work), config=opts.config)
    timings.update({f"detect_{k}": v for k, v in detection.timings.items()})
    state_info = _state_info(opts.state_dir, merge, detection, started)
    timings["total"] = round(time.perf_counter() - clock_start, 3)
    summary = _summary(dataset, out, opts.backend, started, ingest, detection, timings, state_info)
    _outputs_write(out, summary, detection, work / "rejects.jsonl")
    if merge is not None:
        _state_write(merge, detection, summary, started)
    return summary


def _history(
    state_dir: Path | None, ingested: Path, work: Path, timings: dict[str, float]
) -> tuple[StateMerge | None, Path]:
    """The clean data to scan: the ingested dataset, or the state's merged history."""
    if state_dir is None:
        return None, ingested
    tick = time.perf_counter()
    merge = state_merge(state_dir, ingested, work)
    timings["state_merge"] = round(time.perf_counter() - tick, 3)
    return merge, merge.staged


def _backend_options(opts: _Options, work: Path) -> BackendOptions:
    return BackendOptions(
        name=opts.backend,
        memory_limit=opts.config.memory_limit,
        threads=opts.config.threads,
        temp_directory=work / "engine",
        spark_master=opts.spark_master,
    )


def _state_info(
    state_dir: Path | None, merge: StateMerge | None, detection: Detection, started: datetime
) -> dict[str, Any]:
    if state_dir is None or merge is None:
        return {}
    seen = alerts_seen_read(state_dir)
    new = [a.alert_id for a in detection.alerts if a.alert_id not in seen]
    return {
        "state_dir": str(state_dir),
        "rows_added": merge.added,
        "new_alerts": new,
        "run_date": started.date().isoformat(),
    }


def _summary(
    dataset: Path,
    out: Path,
    backend: str,
    started: datetime,
    ingest: IngestResult,
    detection: Detection,
    timings: dict[str, float],
    state_info: dict[str, Any],
) -> ScanSummary:
    return ScanSummary(
        dataset=str(dataset),
        alerts_path=str(out),
        summary_path=str(summary_path_for(out)),
        rejects_path=str(rejects_path_for(out)),
        backend=backend,
        started_at=started.isoformat(),
        tables={name: _table_counts(c) for name, c in ingest.tables.items()},
        problems=len(ingest.problems),
        explained_share=detection.explained_share,
        templates=[_template_json(m) for m in detection.templates],
        alerts=len(detection.alerts),
        alerts_per_indicator=detection.alerts_per_indicator,
        alerts_per_category=detection.alerts_per_category,
        counts=detection.counts,
        timings=timings,
        indicators={code: ind.version for code, ind in INDICATORS.items()},
        state=state_info,
        score_distribution=detection.score_distribution,
    )


def _table_counts(counts: TableCounts) -> dict[str, Any]:
    return {
        "read": counts.read,
        "accepted": counts.accepted,
        "rejected": counts.rejected,
        "unknown_enum_values": counts.unknown_enum_values,
    }


def _template_json(m: TemplateMeasure) -> dict[str, Any]:
    return {
        "role": m.role,
        "template": m.template,
        "support": round(m.support, 4),
        "coverage": round(m.coverage, 4),
        "staff_using": m.staff_using,
        "events": m.events,
        "accepted": m.accepted,
    }


def _outputs_write(out: Path, summary: ScanSummary, detection: Detection, rejects: Path) -> None:
    """Alerts last: a reader who sees a new alerts file finds its summary already there."""
    rejects_final = rejects_path_for(out)
    staged_rejects = rejects_final.with_name(f".{rejects_final.name}.tmp")
    if rejects.is_file():
        shutil.copyfile(rejects, staged_rejects)
    else:
        staged_rejects.write_text("", encoding="utf-8")
    staged_rejects.replace(rejects_final)
    text = json.dumps(summary.to_json(), indent=2, default=str)
    write_atomic(summary_path_for(out), text + "\n")
    paths = "".join(json.dumps(row, sort_keys=True) + "\n" for row in detection.explanations)
    write_atomic(explanations_path_for(out), paths)
    alerts_write(out, detection.alerts)


def _state_write(
    merge: StateMerge, detection: Detection, summary: ScanSummary, started: datetime
) -> None:
    state_commit(merge)
    seen = alerts_seen_read(merge.state_dir)
    ids = [a.alert_id for a in detection.alerts]
    write_atomic(
        merge.state_dir / SEEN_ALERTS,
        alerts_seen_text(seen, ids, started.date().isoformat()),
    )
    line = json.dumps(
        {
            "started_at": summary.started_at,
            "dataset": summary.dataset,
            "alerts": summary.alerts,
            "state": summary.state,
        },
        default=str,
    )
    with (merge.state_dir / RUNS).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


__all__ = ["CLEAN", "ScanSummary", "run_scan"]
