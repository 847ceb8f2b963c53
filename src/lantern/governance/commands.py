"""`lantern governance pack|export|demo-seed`: the pack and the inspectorate's export."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any


def _setup() -> None:
    from lantern.web.commands import _django_setup

    _django_setup()


def _as_of(value: str | None) -> date:
    """The date asked for, never after today. The files are for outside the unit: the
    selectors give them as at the end of the last complete quarter on or before it."""
    from django.utils import timezone

    today = timezone.localdate()
    return min(date.fromisoformat(value), today) if value else today


def governance_pack(args: argparse.Namespace) -> int:
    _setup()
    from lantern.governance.pdf import pack_pdf
    from lantern.governance.selectors import pack_read
    from lantern.governance.views import pack_context

    try:
        as_of = _as_of(args.as_of)
    except ValueError as exc:
        print(f"lantern governance pack: --as-of: {exc}", file=sys.stderr)
        return 2
    pack = pack_read(viewer=None, as_of=as_of, fmt="pdf")
    out = Path(args.out)
    out.write_bytes(pack_pdf(pack_context(pack)))
    if pack.as_of_note:
        print(pack.as_of_note)
    print(
        f"Wrote the governance pack as at {pack.as_of} to {out} "
        f"({len(pack.progress)} recommendations, {len(pack.overdue)} overdue actions)."
    )
    return 0


def governance_export(args: argparse.Namespace) -> int:
    _setup()
    import json

    from lantern.governance.selectors import progress_export
    from lantern.governance.views import export_csv_text

    try:
        as_of = _as_of(args.as_of)
    except ValueError as exc:
        print(f"lantern governance export: --as-of: {exc}", file=sys.stderr)
        return 2
    document = progress_export(viewer=None, as_of=as_of, fmt=args.format)
    text = export_csv_text(document) if args.format == "csv" else json.dumps(document, indent=1)
    if args.out:
        Path(args.out).write_text(text)
        if document["as_of_note"]:
            print(document["as_of_note"])
        print(f"Wrote progress as at {document['as_of']} to {args.out}.")
    else:
        sys.stdout.write(text)
    return 0


def governance_demo_seed(args: argparse.Namespace) -> int:
    _setup()
    from lantern.governance.demo import governance_demo_seed as seed

    try:
        created = seed()
    except LookupError as exc:
        print(f"lantern governance demo-seed: {exc}", file=sys.stderr)
        return 2
    print(f"Governance demo: {created} recommendations added.")
    return 0


def register(subparsers: Any) -> None:
    gov = subparsers.add_parser("governance", help="inspectorate recommendations and the pack")
    sub = gov.add_subparsers(dest="governance_command", required=True, metavar="ACTION")
    pack = sub.add_parser("pack", help="write the governance-meeting pack (PDF) as at a date")
    pack.add_argument(
        "--as-of",
        help="YYYY-MM-DD (default today; never later); the pack is as at the end of the "
        "last complete quarter on or before it",
    )
    pack.add_argument("--out", required=True, help="the PDF to write")
    pack.set_defaults(run=governance_pack)
    export = sub.add_parser("export", help="progress for the inspectorate (audited disclosure)")
    export.add_argument(
        "--as-of",
        help="YYYY-MM-DD (default today; never later); as at the "
        "end of the last complete quarter on or before it",
    )
    export.add_argument("--format", choices=("csv", "json"), default="json")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.set_defaults(run=governance_export)
    seed = sub.add_parser("demo-seed", help="the demo force's recommendations and action plans")
    seed.set_defaults(run=governance_demo_seed)
