"""`lantern report threat-assessment`: the threat assessment as HTML and PDF files.

Another context can add its own document to `lantern report` by calling
:func:`report_actions` from its ``register`` (whichever registers first creates
the ``report`` command; the other finds it):

    from lantern.strategy.commands import report_actions
    pack = report_actions(subparsers).add_parser("pack", help="...")
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any


def report_actions(subparsers: Any) -> Any:
    """The sub-parsers of `lantern report`, created on first use."""
    existing = subparsers.choices.get("report")
    if existing is None:
        existing = subparsers.add_parser("report", help="documents generated from live data")
        existing.add_subparsers(dest="report_command", required=True, metavar="DOCUMENT")
    for action in existing._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("`lantern report` has no sub-commands")  # pragma: no cover


def threat_assessment_command(args: argparse.Namespace) -> int:
    from lantern.web.commands import _django_setup

    _django_setup()
    from django.utils import timezone

    from lantern.strategy.documents import (
        threat_assessment_filename,
        threat_assessment_html,
        threat_assessment_pdf,
    )
    from lantern.strategy.selectors import NoCompleteQuarter, threat_assessment_export

    today = timezone.localdate()
    try:
        as_of = (
            date.fromisoformat(args.as_of) if args.as_of else min(today, date(args.year, 12, 31))
        )
    except ValueError:
        print(f"lantern report: --as-of {args.as_of!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    if not 2000 <= args.year <= 2100 or as_of < date(args.year, 1, 1):
        print(
            f"lantern report: --as-of must fall on or after 1 January {args.year}",
            file=sys.stderr,
        )
        return 2
    if as_of > today:
        print(f"lantern report: --as-of {as_of} is after today: using {today}", file=sys.stderr)
        as_of = today
    try:
        ta = threat_assessment_export(
            actor=None, actor_label="lantern report", year=args.year, as_of=as_of,
            form="html+pdf",
        )  # fmt: skip
    except NoCompleteQuarter as exc:
        print(f"lantern report: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    html_path = out / threat_assessment_filename(ta, "html")
    pdf_path = out / threat_assessment_filename(ta, "pdf")
    html_path.write_text(threat_assessment_html(ta), encoding="utf-8")
    pdf_path.write_bytes(threat_assessment_pdf(ta))
    if ta.as_of_note:
        print(ta.as_of_note)
    print(f"Threat assessment {args.year} as of {ta.as_of}: wrote {html_path} and {pdf_path}")
    print(f"(figures below {ta.threshold} suppressed for sharing outside the unit)")
    return 0


def register(subparsers: Any) -> None:
    ta = report_actions(subparsers).add_parser(
        "threat-assessment",
        help="the strategic threat assessment for a year, as HTML and PDF",
        description="Write the counter-corruption strategic threat assessment for YEAR, from "
        "the live records as they stood at the end of --as-of (default: today, or 31 December "
        "of a past year; a later date is taken as today), to DIR (default: the current "
        "directory) as HTML and PDF. The files are "
        "for sharing outside the unit: small numbers are suppressed and the figures are as "
        "at the end of the last complete quarter on or before --as-of. The export is audited.",
    )
    ta.add_argument("--year", type=int, required=True)
    ta.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD")
    ta.add_argument("--out", default=".", metavar="DIR", help="where to write (default: .)")
    ta.set_defaults(run=threat_assessment_command)
