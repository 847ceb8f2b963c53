"""Demand and capacity: what comes in, what waits, how long it takes, and who is needed.

Definitions (also in docs/strategy.md):

* **Intake per week** (Monday to Sunday) by source: monitoring alerts loaded
  (not those suppressed by a recorded explanation); reports to the confidential
  line (every channel but partner agencies); partner agencies' concerns;
  intelligence recorded from public complaints; intelligence recorded from
  colleagues and vetting; and intelligence from other forces. Intelligence
  developed from an alert, a line report or a partner's concern is not counted
  again.
* **Backlog** at the end of each week: alerts loaded and not yet decided;
  line reports received and not closed; investigations opened and not closed.
* **Time to assess**: alert loaded to decision; line report received to first
  response. **Time to close**: line report received to closed; investigation
  opened to closed. Over items finishing in the weeks shown; median and 90th
  percentile (nearest rank), in days.
* **Analyst hours per alert**: over alerts decided in the weeks shown that
  have time recorded against them, all minutes recorded on them divided by the
  number of such alerts. With no recorded time the configured assumption is
  used, and the page says so.
* **Forecast**: from the latest scan's score distribution, the weekly volume at
  a threshold is the number of (staff, person) pairs scoring at or above it in
  the scan's period, scaled to a week, with a 95% interval (Poisson, normal
  approximation). From intake history: the mean of the last complete weeks with
  a 95% prediction interval (mean ± t·s·√(1 + 1/k)).
* **Analysts needed** = hours per alert × weekly volume ÷ an analyst's hours for
  alert work per week (configured).
* **Expected findings** at a threshold = the sum, over pairs scoring at or above
  it, of the confirmation rate observed for decided alerts in that pair's score
  band (bands are multiples of the engine's threshold), falling back to the
  overall rate where a band has too few decisions. An estimate, labelled so.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings

from lantern.alerts.models import Alert, AlertStatus, ScanRun
from lantern.alerts.selectors import CONFIRMED
from lantern.cases.models import Investigation
from lantern.intelligence.models import IntelligenceReport
from lantern.intelligence.vocabulary import SourceType
from lantern.reporting.models import Channel, Report
from lantern.strategy.charts import Chart, columns, lines
from lantern.strategy.models import AlertWorkLog, StaffingThresholdDecision
from lantern.strategy.periods import median, percentile, week_start
from lantern.web.dates import day_start

SOURCES = (
    "Monitoring alerts",
    "Reporting line",
    "Partner agencies",
    "Public complaints",
    "Colleagues and vetting",
    "Other forces",
)
# Intelligence counted as intake, by its source type (the column in SOURCES). Intelligence
# from monitoring, the reporting line or a partner agency was counted when it arrived there.
INTELLIGENCE_SOURCE: dict[str, int] = {
    SourceType.PUBLIC_COMPLAINT: SOURCES.index("Public complaints"),
    SourceType.COLLEAGUE: SOURCES.index("Colleagues and vetting"),
    SourceType.VETTING: SOURCES.index("Colleagues and vetting"),
    SourceType.OTHER_FORCE: SOURCES.index("Other forces"),
}
DECIDED = (*CONFIRMED, AlertStatus.DISMISSED)
BAND_EDGES = (1.0, 1.25, 1.5, 2.0)  # multiples of the engine's threshold
# Two-sided 95% Student t quantiles by degrees of freedom (1..30); 1.96 beyond.
T95 = (12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14,
       2.13, 2.12, 2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05,
       2.05, 2.04)  # fmt: skip


def t95(df: int) -> float:
    return T95[df - 1] if 1 <= df <= len(T95) else 1.96


@dataclass
class Week:
    start: date
    complete: bool
    intake: list[int]
    backlog: list[int]

    @property
    def total(self) -> int:
        return sum(self.intake)


@dataclass
class Timing:
    label: str
    count: int
    median_days: float | None
    p90_days: float | None


@dataclass
class Hours:
    per_alert: float
    alerts_with_time: int
    alerts_decided: int
    minutes: int
    assumed: bool


@dataclass
class Forecast:
    basis: str
    weekly: float
    low: float
    high: float
    weeks_used: int = 0


@dataclass
class WhatIfRow:
    threshold: float
    pairs: int
    weekly_volume: float
    at_least: bool
    expected_findings: float | None
    analysts: float
    chosen: bool = False
    engine: bool = False


@dataclass
class Band:
    label: str
    low: float
    high: float
    decided: int
    confirmed: int
    rate: float | None
    fallback: bool


@dataclass
class ScoreModel:
    run: ScanRun
    threshold: float
    period_days: int
    scores: list[float]
    bands: list[Band]
    overall_rate: float | None
    capped: bool


@dataclass
class DemandCapacity:
    as_of: date
    weeks: list[Week]
    intake_chart: Chart
    backlog_chart: Chart
    timings: list[Timing]
    hours: Hours
    analyst_hours_per_week: float
    history_forecast: Forecast | None
    score_model: ScoreModel | None
    score_missing: str
    score_forecast: Forecast | None
    analysts_needed: float | None
    analysts_needed_high: float | None
    whatif: list[WhatIfRow] = field(default_factory=list)
    whatif_chart: Chart | None = None
    chosen: WhatIfRow | None = None
    decision: StaffingThresholdDecision | None = None


def _weeks(as_of: date, n: int) -> list[tuple[date, bool]]:
    current = week_start(as_of)
    starts = [current - timedelta(weeks=i) for i in range(n, -1, -1)]
    return [(s, s + timedelta(days=6) <= as_of) for s in starts]


def _bucket(at: datetime | None, starts: Sequence[date], end: datetime) -> int | None:
    if at is None or at >= end or at < day_start(starts[0]):
        return None
    from django.utils import timezone

    day = timezone.localdate(at)
    return min(len(starts) - 1, (day - starts[0]).days // 7)


def _days_between(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 86_400


def _timing(label: str, values: list[float]) -> Timing:
    med, p90 = median(values), percentile(values, 0.9)
    return Timing(label, len(values), None if med is None else round(med, 1),
                  None if p90 is None else round(p90, 1))  # fmt: skip


def rate_in(alerts: Sequence[Alert]) -> tuple[int, int]:
    decided = [a for a in alerts if a.status in DECIDED]
    return len(decided), sum(1 for a in decided if a.status in CONFIRMED)


def score_model_build(run: ScanRun | None, cutoff: datetime) -> tuple[ScoreModel | None, str]:
    """The engine's score distribution from the latest run, and confirmation rates by band."""
    if run is None:
        return None, "No monitoring run has been loaded yet."
    dist = (run.summary or {}).get("score_distribution")
    if not isinstance(dist, dict) or not dist.get("pair_scores"):
        return None, (
            f"The latest monitoring run (loaded {run.loaded_at:%-d %b %Y %H:%M}) does not carry "
            "the engine's score distribution, so the what-if cannot be drawn. Load a run made "
            "by a version of `lantern scan` that writes it."
        )
    try:
        threshold = float(dist["threshold"])
        period_days = int(dist["period_days"])
        scores = sorted((float(s) for s in dist["pair_scores"]), reverse=True)
    except (KeyError, TypeError, ValueError):
        return None, "The latest run's score distribution is malformed; it cannot be used."
    if threshold <= 0 or period_days <= 0:
        return None, "The latest run's score distribution has no usable threshold or period."
    decided = list(
        Alert.objects.filter(status__in=DECIDED, decided_at__lt=cutoff).only("score", "status")
    )
    n_all, c_all = rate_in(decided)
    overall = c_all / n_all if n_all else None
    minimum = int(settings.LANTERN_STRATEGY_MIN_BAND_DECISIONS)
    edges = [0.0, *(threshold * e for e in BAND_EDGES), math.inf]
    bands = []
    for lo, hi in itertools.pairwise(edges):
        inside = [a for a in decided if lo <= a.score < hi]
        n, c = rate_in(inside)
        enough = n >= minimum
        label = f"{lo:g} to {hi:g}" if hi != math.inf else f"{lo:g} and above"
        bands.append(Band(label, lo, hi, n, c, c / n if enough else overall, not enough))
    model = ScoreModel(run, threshold, period_days, scores, bands, overall,
                       capped=len(scores) >= 10_000)  # fmt: skip
    return model, ""


