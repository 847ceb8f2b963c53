"""The unit's aggregate figures by quarter, as they stood on a date.

Counted from the live records: alerts raised (the engine's date, once loaded),
dismissed and escalated (the analyst's decision date); intelligence recorded and
closed (its first outcome other than "open", from the audit trail); investigations
opened and closed. Each figure leaves through ``suppression`` only.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from lantern.alerts.models import Alert, AlertStatus
from lantern.audit.models import AuditRecord
from lantern.cases.models import Investigation
from lantern.governance.suppression import Cell, row_with_total
from lantern.intelligence.models import IntelligenceReport
from lantern.web.dates import day_end, local_day

MEASURES: tuple[tuple[str, str], ...] = (
    ("alerts_raised", "Monitoring alerts raised"),
    ("alerts_dismissed", "Alerts dismissed after review"),
    ("alerts_escalated", "Alerts escalated (intelligence or investigation)"),
    ("intelligence_opened", "Intelligence reports recorded"),
    ("intelligence_closed", "Intelligence reports closed"),
    ("cases_opened", "Investigations opened"),
    ("cases_closed", "Investigations closed"),
)
QUARTERS_SHOWN = 4

Quarter = tuple[int, int]


def quarter_of(day: date) -> Quarter:
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(q: Quarter) -> str:
    return f"{q[0]} Q{q[1]}"


def counting_cutoff(as_of: date, today: date | None = None) -> date:
    """The last day counted: the end of the last complete month on or before ``as_of``.

    A month is complete once its last day has ended, so never later than yesterday: a pack
    for a date in the future counts no further than one for today.
    """
    today = today or timezone.localdate()
    day = min(as_of, today - timedelta(days=1))
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return day
    return day.replace(day=1) - timedelta(days=1)


def quarters_to(last: date, count: int = QUARTERS_SHOWN) -> list[Quarter]:
    year, q = quarter_of(last)
    out = []
    for _ in range(count):
        out.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out[::-1]


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    cells: list[Cell]
    total: Cell


@dataclass(frozen=True)
class UnitFigures:
    as_of: date
    counted_to: date
    quarters: list[str]
    rows: list[FigureRow]


def _local_date(moment: datetime | None) -> date:
    assert moment is not None  # filtered on the field, so never null here
    return local_day(moment)


def _raw_counts(cutoff: datetime) -> dict[str, Counter[Quarter]]:
    counts: dict[str, Counter[Quarter]] = {key: Counter() for key, _ in MEASURES}
    alerts = Alert.objects.filter(run__loaded_at__lte=cutoff).exclude(status=AlertStatus.SUPPRESSED)
    for last_seen in alerts.filter(last_seen__lte=cutoff).values_list("last_seen", flat=True):
        counts["alerts_raised"][quarter_of(_local_date(last_seen))] += 1
    decided = alerts.filter(decided_at__lte=cutoff).values_list("status", "decided_at")
    for status, decided_at in decided:
        key = "alerts_dismissed" if status == AlertStatus.DISMISSED else "alerts_escalated"
        if status in (AlertStatus.DISMISSED, AlertStatus.INTELLIGENCE, AlertStatus.INVESTIGATION):
            counts[key][quarter_of(_local_date(decided_at))] += 1
    for created in IntelligenceReport.objects.filter(created_at__lte=cutoff).values_list(
        "created_at", flat=True
    ):
        counts["intelligence_opened"][quarter_of(_local_date(created))] += 1
    for closed in _intelligence_closures(cutoff):
        counts["intelligence_closed"][quarter_of(closed)] += 1
    cases = Investigation.objects.filter(opened_at__lte=cutoff)
    for opened in cases.values_list("opened_at", flat=True):
        counts["cases_opened"][quarter_of(_local_date(opened))] += 1
    for closed_at in cases.filter(closed_at__lte=cutoff).values_list("closed_at", flat=True):
        counts["cases_closed"][quarter_of(_local_date(closed_at))] += 1
    return counts


def _intelligence_closures(cutoff: datetime) -> list[date]:
    """When each report closed, as the audit trail records its outcomes up to the cutoff."""
    latest: dict[str, tuple[str, datetime]] = {}
    closed_since: dict[str, datetime] = {}
    records = AuditRecord.objects.filter(event="intelligence.outcome", at__lte=cutoff).order_by(
        "seq"
    )
    for object_id, detail, at in records.values_list("object_id", "detail", "at"):
        outcome = str((detail or {}).get("outcome", ""))
        previous = latest.get(object_id)
        if outcome != "open" and (previous is None or previous[0] == "open"):
            closed_since[object_id] = at
        latest[object_id] = (outcome, at)
    return [
        _local_date(closed_since[oid])
        for oid, (outcome, _) in latest.items()
        if outcome != "open" and oid in closed_since
    ]


def unit_figures(as_of: date, *, today: date | None = None) -> UnitFigures:
    """The unit's figures for the last four quarters to ``as_of``, suppressed."""
    counted_to = counting_cutoff(as_of, today)
    quarters = quarters_to(counted_to)
    counts = _raw_counts(day_end(counted_to))
    rows = []
    for key, label in MEASURES:
        cells, total = row_with_total([counts[key][q] for q in quarters])
        rows.append(FigureRow(key, label, cells, total))
    return UnitFigures(as_of, counted_to, [quarter_label(q) for q in quarters], rows)
