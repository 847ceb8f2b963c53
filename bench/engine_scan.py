"""Benchmark of ``lantern scan`` against a plain DuckDB pass over the same files.

For each force size it generates a synthetic force (``lantern synth``), then
measures, in the same run and on the same files:

- a plain pass: one DuckDB query per input file that reads every column of
  every row once (``sum(hash(column))``, which statistics cannot answer);
- ``lantern scan`` (DuckDB): wall time, peak memory (RSS of the scan process),
  and its own split between ingestion (the contract package) and detection;
- optionally ``lantern scan --backend spark`` on one size, beside it.

Usage (big runs belong in /tmp; the data are deleted afterwards unless --keep):

    .venv/bin/python bench/engine_scan.py --work /tmp/lantern-bench \\
        --staff 625 1250 2500 5000 --days 120 --spark-staff 625

Prints a Markdown table and writes ``results.json`` in the work directory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

LANTERN = [sys.executable, "-m", "lantern.cli"]


@dataclass
class Measure:
    """One scan of one force."""

    staff: int
    days: int
    events: int
    backend: str
    plain_pass_s: float
    scan_s: float
    ingest_s: float
    detect_s: float
    peak_rss_mb: float
    alerts: int

    @property
    def events_per_s(self) -> float:
        return self.events / self.scan_s

    @property
    def ratio(self) -> float:
        return self.scan_s / self.plain_pass_s

    @property
    def detect_ratio(self) -> float:
        return self.detect_s / self.plain_pass_s


def run_measured(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, peak RSS in MB of that process tree's leader)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def force_generate(work: Path, staff: int, days: int, seed: int) -> Path:
    target = work / f"force-{staff}x{days}"
    if not (target / "dataset").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        command = [*LANTERN, "synth", str(target), "--staff", str(staff), "--days", str(days)]
        subprocess.run([*command, "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return target / "dataset"


def table_sources(dataset: Path) -> list[str]:
    """A DuckDB reader for every input file of the dataset."""
    sources = []
    for path in sorted(dataset.iterdir()):
        if path.is_dir():
            sources.append(f"read_parquet('{path}/**/*.parquet')")
        elif path.suffix == ".parquet":
            sources.append(f"read_parquet('{path}')")
        elif path.suffix == ".csv":
            sources.append(f"read_csv('{path}', all_varchar=true)")
        elif path.suffix == ".jsonl":
            sources.append(f"read_json('{path}', format='newline_delimited')")
    return sources


def plain_pass(dataset: Path) -> tuple[float, int]:
    """Seconds to read every column of every input file once; and the access event count."""
    con = duckdb.connect(config={"memory_limit": "3GB"})
    started, events = time.perf_counter(), 0
    for source in table_sources(dataset):
        describe = f"DESCRIBE SELECT * FROM {source}"  # noqa: S608 - paths of our own files
        columns = [row[0] for row in con.execute(describe).fetchall()]
        hashes = ", ".join(f'sum(hash("{c}"))' for c in columns)
        row = con.execute(f"SELECT count(*), {hashes} FROM {source}").fetchone()  # noqa: S608
        if "access_events" in source and row is not None:
            events = int(row[0])
    con.close()
    return time.perf_counter() - started, events


def scan(dataset: Path, work: Path, backend: str, staff: int, days: int) -> Measure:
    plain_s, events = plain_pass(dataset)
    out = work / f"alerts-{staff}-{backend}.jsonl"
    scan_s, rss = run_measured(
        [*LANTERN, "scan", str(dataset), "--out", str(out), "--backend", backend]
    )
    summary = json.loads(out.with_name(out.stem + ".summary.json").read_text())
    timings = summary["timings"]
    detect_s = sum(v for k, v in timings.items() if k.startswith("detect_"))
    return Measure(
        staff, days, events, backend, round(plain_s, 2), round(scan_s, 2),
        round(timings["ingest"], 2), round(detect_s, 2), round(rss), summary["alerts"],
    )  # fmt: skip


def table(measures: list[Measure]) -> str:
    lines = [
        "| staff x days | events | backend | plain pass s | scan s | ingest s | detect s "
        "| events/s | scan / plain | detect / plain | peak RSS MB | alerts |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in measures:
        lines.append(
            f"| {m.staff} x {m.days} | {m.events:,} | {m.backend} | {m.plain_pass_s} "
            f"| {m.scan_s} | {m.ingest_s} | {m.detect_s} | {m.events_per_s:,.0f} "
            f"| {m.ratio:.1f} | {m.detect_ratio:.1f} | {m.peak_rss_mb:,.0f} | {m.alerts} |"
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load_average": [round(x, 2) for x in load],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/lantern-bench"))  # noqa: S108
    parser.add_argument("--staff", type=int, nargs="+", default=[625, 1250, 2500, 5000])
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--spark-staff", type=int, nargs="*", default=[])
    parser.add_argument("--keep", action="store_true", help="keep the generated forces")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    measures = []
    try:
        for staff in args.staff:
            dataset = force_generate(args.work, staff, args.days, args.seed)
            measures.append(scan(dataset, args.work, "duckdb", staff, args.days))
            if staff in args.spark_staff:
                measures.append(scan(dataset, args.work, "spark", staff, args.days))
            print(table(measures[-2:] if staff in args.spark_staff else measures[-1:]))
    finally:
        results = {"machine": machine(), "measures": [asdict(m) for m in measures]}
        (args.work / "results.json").write_text(json.dumps(results, indent=2))
        if not args.keep:
            for staff in args.staff:
                shutil.rmtree(args.work / f"force-{staff}x{args.days}", ignore_errors=True)
    print(json.dumps(results["machine"]))
    print(table(measures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
