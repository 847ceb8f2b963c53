"""The demo force's MDM inventories import cleanly except the rows built to be bad."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lantern.devices.services import device_inventory_import
from lantern.synth.config import ForceConfig
from lantern.synth.devices import mdm_inventories_write, review_dates


@pytest.mark.django_db
def test_two_snapshots_with_changes_and_named_bad_rows(tmp_path: Path) -> None:
    config = ForceConfig(staff=60, days=30, seed=3)
    has_phone = np.ones(60, dtype=bool)
    written = mdm_inventories_write(tmp_path, config, has_phone, 100000)
    assert [d for d, _ in written] == list(review_dates(config))
    assert all(p.parent == tmp_path / "mdm" for _, p in written)
    again = mdm_inventories_write(tmp_path / "again", config, has_phone, 100000)
    assert [p.read_text() for _, p in written] == [p.read_text() for _, p in again]
    reviews = [
        device_inventory_import(actor=None, source_name=p.name, text=p.read_text(), review_date=d)
        for d, p in written
    ]
    for review in reviews:
        assert review.rows_rejected == 3  # bad date, blank app, duplicate
        assert review.rows_read == review.rows_accepted + review.rows_rejected
        assert review.holders_unmatched == 62  # no staff directory loaded, plus two loan phones
    earlier, latest = (set(r.apps.values_list("device_id", "app_id")) for r in reviews)
    assert latest - earlier and earlier - latest  # apps were added and removed
