"""The strategic threat assessment for a year, computed from live data as it stood on a date.

Definitions (also in docs/strategy.md):

* **Period**: 1 January of the year to 31 December, or to the "as of" date if
  earlier. The prior-year figures cover the same days one year earlier.
* **Intelligence** counts reports recorded (``created_at``) in the period;
  **alerts** count monitoring alerts loaded (their run's ``loaded_at``) in the
  period, except those suppressed by a recorded explanation; **investigations**
  count cases opened in the period; reporting-line and partner figures count
  reports received.
* An alert's outcome is the decision recorded on or before the "as of" date; a
  decision taken later counts as still open, so the document is reproducible.
* **Confirmed**: a monitoring alert escalated to intelligence or to an
  investigation (the same definition as the indicator effectiveness page).
  **Substantiated**: an investigation opened from the alert and closed, by the
  "as of" date, with an outcome other than "no case to answer".
* **Time to detection**: for each alert, from the earliest record access or
  work-device contact in its evidence (the first act the alert cites; the
  alert's ``first_seen`` when no evidence was kept) to the moment the alert was
  loaded for the unit (its run's ``loaded_at``), in days.
* **Emerging themes**: national categories (intelligence, alerts and
  investigations together) and monitoring indicators, ranked by the rise from
  the prior-year period to this period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings

from lantern.alerts.models import Alert, AlertEvidence, AlertIndicator, AlertStatus, EvidenceKind
from lantern.alerts.selectors import CONFIRMED
from lantern.cases.models import CaseOutcome, Investigation
from lantern.force.models import RANK_ORDER, StaffMember
from lantern.intelligence.models import IntelligenceReport
from lantern.intelligence.vocabulary import Category, SourceType
from lantern.reporting.models import Channel, Report
from lantern.strategy.charts import Chart, horizontal_bars
from lantern.strategy.models import STRANDS, ControlStrategyVersion
from lantern.strategy.periods import Period, median, percentile, year_period
from lantern.strategy.suppression import (
    PRIMARY,
    Cell,
    LinkedGroup,
    cell_plain,
    cell_suppressed,
    protect_linked,
    rate_shown,
    small,
)
from lantern.web.dates import day_start

KINDS = ("Intelligence", "Alerts", "Investigations")
UNIDENTIFIED = "Not yet identified"
LAG_BANDS: tuple[tuple[str, float, float], ...] = (
    ("Within 30 days", 0, 30),
    ("31 to 90 days", 30, 90),
    ("91 to 180 days", 90, 180),
    ("181 to 365 days", 180, 365),
    ("Over a year", 365, float("inf")),
)


def suppression_threshold() -> int:
    return int(settings.LANTERN_SMALL_NUMBER_THRESHOLD)


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class FigureTable:
    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    totals: list[Cell] | None = None
    note: str = ""
    chart: Chart | None = None


Key = tuple[object, ...]
TOTAL_INTEL: Key = ("total", "intelligence")
TOTAL_ALERTS: Key = ("total", "alerts")
TOTAL_CASES: Key = ("total", "investigations")
KIND_TOTALS = (TOTAL_INTEL, TOTAL_ALERTS, TOTAL_CASES)


@dataclass
class TableSpec:
    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[Key]]]
    totals: list[Key] | None
    note: str
    chart: bool


@dataclass
class Ledger:
    """Every figure of one assessment by key (one key wherever the figure is shown) and the
    sums that link them, so the figures leaving the unit are protected together
    (``suppression.protect_linked``): a cell withheld in one table cannot be recovered from
    another."""

    threshold: int
    values: dict[object, int] = field(default_factory=dict)
    groups: list[LinkedGroup] = field(default_factory=list)
    unseen: set[object] = field(default_factory=set)
    hidden: dict[object, str] = field(default_factory=dict)
    shared: bool = True  # until ``protect`` says otherwise, withhold small figures

    def put(self, key: Key, n: int) -> Key:
        if self.values.setdefault(key, n) != n:  # pragma: no cover - a wrong key is a bug
            raise AssertionError(f"{key} is {self.values[key]} and {n}")
        return key

    def group(self, total: Key, parts: Sequence[Key], *, total_first: bool = False) -> None:
        self.groups.append(LinkedGroup(total, tuple(parts), total_first))

    def table(
        self,
        key: str,
        title: str,
        row_header: str,
        columns: list[str],
        rows: Sequence[tuple[str, Sequence[tuple[Key, int]]]],
        *,
        totals: Sequence[tuple[Key, int]] | None = None,
        note: str = "",
        chart: bool = True,
    ) -> TableSpec:
        """A table of counts; with totals, each column adds up to its total (a group)."""
        keyed = [(label, [self.put(k, n) for k, n in cells]) for label, cells in rows]
        total_keys = [self.put(k, n) for k, n in totals] if totals is not None else None
        if total_keys is not None:
            for col, total in enumerate(total_keys):
                self.group(total, [ks[col] for _, ks in keyed])
        return TableSpec(key, title, row_header, columns, keyed, total_keys, note, chart)

    def protect(self, *, shared: bool) -> None:
        self.shared = shared
        self.hidden = (
            protect_linked(self.values, self.groups, self.threshold,
                           unseen=frozenset(self.unseen))
            if shared else {}
        )  # fmt: skip

    def cell(self, key: Key) -> Cell:
        kind = self.hidden.get(key)
        if kind is None and self.shared and small(self.values[key], self.threshold):
            kind = PRIMARY  # a figure standing alone, registered after ``protect``
        return cell_suppressed(kind, self.threshold) if kind else cell_plain(self.values[key])

    def build(self, spec: TableSpec) -> FigureTable:
        cells = [[self.cell(k) for k in keys] for _, keys in spec.rows]
        totals = [self.cell(k) for k in spec.totals] if spec.totals is not None else None
        table = FigureTable(
            spec.key, spec.title, spec.row_header, spec.columns,
            [Row(label, row) for (label, _), row in zip(spec.rows, cells, strict=True)],
            totals, spec.note,
        )  # fmt: skip
        if spec.chart and spec.rows:
            table.chart = horizontal_bars(
                f"Bar chart of {spec.title.lower()}; the same figures are in the table beside it.",
                [label for label, _ in spec.rows],
                spec.columns,
                [[c.value for c in row] for row in cells],
                [[c.text for c in row] for row in cells],
            )
        return table


@dataclass
class Share:
    label: str
    numerator: Cell
    denominator: Cell
    percent: str


@dataclass
class Lag:
    count: Cell
    median_days: str
    p90_days: str
    bands: FigureTable


@dataclass
class Theme:
    name: str
    prior: Cell
    current: Cell
    change: str


@dataclass
class StrategyRow:
    theme: str
    priorities: list[tuple[str, str]]


@dataclass
class ThreatAssessment:
    year: int
    as_of: date
    period: Period
    prior: Period
    shared: bool
    threshold: int
    generated_at: datetime
    overview: FigureTable
    trend: FigureTable
    by_category: FigureTable
    category_change: FigureTable
    by_source: FigureTable
    by_attribute: list[FigureTable]
    confirmed: list[Share]
    lag: Lag
    rising_categories: list[Theme]
    rising_indicators: list[Theme]
    strategy: ControlStrategyVersion | None
    strategy_rows: list[StrategyRow] = field(default_factory=list)
    strategy_draft: int | None = None  # a later version awaiting sign-off (shared view)
    requested_as_of: date | None = None  # the date asked for, when ``as_of`` differs
    as_of_note: str = ""  # why ``as_of`` differs from the date asked for

    @property
    def sections(self) -> list[FigureTable]:
        return [self.overview, self.trend, self.by_category, self.category_change, self.by_source]


# --- Reading the records of a period ----------------------------------------


@dataclass
class Matters:
    """The records of one period, loaded once."""

    intelligence: list[IntelligenceReport]
    alerts: list[Alert]
    cases: list[Investigation]
    reports: list[Report]


def matters_in(period: Period) -> Matters:
    intelligence = list(
        IntelligenceReport.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
        .prefetch_related("subjects")
        .order_by("created_at")
    )
    alerts = list(
        Alert.objects.filter(run__loaded_at__gte=period.start, run__loaded_at__lt=period.end)
        .exclude(status=AlertStatus.SUPPRESSED)
        .select_related("run", "staff")
        .order_by("run__loaded_at", "alert_id")
    )
    cases = list(
        Investigation.objects.filter(opened_at__gte=period.start, opened_at__lt=period.end)
        .select_related("subject", "origin_report")
        .order_by("opened_at")
    )
    reports = list(
        Report.objects.filter(received_at__gte=period.start, received_at__lt=period.end).only(
            "id", "channel", "received_at"
        )
    )
    return Matters(intelligence, alerts, cases, reports)


def alert_status_as_of(alert: Alert, cutoff: datetime) -> str:
    """The alert's decision as it stood at ``cutoff`` (a later decision counts as open)."""
    if alert.status == AlertStatus.NEW or alert.decided_at is None or alert.decided_at >= cutoff:
        return AlertStatus.NEW
    return str(alert.status)


