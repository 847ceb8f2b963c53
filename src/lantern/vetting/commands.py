"""`lantern vetting ...`: HR imports, the leaver feed, the national lists, and housekeeping."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lantern.web.commands import _django_setup

LABEL = "lantern vetting (command line)"


def _import(kind: str, path: Path, export_id: str = "", date_shift_days: int = 0) -> int:
    from django.core.exceptions import ValidationError

    from lantern.vetting.imports import hr_file_import

    try:
        result = hr_file_import(
            actor=None,
            actor_label=LABEL,
            kind=kind,
            file_name=path.name,
            content=path.read_bytes(),
            export_id=export_id,
            date_shift_days=date_shift_days,
        )
    except (ValidationError, OSError) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        print(f"lantern vetting: {message}", file=sys.stderr)
        return 2
    print(result.describe())
    for problem in result.problems[:20]:
        print(f"  {problem}")
    if len(result.problems) > 20:
        print(f"  ... and {len(result.problems) - 20} more (see the import's page).")
    if result.run.refused:
        print(f"lantern vetting: {path.name} refused; nothing was changed.", file=sys.stderr)
        return 1
    return 0


def import_hr(args: argparse.Namespace) -> int:
    """Import every HR file present in a directory, in dependency order."""
    _django_setup()
    from lantern.vetting.imports import HR_DIRECTORY_ORDER

    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"lantern vetting import-hr: {directory} is not a directory.", file=sys.stderr)
        return 2
    found = [k for k in HR_DIRECTORY_ORDER if (directory / f"{k}.csv").exists()]
    if not found:
        names = ", ".join(f"{k}.csv" for k in HR_DIRECTORY_ORDER)
        print(f"lantern vetting import-hr: none of {names} in {directory}.", file=sys.stderr)
        return 2
    export_id, shift = "", 0
    if args.as_of_today:
        dated = _export_date_shift(directory)
        if dated is None:
            return 2
        export_id, shift = dated
    status = 0
    for kind in found:
        status = max(status, _import(kind, directory / f"{kind}.csv", export_id, shift))
    return status


def _export_date_shift(directory: Path) -> tuple[str, int] | None:
    """The export named by ``manifest.json`` and the days to move its dates so it reads as
    taken today (fixed at its first import, so a later re-import is idempotent)."""
    import json
    from datetime import date

    from django.utils import timezone

    from lantern.vetting.imports import hr_export_date_shift

    name = "lantern vetting import-hr"
    manifest = directory / "manifest.json"
    if not manifest.exists():
        print(
            f"{name}: no manifest.json in {directory} (an export from an older generator): "
            "imported with its dates as written.",
            file=sys.stderr,
        )
        return "", 0
    try:
        content = json.loads(manifest.read_text(encoding="utf-8"))
        export_id, as_of = str(content["export_id"]), date.fromisoformat(content["as_of"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"{name}: {manifest}: not a readable manifest ({exc}).", file=sys.stderr)
        return None
    shift = hr_export_date_shift(
        export_id=export_id, exported_as_of=as_of, today=timezone.localdate()
    )
    print(f"Dates of export {export_id} (taken {as_of}) moved by {shift} days to read as today.")
    return export_id, shift


def import_file(args: argparse.Namespace) -> int:
    _django_setup()
    return _import(args.kind, Path(args.file))


def leavers(args: argparse.Namespace) -> int:
    _django_setup()
    return _import("leavers", Path(args.file))


def lists(args: argparse.Namespace) -> int:
    _django_setup()
    return _import("lists", Path(args.file))


def expire(args: argparse.Namespace) -> int:
    _django_setup()
    from django.utils import timezone

    from lantern.vetting.services import clearances_expire

    count = clearances_expire(actor=None, actor_label=LABEL, as_of=timezone.localdate())
    print(f"{count} clearances past their expiry date ended.")
    return 0


def schedule(args: argparse.Namespace) -> int:
    _django_setup()
    from django.utils import timezone

    from lantern.vetting.services import aftercare_annual_schedule

    count = aftercare_annual_schedule(actor=None, actor_label=LABEL, as_of=timezone.localdate())
    print(f"{count} annual integrity reviews scheduled.")
    return 0


def figures(args: argparse.Namespace) -> int:
    """Print the dashboard's force-wide figures (for reports and the closing note)."""
    _django_setup()
    from django.utils import timezone

    from lantern.audit.models import AuditCategory
    from lantern.audit.services import audit_append
    from lantern.vetting.compliance import compliance_compute

    report = compliance_compute(as_of=timezone.localdate())
    audit_append(
        actor=None,
        actor_label=LABEL,
        event="vetting.figures_printed",
        category=AuditCategory.CONSULTATION,
        object_type="vetting_dashboard",
    )
    f = report.force
    print(
        f"As of {report.as_of}: {f.holders} people in post, {f.compliant} compliant "
        f"({f.percent_compliant}%), {f.non_compliant} non-compliant ({f.expired} expired, "
        f"{f.under_vetted} below level, {f.none} with no clearance)."
    )
    print("Expiring within " + ", ".join(f"{w} days: {n}" for w, n in f.expiring.items()) + ".")
    print(
        "Renewals per month: " + ", ".join(f"{m.month:%b %Y} {m.renewals}" for m in report.forecast)
    )
    for u in report.units[:10]:
        print(f"  {u.unit}: {u.holders} in post, {u.non_compliant} non-compliant")
    return 0


