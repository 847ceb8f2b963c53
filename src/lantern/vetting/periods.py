"""Renewal periods: configuration, since only RV's (10 years) is confirmed."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from lantern.web.dates import add_months


def renewal_years(level: str) -> int:
    years: dict[str, int] = settings.LANTERN_VETTING_RENEWAL_YEARS
    return years[level]


def clearance_expiry_for(level: str, granted_on: date) -> date:
    """When a clearance granted on ``granted_on`` at ``level`` falls due for renewal."""
    return add_months(granted_on, 12 * renewal_years(level))