def _category_counts(m: Matters) -> tuple[Counter[str], Counter[str], Counter[str]]:
    intel = Counter(c for r in m.intelligence for c in r.categories)
    alerts = Counter(a.category for a in m.alerts)
    cases = Counter(c for case in m.cases for c in case.categories)
    return intel, alerts, cases


ACRONYMS = frozenset({"pcso", "it", "cid", "ppu", "psd", "hr"})


def _label(value: str) -> str:
    """``police_staff`` as "Police staff", ``pcso`` as "PCSO"; codes with digits as they are."""
    if not value:
        return "Not recorded"
    if any(ch.isdigit() for ch in value):
        return value
    words = [w.upper() if w in ACRONYMS else w for w in value.replace("_", " ").split()]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _attribute_table(
    ledger: Ledger, key: str, title: str, attribute: str, m: Matters, *, limit: int = 15
) -> TableSpec:
    """Matters by an attribute of the member of staff they concern (one count per subject)."""

    def values(staff: Iterable[StaffMember | None]) -> Counter[str]:
        return Counter(
            UNIDENTIFIED if s is None else str(getattr(s, attribute) or "") for s in staff
        )

    subjects: list[StaffMember | None] = []
    for r in m.intelligence:
        subjects += list(r.subjects.all()) or [None]
    intel = values(subjects)
    alerts = values(a.staff for a in m.alerts)
    cases = values(c.subject for c in m.cases)
    keys = set(intel) | set(alerts) | set(cases)
    if attribute == "rank":
        order = sorted(keys, key=lambda k: (k not in RANK_ORDER, -RANK_ORDER.index(k)
                                            if k in RANK_ORDER else 0, k))  # fmt: skip
    else:
        order = sorted(keys, key=lambda k: (-(intel[k] + alerts[k] + cases[k]), k))
    rows: list[tuple[str, list[int]]] = []
    if len(order) > limit:
        kept, rest = order[: limit - 1], order[limit - 1 :]
        rows = [(_label(k), [intel[k], alerts[k], cases[k]]) for k in kept]
        rows.append((f"Other ({len(rest)} more)", [sum(intel[k] for k in rest),
                     sum(alerts[k] for k in rest), sum(cases[k] for k in rest)]))  # fmt: skip
    else:
        rows = [(k if k == UNIDENTIFIED else _label(k), [intel[k], alerts[k], cases[k]])
                for k in order]  # fmt: skip
    totals = [((key, "subjects"), sum(intel.values())), (TOTAL_ALERTS, sum(alerts.values())),
              (TOTAL_CASES, sum(cases.values()))]  # fmt: skip
    return ledger.table(
        key, title, title.split(" by ")[-1].capitalize(), list(KINDS),
        [(label, [((key, label, i), n) for i, n in enumerate(values)]) for label, values in rows],
        totals=totals,
        note="Each report, alert and investigation counts once for each member of staff it "
        "concerns.",
    )  # fmt: skip


