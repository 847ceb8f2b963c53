"""`lantern devices import INVENTORY.csv --review-date D`: an MDM inventory as a review."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any


def devices_import(args: argparse.Namespace) -> int:
    from lantern.web.commands import _django_setup

    _django_setup()
    from lantern.devices.models import DeviceReview
    from lantern.devices.services import InventoryFileError, device_inventory_import

    path = Path(args.inventory)
    started = time.monotonic()
    try:
        review_date = date.fromisoformat(args.review_date)
        if args.skip_existing and DeviceReview.objects.filter(review_date=review_date).exists():
            print(f"The review of {review_date} is already imported; {path} skipped.")
            return 0
        text = path.read_text(encoding="utf-8")
        review = device_inventory_import(
            actor=None, source_name=path.name, text=text, review_date=review_date
        )
    except (InventoryFileError, ValueError, OSError) as exc:
        print(f"lantern devices import: {exc}", file=sys.stderr)
        return 2
    print(
        f"Imported {path} as the review of {review_date}: {review.rows_read} rows read, "
        f"{review.rows_accepted} accepted, {review.rows_rejected} rejected (kept with their "
        f"reason); {review.holders_unmatched} holders not in the staff directory "
        f"({time.monotonic() - started:.1f} s)."
    )
    for rejected in review.rejected.all()[:20]:
        print(f"  rejected row {rejected.row} column {rejected.column or '-'} "
              f"value {rejected.value!r}: {rejected.reason}")  # fmt: skip
    return 0


def register(subparsers: Any) -> None:
    devices = subparsers.add_parser("devices", help="the encrypted-apps review of police devices")
    sub = devices.add_subparsers(dest="devices_command", required=True, metavar="ACTION")
    imp = sub.add_parser("import", help="import an MDM app inventory (CSV) as a dated review")
    imp.add_argument("inventory", help="CSV: device_id, holder_staff_id, app_id, app_name, "
                     "app_version, installed_on")  # fmt: skip
    imp.add_argument("--review-date", required=True, help="the review's date, YYYY-MM-DD")
    imp.add_argument(
        "--skip-existing", action="store_true", help="do nothing if that date is already imported"
    )
    imp.set_defaults(run=devices_import)
