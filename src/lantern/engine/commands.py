"""``lantern scan``: the command line over ``run_scan``. It owns no logic."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from lantern.engine.backends import BACKENDS, BackendUnavailableError
from lantern.engine.config import EngineConfig


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="explain every access, score what cannot be explained, write ranked alerts",
        description="Scan DATASET (a directory following the data contract) and write the "
        "alerts file, with a run summary (.summary.json) and rejected rows (.rejects.jsonl) "
        "beside it. Exit code 0: done; 2: the dataset or an option could not be used.",
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET")
    parser.add_argument("--out", type=Path, required=True, metavar="ALERTS.jsonl")
    parser.add_argument("--backend", choices=BACKENDS, default="duckdb")
    parser.add_argument("--mapping", type=Path, help="JSON mapping of force column names")
    parser.add_argument(
        "--state",
        type=Path,
        metavar="DIR",
        help="keep the typed history here; DATASET then holds one day's new and changed rows",
    )
    parser.add_argument("--spark-master", metavar="URL", help="Spark master (default local[2])")
    parser.add_argument(
        "--min-pair-score",
        type=float,
        metavar="X",
        help="the alert threshold (default 6.0): the score a (staff, person) pair needs from two "
        "families of indicators; the head of the unit sets it on the demand page",
    )
    parser.set_defaults(run=scan_command)


def scan_command(args: argparse.Namespace) -> int:
    from lantern.contract.sources import DatasetError
    from lantern.engine.scan import run_scan

    if not args.dataset.is_dir():
        return _fail(f"{args.dataset} is not a directory")
    if args.mapping is not None and not args.mapping.is_file():
        return _fail(f"mapping file {args.mapping} not found")
    config = EngineConfig()
    if args.min_pair_score is not None:
        if not args.min_pair_score > 0:
            return _fail(f"--min-pair-score must be above 0, not {args.min_pair_score}")
        scoring = replace(config.scoring, min_pair_score=args.min_pair_score)
        config = replace(config, scoring=scoring)
    try:
        summary = run_scan(
            args.dataset,
            args.out,
            backend=args.backend,
            mapping=args.mapping,
            state_dir=args.state,
            spark_master=args.spark_master,
            config=config,
        )
    except (DatasetError, BackendUnavailableError) as exc:
        return _fail(str(exc))
    rejected = sum(t["rejected"] for t in summary.tables.values())
    print(
        f"{summary.alerts} alerts written to {summary.alerts_path} "
        f"({rejected} rows rejected, see {summary.rejects_path}; "
        f"summary in {summary.summary_path}; {summary.timings['total']:.1f} s)"
    )
    return 0


def _fail(message: str) -> int:
    print(f"lantern scan: {message}", file=sys.stderr)
    return 2