def whatif_row(model: ScoreModel, threshold: float, hours: float, capacity: float) -> WhatIfRow:
    above = [s for s in model.scores if s >= threshold]
    per_week = 7 / model.period_days
    findings: float | None = None
    if model.overall_rate is not None:
        total = 0.0
        for s in above:
            band = next(b for b in model.bands if b.low <= s < b.high)
            total += band.rate if band.rate is not None else 0.0
        findings = round(total * per_week, 2)
    volume = len(above) * per_week
    return WhatIfRow(
        threshold=round(threshold, 2), pairs=len(above), weekly_volume=round(volume, 1),
        at_least=model.capped and threshold < model.scores[-1],
        expected_findings=findings, analysts=round(volume * hours / capacity, 2),
        engine=abs(threshold - model.threshold) < 1e-9,
    )  # fmt: skip


def demand_compute(*, as_of: date, chosen_threshold: float | None = None) -> DemandCapacity:
    n_weeks = int(settings.LANTERN_STRATEGY_DEMAND_WEEKS)
    slots = _weeks(as_of, n_weeks)
    starts = [s for s, _ in slots]
    end = day_start(as_of + timedelta(days=1))
    weeks = [Week(s, complete, [0] * len(SOURCES), [0, 0, 0]) for s, complete in slots]

    alerts = list(
        Alert.objects.exclude(status=AlertStatus.SUPPRESSED)
        .filter(run__loaded_at__lt=end)
        .select_related("run")
        .only("pk", "status", "decided_at", "run__loaded_at", "score")
    )
    reports = list(
        Report.objects.filter(received_at__lt=end).only(
            "channel", "received_at", "first_response_at", "closed_at"
        )
    )
    intel = IntelligenceReport.objects.filter(
        created_at__lt=end, created_at__gte=day_start(starts[0])
    ).values_list("source_type", "created_at")
    cases = list(Investigation.objects.filter(opened_at__lt=end).only("opened_at", "closed_at"))

    def add(at: datetime | None, source: int) -> None:
        i = _bucket(at, starts, end)
        if i is not None:
            weeks[i].intake[source] += 1

    for a in alerts:
        add(a.run.loaded_at, 0)
    for r in reports:
        add(r.received_at, 2 if r.channel == Channel.PARTNER_AGENCY else 1)
    for source_type, at in intel:
        if source_type in INTELLIGENCE_SOURCE:
            add(at, INTELLIGENCE_SOURCE[source_type])

    def decided_at(a: Alert) -> datetime | None:
        return a.decided_at if a.status != AlertStatus.NEW else None

    for w in weeks:
        t = min(end, day_start(w.start + timedelta(days=7)))
        w.backlog = [
            sum(1 for a in alerts if a.run.loaded_at < t and not _before(decided_at(a), t)),
            sum(1 for r in reports if r.received_at < t and not _before(r.closed_at, t)),
            sum(1 for c in cases if c.opened_at < t and not _before(c.closed_at, t)),
        ]

    window_start = day_start(starts[0])

    def finished(at: datetime | None) -> bool:
        return at is not None and window_start <= at < end

    decided_alerts = [a for a in alerts if finished(decided_at(a))]
    timings = [
        _timing("Alerts: loaded to decision (time to assess)",
                [_days_between(a.run.loaded_at, a.decided_at) for a in decided_alerts
                 if a.decided_at]),
        _timing("Reporting line: received to first response (time to assess)",
                [_days_between(r.received_at, r.first_response_at) for r in reports
                 if r.first_response_at and finished(r.first_response_at)]),
        _timing("Reporting line: received to closed (time to close)",
                [_days_between(r.received_at, r.closed_at) for r in reports
                 if r.closed_at and finished(r.closed_at)]),
        _timing("Investigations: opened to closed (time to close)",
                [_days_between(c.opened_at, c.closed_at) for c in cases
                 if c.closed_at and finished(c.closed_at)]),
    ]  # fmt: skip

    hours = hours_per_alert([a.pk for a in decided_alerts], end)
    capacity = float(settings.LANTERN_STRATEGY_ANALYST_HOURS_PER_WEEK)

    complete = [w for w in weeks if w.complete][-int(settings.LANTERN_STRATEGY_FORECAST_WEEKS) :]
    history = history_forecast([w.intake[0] for w in complete])

    run = ScanRun.objects.filter(loaded_at__lt=end).order_by("-loaded_at").first()
    model, missing = score_model_build(run, end)
    result = DemandCapacity(
        as_of=as_of, weeks=weeks,
        intake_chart=columns(
            "Stacked columns of intake per week by source; the figures are in the table below.",
            [f"{w.start:%-d %b}" for w in weeks], SOURCES, [w.intake for w in weeks]),
        backlog_chart=lines(
            "Lines of the backlog at the end of each week; the figures are in the table below.",
            [f"{w.start:%-d %b}" for w in weeks],
            ["Alerts undecided", "Line reports open", "Investigations open"],
            [w.backlog for w in weeks]),
        timings=timings, hours=hours, analyst_hours_per_week=capacity,
        history_forecast=history, score_model=model, score_missing=missing,
        score_forecast=None, analysts_needed=None, analysts_needed_high=None,
        decision=StaffingThresholdDecision.objects.filter(decided_at__lt=end)
        .select_related("decided_by").first(),
    )  # fmt: skip
    forecast = None
    if model is not None:
        n = sum(1 for s in model.scores if s >= model.threshold)
        scale = 7 / model.period_days
        half = 1.96 * math.sqrt(n)
        forecast = Forecast(
            f"Score distribution of the run loaded {model.run.loaded_at:%-d %b %Y}: pairs at or "
            f"above the engine's threshold {model.threshold:g} over {model.period_days} days",
            round(n * scale, 1), round(max(0.0, n - half) * scale, 1), round((n + half) * scale, 1),
        )  # fmt: skip
        result.score_forecast = forecast
        grid = sorted(
            {round(model.threshold * f, 2) for f in (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)}
        )
        if chosen_threshold is not None:
            grid = sorted({*grid, round(chosen_threshold, 2)})
        result.whatif = [whatif_row(model, t, hours.per_alert, capacity) for t in grid]
        for row in result.whatif:
            row.engine = abs(row.threshold - round(model.threshold, 2)) < 1e-9
            row.chosen = chosen_threshold is not None and row.threshold == round(
                chosen_threshold, 2
            )
        result.chosen = next((r for r in result.whatif if r.chosen), None)
        highlight = next(
            (i for i, r in enumerate(result.whatif) if r.chosen),
            next((i for i, r in enumerate(result.whatif) if r.engine), None),
        )
        result.whatif_chart = columns(
            "Columns of weekly alert volume at each threshold; the figures are in the table.",
            [f"{r.threshold:g}" for r in result.whatif], ["Weekly alerts"],
            [[r.weekly_volume] for r in result.whatif], highlight=highlight,
        )  # fmt: skip
    basis = forecast or history
    if basis is not None:
        result.analysts_needed = round(basis.weekly * hours.per_alert / capacity, 2)
        result.analysts_needed_high = round(basis.high * hours.per_alert / capacity, 2)
    return result


