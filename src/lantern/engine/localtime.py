"""The force's local clock, as expressions every backend can run.

"Late at night" means the force's wall clock, not UTC. Ibis has no portable
time-zone conversion, so the zone's UTC offsets over the data's period are
turned into a short CASE on the instant (two branches a year for Europe/London)
and local time is read from epoch seconds, which both DuckDB and Spark compute
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import ibis
import ibis.expr.types as ir

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class OffsetPeriod:
    """A stretch of time during which the zone's UTC offset is constant."""

    start: datetime
    end: datetime
    offset_s: int


def offset_periods(zone: str, start: datetime, end: datetime) -> list[OffsetPeriod]:
    """The zone's constant-offset periods covering [start, end] (UTC instants)."""
    tz = ZoneInfo(zone)
    cursor = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    stop = end.astimezone(UTC) + timedelta(hours=1)
    periods: list[OffsetPeriod] = []
    period_start, offset = cursor, _offset_s(tz, cursor)
    while cursor < stop:
        nxt = cursor + timedelta(hours=1)
        nxt_offset = _offset_s(tz, nxt)
        if nxt_offset != offset:
            periods.append(OffsetPeriod(period_start, nxt, offset))
            period_start, offset = nxt, nxt_offset
        cursor = nxt
    periods.append(OffsetPeriod(period_start, stop, offset))
    return periods


def _offset_s(tz: ZoneInfo, instant: datetime) -> int:
    delta = instant.astimezone(tz).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


@dataclass(frozen=True)
class LocalClock:
    """Builds local-time expressions for one zone over one period."""

    periods: tuple[OffsetPeriod, ...]

    @classmethod
    def for_period(cls, zone: str, start: datetime, end: datetime) -> LocalClock:
        return cls(tuple(offset_periods(zone, start, end)))

    def offset_s(self, ts: ir.TimestampValue) -> ir.IntegerValue:
        """UTC offset in seconds at ``ts``."""
        if len(self.periods) == 1:
            return ibis.literal(self.periods[0].offset_s, type="int64")
        branches = [
            (ts < ibis.literal(p.end, type="timestamp('UTC')"), ibis.literal(p.offset_s))
            for p in self.periods[:-1]
        ]
        return ibis.cases(*branches, else_=ibis.literal(self.periods[-1].offset_s)).cast("int64")

    def local_seconds(self, ts: ir.TimestampValue) -> ir.IntegerValue:
        """Seconds since 1970-01-01 on the local wall clock."""
        return ts.epoch_seconds().cast("int64") + self.offset_s(ts)

    def local_day(self, ts: ir.TimestampValue) -> ir.IntegerValue:
        """Local calendar day as a day number (days since 1970-01-01)."""
        return (self.local_seconds(ts) // SECONDS_PER_DAY).cast("int64")

    def local_hour(self, ts: ir.TimestampValue) -> ir.IntegerValue:
        """Local hour of the day, 0-23."""
        return ((self.local_seconds(ts) % SECONDS_PER_DAY) // 3600).cast("int64")

    def is_late(self, ts: ir.TimestampValue, start_hour: int, end_hour: int) -> ir.BooleanValue:
        """True between ``start_hour`` and ``end_hour`` local time (wrapping midnight)."""
        hour = self.local_hour(ts)
        if start_hour > end_hour:
            return (hour >= start_hour) | (hour < end_hour)
        return (hour >= start_hour) & (hour < end_hour)

    def localise(self, instant: datetime) -> datetime:
        """A Python instant shifted to local wall-clock time (for summaries)."""
        instant = instant.astimezone(UTC)
        for period in self.periods:
            if instant < period.end:
                return (instant + timedelta(seconds=period.offset_s)).replace(tzinfo=None)
        return (instant + timedelta(seconds=self.periods[-1].offset_s)).replace(tzinfo=None)
