"""Where a calendar day starts and ends, in the force's time zone: one definition for every page."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from django.utils import timezone


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the force's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_end(day: date) -> datetime:
    """The last instant of ``day`` in the force's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))


def local_day(moment: datetime) -> date:
    """The day of ``moment`` in the force's time zone (23:30 UTC in summer: the next day)."""
    return timezone.localtime(moment).date()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of a shorter month (31 Jan + 1: 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
