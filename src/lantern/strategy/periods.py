"""Periods for the figures: a year up to an "as of" date, its prior-year twin, weeks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lantern.web.dates import day_start


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


def quarter_end_on_or_before(day: date) -> date:
    """31 March, 30 June, 30 September or 31 December: the last one on or before ``day``."""
    month = (day.month - 1) // 3 * 3 + 3
    end = date(day.year, month, 31 if month in (3, 12) else 30)
    return end if end <= day else date(day.year, month - 2, 1) - timedelta(days=1)


def complete_quarter_end(requested: date, today: date) -> date:
    """The end of the last quarter complete by the end of ``requested`` and before today.

    Figures that leave the unit are given only as at such a date: two documents for
    dates a day (or a month) apart would otherwise give that day's (or month's) events
    by subtraction. A quarter is complete once its last day has ended.
    """
    return quarter_end_on_or_before(min(requested, today - timedelta(days=1)))


def quarter_note(requested: date, used: date) -> str:
    """Why a document shared outside the unit is as at ``used`` rather than ``requested``."""
    if requested == used:
        return ""
    return (
        f"Figures shared outside the counter-corruption unit are given as at the end of the "
        f"last complete quarter: {requested:%-d %B %Y} was asked for, so these figures are as "
        f"at {used:%-d %B %Y}."
    )