def _case_source(case: Investigation) -> str:
    if case.origin_alert_id:
        return str(SourceType.MONITORING)
    if case.origin_report is not None:
        return case.origin_report.source_type
    return ""


def _lag_days(alerts: Sequence[Alert]) -> list[float]:
    if not alerts:
        return []
    first_acts: dict[object, datetime] = {}
    acts = AlertEvidence.objects.filter(
        alert__in=[a.pk for a in alerts],
        kind__in=[EvidenceKind.ACCESS, EvidenceKind.COMMUNICATION],
    ).values_list("alert_id", "at")
    for alert_id, at in acts:
        if alert_id not in first_acts or at < first_acts[alert_id]:
            first_acts[alert_id] = at
    lags = []
    for a in alerts:
        first = first_acts.get(a.pk, a.first_seen)
        lags.append(max(0.0, (a.run.loaded_at - first).total_seconds() / 86_400))
    return lags


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} days"


def _themes(
    ledger: Ledger, prior: Counter[str], current: Counter[str], before: str, now: str
) -> list[Theme]:
    """The five fastest risers; each figure is the one shown (or withheld) in its table."""
    rises = sorted(
        (k for k in set(prior) | set(current) if current[k] > prior[k]),
        key=lambda k: (-(current[k] - prior[k]), -current[k], k),
    )[:5]
    labels = dict(Category.choices)
    themes = []
    for k in rises:
        was = ledger.cell(ledger.put((before, k), prior[k]))
        is_ = ledger.cell(ledger.put((now, k), current[k]))
        change = f"+{current[k] - prior[k]}" if was.shown and is_.shown else "rising"
        themes.append(Theme(labels.get(k, _label(k)), was, is_, change))
    return themes


