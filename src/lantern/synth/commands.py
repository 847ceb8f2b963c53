"""``lantern synth`` and ``lantern evaluate``: thin wrappers over this package."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    synth = subparsers.add_parser(
        "synth",
        help="generate a synthetic force with planted wrongdoing",
        description="Write OUT_DIR/dataset (a force export following the data contract) "
        "and OUT_DIR/truth.json (the planted wrongdoing, outside the dataset).",
    )
    synth.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    synth.add_argument("--staff", type=int, required=True, help="members of staff (>= 50)")
    synth.add_argument("--days", type=int, required=True, help="days to generate (>= 7)")
    synth.add_argument("--seed", type=int, required=True, help="random seed (same seed, same data)")
    synth.add_argument(
        "--wrongdoer-share",
        type=float,
        default=0.005,
        help="share of staff planted as wrongdoers (default 0.005)",
    )
    synth.add_argument(
        "--start",
        type=date.fromisoformat,
        default=date(2026, 1, 5),
        help="first day, YYYY-MM-DD (default 2026-01-05)",
    )
    synth.add_argument("--quiet", action="store_true", help="no progress bar")
    synth.set_defaults(run=synth_command)

    evaluate = subparsers.add_parser(
        "evaluate",
        help="score an alerts file against the truth, with two baselines",
        description="Report recall within the review budget, pair recall and precision in "
        "the top 50, category accuracy and days to first alert, for ALERTS and for two "
        "baselines computed on DATASET. With --seeds N, generate N fresh forces shaped like "
        "TRUTH (staff, days, start, wrongdoer share; seeds 1..N), scan each with the engine "
        "and summarise them; DATASET and ALERTS are then not read.",
    )
    evaluate.add_argument("dataset", type=Path, metavar="DATASET")
    evaluate.add_argument("truth", type=Path, metavar="TRUTH")
    evaluate.add_argument("alerts", type=Path, metavar="ALERTS")
    evaluate.add_argument(
        "--seeds", type=int, default=0, help="generate, scan and evaluate this many seeds"
    )
    evaluate.add_argument("--plot", type=Path, help="write the budget curve to this PNG")
    evaluate.add_argument(
        "--work", type=Path, help="where --seeds writes its forces (default: temp)"
    )
    evaluate.set_defaults(run=evaluate_command)


def synth_command(args: argparse.Namespace) -> int:
    from lantern.synth.config import ForceConfig
    from lantern.synth.generate import generate_force

    try:
        config = ForceConfig(
            staff=args.staff,
            days=args.days,
            seed=args.seed,
            start=args.start,
            wrongdoer_share=args.wrongdoer_share,
            progress=not args.quiet,
        )
    except ValueError as exc:
        print(f"lantern synth: {exc}", file=sys.stderr)
        return 2
    if args.out_dir.exists() and not args.out_dir.is_dir():
        print(f"lantern synth: {args.out_dir} exists and is not a directory", file=sys.stderr)
        return 2
    summary = generate_force(args.out_dir, config)
    print(
        f"Wrote {summary.dataset}: {summary.staff:,} staff, {summary.days} days, "
        f"{summary.access_events:,} access events, {summary.communications:,} communications, "
        f"{summary.occurrences:,} occurrences, {summary.persons:,} persons, "
        f"{summary.wrongdoers} planted wrongdoers, in {summary.seconds} s"
    )
    print(f"Truth (keep it away from the engine): {summary.truth}")
    return 0


def evaluate_command(args: argparse.Namespace) -> int:
    from lantern.synth.evaluate import (
        EvaluationError,
        evaluate_files,
        evaluate_seeds,
        format_evaluation,
        format_seed_summary,
    )

    try:
        if args.seeds:
            summary = evaluate_seeds(
                args.dataset, args.truth, seeds=args.seeds, plot=args.plot, work=args.work
            )
            print(format_seed_summary(summary))
        else:
            evaluation = evaluate_files(args.dataset, args.truth, args.alerts, plot=args.plot)
            print(format_evaluation(evaluation))
    except EvaluationError as exc:
        print(f"lantern evaluate: {exc}", file=sys.stderr)
        return 2
    return 0
