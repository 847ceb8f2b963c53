"""The force's local clock: summer time moves "late at night" by an hour in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import pytest

from lantern.engine.localtime import LocalClock, offset_periods
from tests.engine.conftest import QUIET

pytestmark = QUIET


def test_london_offsets_change_at_the_clock_changes():
    periods = offset_periods(
        "Europe/London", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
    )
    assert [p.offset_s for p in periods] == [0, 3600, 0]
    assert periods[0].end == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert periods[1].end == datetime(2026, 10, 25, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("instant", "hour", "late"),
    [
        (datetime(2026, 1, 10, 20, 30, tzinfo=UTC), 20, False),  # GMT: 20:30
        (datetime(2026, 7, 10, 20, 30, tzinfo=UTC), 21, True),  # BST: 21:30
        (datetime(2026, 7, 10, 4, 30, tzinfo=UTC), 5, True),
        (datetime(2026, 7, 10, 5, 30, tzinfo=UTC), 6, False),
    ],
)
def test_local_hour_and_late_on_duckdb(instant: datetime, hour: int, late: bool):
    clock = LocalClock.for_period(
        "Europe/London", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
    )
    ts = ibis.literal(instant, type="timestamp('UTC')")
    con = ibis.duckdb.connect()
    assert con.execute(clock.local_hour(ts)) == hour
    assert con.execute(clock.is_late(ts, 21, 6)) is late
    assert clock.localise(instant).hour == hour