def control_strategy_as_of(
    year: int, cutoff: datetime, *, signed_off: bool = False
) -> ControlStrategyVersion | None:
    """The year's latest control strategy saved (and signed off) before ``cutoff``."""
    versions = ControlStrategyVersion.objects.filter(year=year, created_at__lt=cutoff)
    if signed_off:
        versions = versions.filter(signed_off_at__lt=cutoff)
    return versions.select_related("created_by", "signed_off_by").order_by("-number").first()


def strategy_rows(version: ControlStrategyVersion | None) -> list[StrategyRow]:
    if version is None:
        return []
    labels = dict(Category.choices)
    rows = []
    for code, label in labels.items():
        entry = version.priorities.get(code) or {}
        pairs = [(name, str(entry.get(key, "")).strip()) for key, name in STRANDS]
        if any(text for _, text in pairs):
            rows.append(StrategyRow(label, pairs))
    return rows


def threat_assessment_compute(
    *, year: int, as_of: date, shared: bool, requested: date | None = None, as_of_note: str = ""
) -> ThreatAssessment:
    """Every figure of the assessment, from live data, as it stood at the end of ``as_of``.

    ``requested`` and ``as_of_note`` record the date asked for and why ``as_of`` differs
    (figures shared outside the unit are as at the end of a complete quarter).
    """
    from django.utils import timezone

    threshold = suppression_threshold()
    ledger = Ledger(threshold)
    period = year_period(year, as_of)
    prior = period.shifted(-1)
    cutoff = day_start(as_of + timedelta(days=1))
    now_m, prior_m = matters_in(period), matters_in(prior)

    def counts(m: Matters) -> list[int]:
        partner = sum(1 for r in m.reports if r.channel == Channel.PARTNER_AGENCY)
        return [len(m.intelligence), len(m.alerts), len(m.reports) - partner, partner,
                len(m.cases)]  # fmt: skip

    overview_rows = ["Intelligence reports", "Monitoring alerts", "Reporting-line reports",
                     "Partner-agency concerns", "Investigations opened"]  # fmt: skip
    now_keys: list[Key] = [TOTAL_INTEL, TOTAL_ALERTS, ("now", "line"), ("now", "partner"),
                           TOTAL_CASES]  # fmt: skip
    c_now, c_prior = counts(now_m), counts(prior_m)
    overview = ledger.table(
        "overview", "Matters received", "Matter",
        [f"{prior.first:%-d %b %Y} to {prior.last:%-d %b %Y}",
         f"{period.first:%-d %b %Y} to {period.last:%-d %b %Y}"],
        [(label, [(("prior", i), c_prior[i]), (now_keys[i], c_now[i])])
         for i, label in enumerate(overview_rows)],
    )  # fmt: skip

    trend_rows: list[tuple[str, list[tuple[Key, int]]]] = []
    for y in range(year - 4, year + 1):
        m = now_m if y == year else matters_in(year_period(y, date(y, 12, 31)))
        partial = y == year and period.last < date(year, 12, 31)
        label = f"{y} (to {period.last:%-d %b})" if partial else str(y)
        keys: Sequence[Key] = KIND_TOTALS if y == year else [("trend", y, i) for i in range(3)]
        values = [len(m.intelligence), len(m.alerts), len(m.cases)]
        trend_rows.append((label, list(zip(keys, values, strict=True))))
    while len(trend_rows) > 2 and not any(n for _, n in trend_rows[0][1]):
        trend_rows.pop(0)  # years before any record: nothing to compare
    trend = ledger.table(
        "trend", "Year on year", "Year", list(KINDS), trend_rows,
        note="Whole calendar years (from the first with any record, at most five); the "
        "current year to the date of the assessment.",
    )  # fmt: skip

    intel, alerts, cases = _category_counts(now_m)
    p_intel, p_alerts, p_cases = _category_counts(prior_m)
    categories = list(Category.choices)
    by_category = ledger.table(
        "by_category", "Matters by national category", "National category", list(KINDS),
        [(label, [(("category", code, i), n) for i, n in
                  enumerate([intel[code], alerts[code], cases[code]])])
         for code, label in categories],
        totals=list(zip(KIND_TOTALS, [len(now_m.intelligence), len(now_m.alerts),
                                      len(now_m.cases)], strict=True)),
        note="A report or investigation in several categories counts in each; totals count "
        "each once.",
    )  # fmt: skip
    all_now = intel + alerts + cases
    all_prior = p_intel + p_alerts + p_cases
    category_change = ledger.table(
        "category_change", "Change by national category since the prior year", "National category",
        ["Prior year, same period", "This period"],
        [(label, [(("all_prior", code), all_prior[code]), (("all_now", code), all_now[code])])
         for code, label in categories],
        totals=[(("all_prior", "total"), sum(all_prior.values())),
                (("all_now", "total"), sum(all_now.values()))],
        note="Intelligence, alerts and investigations together.",
    )  # fmt: skip
    for code, _ in categories:
        # A category's row above adds up to its figure for this period: protected together.
        ledger.group(("all_now", code), [("category", code, i) for i in range(3)],
                     total_first=True)  # fmt: skip

    source_labels = dict(SourceType.choices)
    src_intel = Counter(r.source_type for r in now_m.intelligence)
    src_cases = Counter(_case_source(c) for c in now_m.cases)
    source_rows = [
        (label, [(("source", code, 0), src_intel[code]), (("source", code, 1), src_cases[code])])
        for code, label in source_labels.items()
    ]
    source_rows.append(("Opened directly (no recorded source)",
                        [(("source", "", 0), 0), (("source", "", 1), src_cases[""])]))  # fmt: skip
    by_source = ledger.table(
        "by_source", "Intelligence and investigations by source", "Source",
        ["Intelligence reports", "Investigations opened"], source_rows,
        totals=[(TOTAL_INTEL, len(now_m.intelligence)), (TOTAL_CASES, len(now_m.cases))],
        note="An investigation's source is its alert (monitoring) or the source of the "
        "intelligence it was opened from. Alerts, line reports and partners' concerns received "
        "are in the summary.",
    )  # fmt: skip

    by_attribute = [
        _attribute_table(ledger, "by_role", "Subjects by role", "role", now_m),
        _attribute_table(ledger, "by_rank", "Subjects by rank", "rank", now_m),
        _attribute_table(ledger, "by_unit", "Subjects by unit", "team_id", now_m),
        _attribute_table(ledger, "by_area", "Subjects by area", "area", now_m),
    ]

    statuses = [alert_status_as_of(a, cutoff) for a in now_m.alerts]
    confirmed_alerts = [a for a, s in zip(now_m.alerts, statuses, strict=True) if s in CONFIRMED]
    decided = sum(1 for s in statuses if s != AlertStatus.NEW)
    n_confirmed = len(confirmed_alerts)
    substantiated = (
        Investigation.objects.filter(
            origin_alert__in=[a.pk for a in confirmed_alerts], closed_at__lt=cutoff
        )
        .exclude(outcome=CaseOutcome.NO_CASE)
        .values("origin_alert")
        .distinct()
        .count()
    )
    # Each share's count and the count outside it add up to the share's base: the count
    # outside is never shown, but it must not be worked out by subtraction when small.
    shares = [
        ("Confirmed, of alerts decided", ("alerts", "confirmed"), n_confirmed,
         ("alerts", "decided"), decided),
        ("Decided, of alerts received", ("alerts", "decided"), decided, TOTAL_ALERTS,
         len(now_m.alerts)),
        ("Substantiated by an investigation, of alerts confirmed", ("alerts", "substantiated"),
         substantiated, ("alerts", "confirmed"), n_confirmed),
    ]  # fmt: skip
    for _, num_key, num, den_key, den in shares:
        outside: Key = ("outside", *num_key)
        ledger.put(num_key, num)
        ledger.put(den_key, den)
        ledger.put(outside, den - num)
        ledger.unseen.add(outside)
        ledger.group(den_key, [num_key, outside])

    lags = _lag_days(now_m.alerts)
    band_counts = [sum(1 for d in lags if lo < d <= hi or (lo == 0 and d == 0))
                   for _, lo, hi in LAG_BANDS]  # fmt: skip
    lag_bands = ledger.table(
        "lag", "Time from first act to detection", "Time to detection", ["Monitoring alerts"],
        [(label, [(("lag", i), n)]) for i, ((label, _, _), n) in
         enumerate(zip(LAG_BANDS, band_counts, strict=True))],
        totals=[(TOTAL_ALERTS, len(lags))],
    )  # fmt: skip

    ind_now = Counter(
        AlertIndicator.objects.filter(alert__in=[a.pk for a in now_m.alerts]).values_list(
            "code", flat=True
        )
    )
    ind_prior = Counter(
        AlertIndicator.objects.filter(alert__in=[a.pk for a in prior_m.alerts]).values_list(
            "code", flat=True
        )
    )
    for code in set(ind_now) | set(ind_prior):
        ledger.put(("indicator_prior", code), ind_prior[code])
        ledger.put(("indicator_now", code), ind_now[code])

    ledger.protect(shared=shared)

    def share(label: str, num_key: Key, num: int, den_key: Key, den: int) -> Share:
        numerator, denominator = ledger.cell(num_key), ledger.cell(den_key)
        show = (numerator.shown and denominator.shown
                and rate_shown(num, den, threshold, shared=shared))  # fmt: skip
        return Share(label, numerator, denominator, f"{100 * num / den:.0f}%" if show else "–")

    confirmed = [share(*s) for s in shares]
    lag_shown = not shared or len(lags) >= threshold
    lag = Lag(
        ledger.cell(TOTAL_ALERTS),
        _days(median(lags)) if lag_shown else "–",
        _days(percentile(lags, 0.9)) if lag_shown else "–",
        ledger.build(lag_bands),
    )

    # Outside the unit, only a signed-off strategy is shared; the unit sees its latest draft.
    latest = control_strategy_as_of(year, cutoff)
    version = control_strategy_as_of(year, cutoff, signed_off=True) if shared else latest
    draft = (
        latest.number if latest and (version is None or latest.number > version.number) else None
    )
    return ThreatAssessment(
        year=year, as_of=as_of, period=period, prior=prior, shared=shared, threshold=threshold,
        generated_at=timezone.now(), overview=ledger.build(overview), trend=ledger.build(trend),
        by_category=ledger.build(by_category), category_change=ledger.build(category_change),
        by_source=ledger.build(by_source), by_attribute=[ledger.build(t) for t in by_attribute],
        confirmed=confirmed, lag=lag,
        rising_categories=_themes(ledger, all_prior, all_now, "all_prior", "all_now"),
        rising_indicators=_themes(ledger, ind_prior, ind_now, "indicator_prior", "indicator_now"),
        strategy=version, strategy_rows=strategy_rows(version), strategy_draft=draft,
        requested_as_of=requested, as_of_note=as_of_note,
    )  # fmt: skip


__all__ = ["ThreatAssessment", "cell_plain", "threat_assessment_compute"]
