"""Demand and capacity against hand-worked figures.

As of Sunday 29 June 2025 (weeks Monday to Sunday). Run A loaded Monday 2 June:
alerts a1 (12, confirmed 4 June), a2 (7, dismissed 6 June), a3 (8, confirmed
20 June), a4 (5.5, open). Run B loaded Monday 16 June: b1 (9, open), b2 (6.5,
dismissed 17 June). Time recorded: a1 60 + 30 minutes, a2 30 minutes.
Run B carries the engine's scores: threshold 6 over 28 days.
"""

from __future__ import annotations

from datetime import date

import pytest

from lantern.accounts.roles import Role
from lantern.alerts.models import AlertStatus, ScanRun
from lantern.intelligence.vocabulary import SourceType
from lantern.strategy.demand import SOURCES, demand_compute, history_forecast
from lantern.strategy.models import AlertWorkLog
from tests.factories import account_make, staff_make
from tests.strategy.conftest import alert_add, at, intelligence_add

AS_OF = date(2025, 6, 29)
SCORES = [12, 9, 8, 7, 6.5, 6, 5, 4, 3]

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db: object) -> None:
    analyst = account_make(Role.ANALYST).user
    staff = staff_make()
    run_a = ScanRun.objects.create(source="a", loaded_at=at("2025-06-02T09:00"))
    run_b = ScanRun.objects.create(
        source="b",
        loaded_at=at("2025-06-16T09:00"),
        summary={"score_distribution": {"threshold": 6.0, "period_days": 28,
                                        "pair_scores": SCORES}},
    )  # fmt: skip
    c, d = AlertStatus.INTELLIGENCE, AlertStatus.DISMISSED
    a1 = alert_add(run_a, "a1", staff, score=12, category="x", status=c,
                   decided_at="2025-06-04T09:00")  # fmt: skip
    a2 = alert_add(run_a, "a2", staff, score=7, category="x", status=d,
                   decided_at="2025-06-06T09:00")  # fmt: skip
    alert_add(run_a, "a3", staff, score=8, category="x", status=AlertStatus.INVESTIGATION,
              decided_at="2025-06-20T09:00")  # fmt: skip
    alert_add(run_a, "a4", staff, score=5.5, category="x")
    alert_add(run_b, "b1", staff, score=9, category="x")
    alert_add(run_b, "b2", staff, score=6.5, category="x", status=d,
              decided_at="2025-06-17T09:00")  # fmt: skip
    for alert, minutes in ((a1, 60), (a1, 30), (a2, 30)):
        AlertWorkLog.objects.create(alert=alert, analyst=analyst, activity="triage",
                                    minutes=minutes, worked_on=date(2025, 6, 4),
                                    recorded_at=at("2025-06-06T12:00"))  # fmt: skip


def test_intake_and_backlog_per_week(unit: None) -> None:
    d = demand_compute(as_of=AS_OF)
    weeks = {w.start: w for w in d.weeks}
    assert len(d.weeks) == 13 and all(w.complete for w in d.weeks)  # as of a Sunday
    assert weeks[date(2025, 6, 2)].intake == [4, 0, 0, 0, 0, 0]
    assert weeks[date(2025, 6, 16)].intake == [2, 0, 0, 0, 0, 0]
    assert weeks[date(2025, 6, 9)].intake == [0, 0, 0, 0, 0, 0]
    # End of the week of 2 June: a1 and a2 decided, a3 and a4 waiting.
    assert weeks[date(2025, 6, 2)].backlog == [2, 0, 0]
    # End of the week of 16 June: a4, b1 (a3 decided on the 20th, b2 on the 17th).
    assert weeks[date(2025, 6, 16)].backlog == [2, 0, 0]
    assert weeks[date(2025, 5, 26)].backlog == [0, 0, 0]


