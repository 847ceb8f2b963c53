"""The encrypted-apps review in aggregate, for the pack: devices per risk class.

Uses the latest review on or before the date and the catalogue as it stood then
(its versions), so the pack for a past date does not change. No device or holder
leaves this module, only suppressed counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lantern.devices.catalogue import catalogue_as_of
from lantern.devices.models import DeviceReview
from lantern.devices.vocabulary import RISK_CLASSES, RiskClass
from lantern.governance.suppression import Cell, cell
from lantern.web.dates import day_end


@dataclass(frozen=True)
class DevicesSummary:
    review_date: date
    devices: Cell
    per_class: list[tuple[str, Cell]]


def devices_summary(as_of: date) -> DevicesSummary | None:
    cutoff = day_end(as_of)
    review = DeviceReview.objects.filter(review_date__lte=as_of, imported_at__lte=cutoff).first()
    if review is None:
        return None
    classes = {app_id: c.risk_class for app_id, c in catalogue_as_of(as_of).items()}
    carried: dict[str, set[str]] = {c: set() for c in RISK_CLASSES}
    devices: set[str] = set()
    for device_id, app_id in review.apps.values_list("device_id", "app_id"):
        devices.add(device_id)
        risk = classes.get(app_id)
        if risk in carried:
            carried[risk].add(device_id)
    return DevicesSummary(
        review.review_date,
        cell(len(devices)),
        [(RiskClass(c).label, cell(len(carried[c]))) for c in RISK_CLASSES],
    )
