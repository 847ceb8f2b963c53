"""`lantern` sub-commands that need the web application's database."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.config.settings.demo")
    import django

    django.setup()


def audit_verify(args: argparse.Namespace) -> int:
    _django_setup()
    from lantern.audit.services import audit_chain_verify

    report = audit_chain_verify()
    print(report.describe())
    return 0 if report.intact else 1


def demo_seed(args: argparse.Namespace) -> int:
    _django_setup()
    from lantern.accounts.demo import demo_accounts_ensure
    from lantern.reporting.demo import reporting_demo_seed

    sign_ins = demo_accounts_ensure()
    reports = reporting_demo_seed()
    print("Demo sign-ins (password, then the code from an authenticator app set up with")
    print("the secret, or from `.venv/bin/lantern demo code USERNAME`):\n")
    print(f"  {'username':<14}{'role':<36}{'password':<20}TOTP secret")
    for s in sign_ins:
        print(f"  {s.username:<14}{s.role:<36}{s.password:<20}{s.totp_secret}")
    print("\nConfidential reporting line (http://127.0.0.1:8000/report/): demo reports and the")
    print("receipts their reporters would hold:")
    for r in reports:
        print(f"  report {r.reference}: receipt {r.receipt}")
    from lantern.strategy.demo import strategy_demo_seed

    history = strategy_demo_seed()
    if history is not None:
        print(
            f"\nDemo history for the threat assessment and demand pages (back-dated, synthetic): "
            f"{history.alerts} decided alerts, {history.intelligence} intelligence reports, "
            f"{history.investigations} investigations, {history.strategy_versions} control "
            "strategy versions."
        )
    return 0


def demo_code(args: argparse.Namespace) -> int:
    _django_setup()
    from lantern.accounts.demo import demo_current_code

    try:
        print(demo_current_code(args.username))
    except LookupError as exc:
        print(f"lantern demo code: {exc}", file=sys.stderr)
        return 2
    return 0


def alerts_load(args: argparse.Namespace) -> int:
    _django_setup()
    from pathlib import Path

    from lantern.alerts.loading import AlertsFileError
    from lantern.alerts.loading import alerts_load as load

    try:
        run = load(
            actor=None,
            alerts_path=Path(args.alerts),
            dataset=Path(args.dataset) if args.dataset else None,
            clean_dir=Path(args.clean) if args.clean else None,
        )
    except (AlertsFileError, ValueError, FileNotFoundError) as exc:
        print(f"lantern alerts load: {exc}", file=sys.stderr)
        return 2
    print(
        f"Loaded {args.alerts}: {run.alerts_read} alerts read, {run.alerts_new} new, "
        f"{run.alerts_suppressed} suppressed by recorded explanations, "
        f"{run.alerts_read - run.alerts_new} already loaded."
    )
    return 0


def register(subparsers: Any) -> None:
    alerts = subparsers.add_parser("alerts", help="load monitoring alerts into the triage database")
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")
    load = alerts_sub.add_parser("load", help="load an alerts file (idempotent) with its evidence")
    load.add_argument("alerts", help="the alerts JSONL written by `lantern scan`")
    source = load.add_mutually_exclusive_group(required=True)
    source.add_argument("--dataset", help="the dataset that was scanned (it is read again)")
    source.add_argument("--clean", help="the clean Parquet directory of a scan's state")
    load.set_defaults(run=alerts_load)

    audit = subparsers.add_parser("audit", help="check the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser(
        "verify", help="check the hash chain; name the first broken record"
    )
    verify.set_defaults(run=audit_verify)

    demo = subparsers.add_parser("demo", help="demo accounts")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True, metavar="ACTION")
    seed = demo_sub.add_parser("seed", help="create the demo accounts and print their sign-ins")
    seed.set_defaults(run=demo_seed)
    code = demo_sub.add_parser("code", help="print the current code of a demo account")
    code.add_argument("username")
    code.set_defaults(run=demo_code)
