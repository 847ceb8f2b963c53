"""Periods for the figures: a year up to an "as of" date, its prior-year twin, weeks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


def day_start(d: date) -> datetime:
    """Midnight at the start of ``d`` in the force's time zone."""
    return timezone.make_aware(datetime.combine(d, time.min))


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class Period:
    """Whole days from ``first`` to ``last`` inclusive; ``start``/``end`` are the instants."""

    first: date
    last: date

    @property
    def start(self) -> datetime:
        return day_start(self.first)

    @property
    def end(self) -> datetime:
        return day_start(self.last + timedelta(days=1))

    def contains(self, at: datetime | None) -> bool:
        return at is not None and self.start <= at < self.end

    def shifted(self, years: int) -> Period:
        return Period(_shift_year(self.first, years), _shift_year(self.last, years))


def year_period(year: int, as_of: date) -> Period:
    """1 January of ``year`` to the end of the year, or to ``as_of`` if that is earlier."""
    return Period(date(year, 1, 1), min(date(year, 12, 31), as_of))


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with ``share`` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
