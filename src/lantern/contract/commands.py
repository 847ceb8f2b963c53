"""``lantern validate``: check a dataset against the data contract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lantern.contract.ingest import ValidationReport, validate_dataset
from lantern.contract.sources import DatasetError

# How many problems the terminal shows; every one is in the rejects file.
SHOWN_PROBLEMS = 200


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a dataset against the data contract",
        description="Check DATASET against the Lantern data contract and report every "
        "problem by table, file, row and column. Exit code 0: every row accepted; "
        "1: rows or files rejected; 2: the dataset could not be read at all.",
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET")
    parser.add_argument("--mapping", type=Path, help="JSON mapping of force column names")
    parser.add_argument("--rejects", type=Path, help="write rejected rows here (JSONL)")
    parser.set_defaults(run=validate_command)


def validate_command(args: argparse.Namespace) -> int:
    if not args.dataset.is_dir():
        print(f"lantern validate: {args.dataset} is not a directory", file=sys.stderr)
        return 2
    if args.mapping is not None and not args.mapping.is_file():
        print(f"lantern validate: mapping file {args.mapping} not found", file=sys.stderr)
        return 2
    try:
        report = validate_dataset(args.dataset, args.mapping, rejects_path=args.rejects)
    except DatasetError as exc:
        print(f"lantern validate: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0 if report.ok else 1


def format_report(report: ValidationReport) -> str:
    """A plain-text report: counts per table, then problems."""
    lines = [f"Dataset {report.dataset}", ""]
    lines.append(f"{'table':<20}{'read':>12}{'accepted':>12}{'rejected':>12}")
    for counts in report.tables.values():
        lines.append(
            f"{counts.table:<20}{counts.read:>12,}{counts.accepted:>12,}{counts.rejected:>12,}"
        )
    lines.append("")
    shown = report.problems[:SHOWN_PROBLEMS]
    lines.extend(str(problem) for problem in shown)
    if len(report.problems) > len(shown):
        lines.append(f"... {len(report.problems) - len(shown)} more problems not shown")
    errors, warnings = len(report.errors), len(report.warnings)
    verdict = "OK" if report.ok else "REJECTED ROWS"
    lines.append("")
    lines.append(f"{verdict}: {errors} errors, {warnings} warnings")
    if report.rejects_path is not None:
        lines.append(f"Rejected rows written to {report.rejects_path}")
    elif not report.ok:
        lines.append("Use --rejects FILE to write every rejected row with its raw values.")
    return "\n".join(lines)
