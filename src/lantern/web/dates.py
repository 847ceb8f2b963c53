"""Where a calendar day starts and ends, in the force's time zone: one definition for every page."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the force's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_end(day: date) -> datetime:
    """The last instant of ``day`` in the force's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))
