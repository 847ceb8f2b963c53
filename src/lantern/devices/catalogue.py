"""The app catalogue as it stood on a date: the one way a review is classified.

A review is classified with the catalogue's versions changed by the end of its
date, never with today's catalogue, so the report of a past review (on its page
and, counted, in the governance pack) reads the same whenever it is produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lantern.devices.models import CatalogueVersion
from lantern.web.dates import day_end


@dataclass(frozen=True)
class Classification:
    name: str
    risk_class: str


def catalogue_as_of(day: date) -> dict[str, Classification]:
    """Each app's latest catalogue version changed on or before the end of ``day``."""
    versions = CatalogueVersion.objects.filter(changed_at__lte=day_end(day)).order_by("version")
    return {
        app_id: Classification(name, risk_class)
        for app_id, name, risk_class in versions.values_list("entry__app_id", "name", "risk_class")
    }