def test_public_complaints_are_a_source_of_their_own(unit: None) -> None:
    owner = account_make(Role.ANALYST).user
    for i, source in enumerate([SourceType.PUBLIC_COMPLAINT, SourceType.PUBLIC_COMPLAINT,
                                SourceType.COLLEAGUE, SourceType.VETTING, SourceType.OTHER_FORCE,
                                SourceType.MONITORING, SourceType.PARTNER_AGENCY]):  # fmt: skip
        intelligence_add(owner, f"INT-{i}", ["x"], source, "2025-06-10T10:00")
    d = demand_compute(as_of=AS_OF)
    week = next(w for w in d.weeks if w.start == date(2025, 6, 9))
    by_source = dict(zip(SOURCES, week.intake, strict=True))
    # Intelligence from monitoring and partners was counted where it arrived: not again.
    assert by_source == {"Monitoring alerts": 0, "Reporting line": 0, "Partner agencies": 0,
                         "Public complaints": 2, "Colleagues and vetting": 2,
                         "Other forces": 1}  # fmt: skip
    assert [item.name for item in d.intake_chart.legend] == list(SOURCES)


def test_time_to_assess(unit: None) -> None:
    alerts = demand_compute(as_of=AS_OF).timings[0]
    # 2, 4, 18 and 1 days: median 3, 90th percentile (nearest rank: 4th of 4) 18.
    assert (alerts.count, alerts.median_days, alerts.p90_days) == (4, 3.0, 18.0)


def test_hours_per_alert_from_recorded_work(unit: None) -> None:
    hours = demand_compute(as_of=AS_OF).hours
    # 120 minutes over the 2 decided alerts with time recorded = 1 hour each.
    assert (hours.per_alert, hours.alerts_with_time, hours.alerts_decided) == (1.0, 2, 4)
    assert not hours.assumed


def test_hours_fall_back_to_the_labelled_assumption(unit: None, settings) -> None:  # type: ignore[no-untyped-def]
    AlertWorkLog.objects.all().delete()
    settings.LANTERN_STRATEGY_ASSUMED_HOURS_PER_ALERT = 1.5
    hours = demand_compute(as_of=AS_OF).hours
    assert hours.assumed and hours.per_alert == 1.5


def test_forecast_and_analysts_from_the_score_distribution(unit: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_STRATEGY_ANALYST_HOURS_PER_WEEK = 25.0
    d = demand_compute(as_of=AS_OF)
    assert d.score_forecast is not None
    # 6 pairs at or above 6 over 28 days = 1.5 a week.
    assert d.score_forecast.weekly == 1.5
    # 1 hour per alert x 1.5 a week / 25 hours = 0.06 analysts.
    assert d.analysts_needed == pytest.approx(0.06)


def test_what_if_volume_and_expected_findings(unit: None, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_STRATEGY_MIN_BAND_DECISIONS = 2
    d = demand_compute(as_of=AS_OF, chosen_threshold=4.0)
    assert d.chosen is not None
    assert d.chosen.pairs == 8 and d.chosen.weekly_volume == 2.0
    model = d.score_model
    assert model is not None
    # Decided: a1 12 confirmed, a2 7 dismissed, a3 8 confirmed, b2 6.5 dismissed: overall 1/2.
    assert model.overall_rate == 0.5
    band = next(b for b in model.bands if b.low == 6.0)  # 6 to 7.5: a2, b2, both dismissed
    assert (band.decided, band.confirmed, band.rate, band.fallback) == (2, 0, 0.0, False)
    at_engine = next(r for r in d.whatif if r.engine)
    # Pairs >= 6: 12, 9, 8 at the overall 0.5 (their bands have < 2 decisions); 7, 6.5, 6 at 0.
    # 1.5 findings in 28 days = 0.375 a week.
    assert at_engine.threshold == 6.0
    assert at_engine.expected_findings == pytest.approx(0.375, abs=0.006)
    # Below the engine's threshold there are no decisions: the overall rate, 0.5 each.
    assert d.chosen.expected_findings == pytest.approx((1.5 + 2 * 0.5) * 7 / 28, abs=0.006)


def test_a_run_without_scores_is_said_plainly(db: object) -> None:
    ScanRun.objects.create(source="old", loaded_at=at("2025-06-16T09:00"))
    d = demand_compute(as_of=AS_OF)
    assert d.score_model is None and d.whatif == []
    assert "does not carry the engine's score distribution" in d.score_missing


def test_history_forecast_prediction_interval() -> None:
    f = history_forecast([4, 6, 5, 5])
    assert f is not None
    # mean 5, s = sqrt(2/3) = 0.8165, t(3) = 3.18: 5 +/- 3.18 * 0.8165 * sqrt(1.25) = 2.1 to 7.9
    assert (f.weekly, f.low, f.high) == (5.0, 2.1, 7.9)
    assert history_forecast([3]) is None