def demo_neighbour_packet(args: argparse.Namespace) -> int:
    """Write a packet as the neighbouring demo force would send it (demo and tests only)."""
    _django_setup()
    import json

    from lantern.vetting.demo import neighbour_packet

    try:
        envelope = neighbour_packet(
            forenames=args.forenames, surname=args.surname, date_of_birth=args.born
        )
    except PermissionError as exc:
        print(f"lantern vetting demo-neighbour-packet: {exc}", file=sys.stderr)
        return 2
    Path(args.out).write_text(json.dumps(envelope, indent=1, ensure_ascii=False))
    print(f"Wrote a packet from {envelope['document']['issuing_force']['name']} to {args.out}.")
    return 0


def demo_receive_as_neighbour(args: argparse.Namespace) -> int:
    """Receive a packet as the neighbouring demo force (demo and tests only, own database)."""
    _django_setup()
    from django.core.management import call_command

    from lantern.vetting.demo import receive_as_neighbour
    from lantern.vetting.signing import PacketRefused

    name = "lantern vetting demo-receive-as-neighbour"
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 2
    try:
        call_command("migrate", interactive=False, verbosity=0)
        incoming = receive_as_neighbour(file_name=path.name, content=content)
    except PermissionError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 2
    except PacketRefused as exc:
        print(f"{name}: packet refused: {exc}", file=sys.stderr)
        return 1
    print(
        f"Packet {incoming.packet_id} from {incoming.issuing_force} verified and received by "
        f"NEIGHBOUR: signature and schema OK; subject {incoming.subject_name}; "
        f"appointment: {incoming.get_appointment_status_display()}."
    )
    return 0


def register(subparsers: Any) -> None:
    vetting = subparsers.add_parser("vetting", help="vetting: HR imports, leavers, lists, figures")
    sub = vetting.add_subparsers(dest="vetting_command", required=True, metavar="ACTION")
    hr = sub.add_parser(
        "import-hr",
        help="import the HR CSVs found in a directory "
        "(people, posts, postings, clearances, records, declarations, leavers, lists)",
    )
    hr.add_argument("directory")
    hr.add_argument(
        "--as-of-today",
        action="store_true",
        help="move the export's dates so it reads as taken today (the export date is the "
        "folder's manifest.json as_of; fixed at the first import of that export): for demo data",
    )
    hr.set_defaults(run=import_hr)
    one = sub.add_parser("import", help="import one HR CSV of a given kind")
    one.add_argument(
        "kind", choices=["people", "posts", "postings", "clearances", "records", "declarations"]
    )
    one.add_argument("file")
    one.set_defaults(run=import_file)
    leave = sub.add_parser("leavers", help="the HR leaver feed: ends postings and clearances")
    leave.add_argument("file")
    leave.set_defaults(run=leavers)
    barred = sub.add_parser("lists", help="import the Police Barred List / Advisory List extract")
    barred.add_argument("file")
    barred.set_defaults(run=lists)
    sub.add_parser("expire", help="end clearances past their expiry date").set_defaults(run=expire)
    sub.add_parser("schedule-annual", help="schedule annual integrity reviews").set_defaults(
        run=schedule
    )
    sub.add_parser("figures", help="print the compliance figures").set_defaults(run=figures)
    demo = sub.add_parser(
        "demo-neighbour-packet", help="(demo) write a packet signed by the neighbouring demo force"
    )
    demo.add_argument("out")
    demo.add_argument("--forenames", default="Jordan Lee")
    demo.add_argument("--surname", default="Hartley")
    demo.add_argument("--born", default="1988-04-12")
    demo.set_defaults(run=demo_neighbour_packet)
    receive = sub.add_parser(
        "demo-receive-as-neighbour",
        help="(demo) receive a packet as the neighbouring demo force, in its own database "
        "(LANTERN_FORCE_CODE=NEIGHBOUR and its own LANTERN_DATA_DIR)",
    )
    receive.add_argument("file")
    receive.set_defaults(run=demo_receive_as_neighbour)