def _before(at: datetime | None, t: datetime) -> bool:
    return at is not None and at < t


def hours_per_alert(alert_pks: Sequence[Any], end: datetime) -> Hours:
    logs = AlertWorkLog.objects.filter(alert__in=alert_pks, recorded_at__lt=end).values_list(
        "alert_id", "minutes"
    )
    per_alert: dict[object, int] = {}
    for alert_id, minutes in logs:
        per_alert[alert_id] = per_alert.get(alert_id, 0) + minutes
    total = sum(per_alert.values())
    if per_alert:
        return Hours(round(total / len(per_alert) / 60, 2), len(per_alert), len(alert_pks),
                     total, assumed=False)  # fmt: skip
    assumed = float(settings.LANTERN_STRATEGY_ASSUMED_HOURS_PER_ALERT)
    return Hours(assumed, 0, len(alert_pks), 0, assumed=True)


def history_forecast(weekly: Sequence[int]) -> Forecast | None:
    k = len(weekly)
    if k < 2:
        return None
    mean = sum(weekly) / k
    sd = math.sqrt(sum((x - mean) ** 2 for x in weekly) / (k - 1))
    half = t95(k - 1) * sd * math.sqrt(1 + 1 / k)
    return Forecast(
        f"Mean of the last {k} complete weeks of monitoring alerts loaded",
        round(mean, 1), round(max(0.0, mean - half), 1), round(mean + half, 1), weeks_used=k,
    )  # fmt: skip
