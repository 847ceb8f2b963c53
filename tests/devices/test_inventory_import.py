"""Importing an MDM inventory: loss-free, named errors, all or nothing, audited."""

from __future__ import annotations

from datetime import date

import pytest

from lantern.audit.models import AuditRecord
from lantern.devices.models import DeviceReview, InstalledApp, RejectedRow
from lantern.devices.services import InventoryFileError, device_inventory_import
from tests.factories import staff_make

pytestmark = pytest.mark.django_db
HEADER = "device_id,holder_staff_id,app_id,app_name,app_version,installed_on\n"
DAY = date(2026, 3, 31)


def _import(body: str, day: date = DAY) -> DeviceReview:
    return device_inventory_import(actor=None, source_name="inv.csv", text=HEADER + body,
                                   review_date=day)  # fmt: skip


def test_rows_reconcile_and_each_rejection_names_row_column_value() -> None:
    staff_make(staff_id="S1")
    review = _import(
        "D1,S1,com.whatsapp,WhatsApp,2.1,2026-01-02\n"
        "D1,S1,org.thoughtcrime.securesms,Signal,7.0,2026-13-01\n"  # bad date
        "D1,S1,,,,2026-01-02\n"  # no app
        "D1,S1,com.whatsapp,WhatsApp,2.1,2026-01-02\n"  # duplicate of row 1
        "D2,S404,com.tinder,Tinder,1,2026-01-03\n"  # holder not in directory: kept
        "D2,S404,com.grindrapp.android,Grindr,1,2026-04-01\n"  # after the review date
        "D3,S1,com.x,X,1,2026-01-01,surplus\n"  # too many fields
    )
    assert (review.rows_read, review.rows_accepted, review.rows_rejected) == (7, 2, 5)
    assert review.rows_read == review.rows_accepted + review.rows_rejected
    assert review.holders_unmatched == 1
    rejected = {(r.row, r.column, r.value): r.reason for r in RejectedRow.objects.all()}
    assert rejected[(2, "installed_on", "2026-13-01")].startswith("not a date")
    assert rejected[(3, "app_id", "")] == "a value is required"
    assert rejected[(4, "app_id", "com.whatsapp")] == "the same app on the same device as row 1"
    assert rejected[(6, "installed_on", "2026-04-01")] == "after the review date 2026-03-31"
    assert rejected[(7, "", "surplus")] == "more fields than the header has columns"
    # Each rejected row is kept as it was read, extra fields included.
    raw = {r.row: r.raw for r in RejectedRow.objects.all()}
    assert raw[4]["app_id"] == "com.whatsapp" and raw[4]["device_id"] == "D1"
    assert raw[7]["(extra fields)"] == ["surplus"]
    kept = InstalledApp.objects.get(device_id="D2")
    assert kept.holder is None and kept.holder_number == "S404"
    assert InstalledApp.objects.get(device_id="D1").holder.staff_id == "S1"
    record = AuditRecord.objects.get(event="devices.inventory_imported")
    assert record.detail["read"] == 7 and record.detail["rejected"] == 5


def test_a_missing_column_refuses_the_file_and_writes_nothing() -> None:
    with pytest.raises(InventoryFileError, match=r"inv.csv column installed_on:.*'installed_on'"):
        device_inventory_import(actor=None, source_name="inv.csv",
                                text="device_id,holder_staff_id,app_id\nD1,S1,a\n",
                                review_date=DAY)  # fmt: skip
    assert not DeviceReview.objects.exists()
    assert not AuditRecord.objects.filter(event="devices.inventory_imported").exists()


def test_the_same_review_date_cannot_be_imported_twice() -> None:
    _import("D1,S1,com.whatsapp,WhatsApp,2.1,2026-01-02\n")
    with pytest.raises(InventoryFileError, match="already imported"):
        _import("D1,S1,com.whatsapp,WhatsApp,2.1,2026-01-02\n")
    assert DeviceReview.objects.count() == 1


def test_a_future_review_date_is_refused() -> None:
    with pytest.raises(InventoryFileError, match="in the future"):
        _import("D1,S1,com.whatsapp,WhatsApp,2.1,2026-01-02\n", day=date(2999, 1, 1))
