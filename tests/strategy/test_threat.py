"""The threat assessment's figures against ones worked out by hand (dataset in conftest.py).

As of 31 December 2025, period 1 Jan to 31 Dec 2025, prior period 2024:
intelligence 3 (2024: 1); alerts a1, a2, a3 (loaded 1 April); one investigation
(from a1, closed as misconduct); one public line report and one partner concern.
a3 was decided in January 2026, so as of 31 December 2025 it is still open.
"""

from __future__ import annotations

from datetime import date

import pytest

from lantern.strategy.threat import FigureTable, threat_assessment_compute
from tests.strategy.conftest import Force

pytestmark = pytest.mark.django_db


def row(table: FigureTable, label: str) -> list[str]:
    found = [r for r in table.rows if r.label == label]
    assert found, f"{label!r} not in {[r.label for r in table.rows]}"
    return [c.text for c in found[0].cells]


def totals(table: FigureTable) -> list[str]:
    assert table.totals is not None
    return [c.text for c in table.totals]


@pytest.fixture
def ta(force: Force):  # type: ignore[no-untyped-def]
    return threat_assessment_compute(year=2025, as_of=date(2025, 12, 31), shared=False)


def test_overview_compares_with_the_same_period_of_the_prior_year(ta) -> None:  # type: ignore[no-untyped-def]
    assert row(ta.overview, "Intelligence reports") == ["1", "3"]
    assert row(ta.overview, "Monitoring alerts") == ["0", "3"]
    assert row(ta.overview, "Reporting-line reports") == ["0", "1"]
    assert row(ta.overview, "Partner-agency concerns") == ["0", "1"]
    assert row(ta.overview, "Investigations opened") == ["0", "1"]
    assert row(ta.trend, "2025") == ["3", "3", "1"]
    assert row(ta.trend, "2024") == ["1", "0", "0"]


def test_by_national_category(ta) -> None:  # type: ignore[no-untyped-def]
    assert row(ta.by_category, "Sexual misconduct") == ["2", "2", "1"]
    assert row(ta.by_category, "Disclosure of information") == ["1", "0", "0"]
    assert row(ta.by_category, "Theft and fraud") == ["1", "0", "0"]
    assert row(ta.by_category, "Misusing force systems") == ["0", "1", "0"]
    assert totals(ta.by_category) == ["3", "3", "1"]
    assert row(ta.category_change, "Sexual misconduct") == ["0", "5"]
    assert row(ta.category_change, "Disclosure of information") == ["1", "1"]
    assert ta.rising_categories[0].name == "Sexual misconduct"
    assert ta.rising_categories[0].change == "+5"
    assert {t.name for t in ta.rising_indicators} == {
        "Return after involvement",
        "Unexplained breadth",
    }


def test_by_source(ta) -> None:  # type: ignore[no-untyped-def]
    assert row(ta.by_source, "Proactive monitoring") == ["0", "1"]  # INV-1 came from alert a1
    assert row(ta.by_source, "Public complaint") == ["1", "0"]
    assert row(ta.by_source, "Colleague") == ["1", "0"]
    assert row(ta.by_source, "Another force") == ["1", "0"]
    assert row(ta.by_source, "Confidential reporting line") == ["0", "0"]
    assert totals(ta.by_source) == ["3", "1"]


def test_by_rank_role_unit_and_area(ta) -> None:  # type: ignore[no-untyped-def]
    by_role, by_rank, by_unit, by_area = ta.by_attribute
    assert row(by_rank, "Constable") == ["1", "2", "1"]
    assert row(by_rank, "Sergeant") == ["1", "1", "0"]
    assert row(by_rank, "Not yet identified") == ["1", "0", "0"]
    assert [r.label for r in by_rank.rows][:2] == ["Sergeant", "Constable"]  # senior first
    assert row(by_role, "Detective") == ["1", "1", "0"]
    assert row(by_unit, "T1") == ["1", "2", "1"]
    assert row(by_area, "South") == ["1", "1", "0"]
    assert totals(by_rank) == ["3", "3", "1"]


def test_share_confirmed_uses_decisions_known_on_the_date(ta) -> None:  # type: ignore[no-untyped-def]
    confirmed, decided, substantiated = ta.confirmed
    # a1 escalated (confirmed), a2 dismissed, a3 decided only in 2026: open.
    assert (confirmed.numerator.text, confirmed.denominator.text, confirmed.percent) == (
        "1", "2", "50%",
    )  # fmt: skip
    assert (decided.numerator.text, decided.denominator.text, decided.percent) == (
        "2", "3", "67%",
    )  # fmt: skip
    assert substantiated.percent == "100%"


def test_a_later_date_sees_the_later_decision(force: Force) -> None:
    later = threat_assessment_compute(year=2025, as_of=date(2026, 2, 1), shared=False)
    confirmed = later.confirmed[0]
    assert (confirmed.numerator.text, confirmed.denominator.text) == ("2", "3")


def test_time_to_detection(ta) -> None:  # type: ignore[no-untyped-def]
    # a1: first access 1 Jan -> loaded 1 Apr = 90 days (the duty period is not an act);
    # a2: no evidence, first_seen 22 Mar = 10 days; a3: contact 2 Dec 2024 = 120 days.
    assert ta.lag.count.text == "3"
    assert ta.lag.median_days == "90 days"
    assert ta.lag.p90_days == "120 days"
    assert row(ta.lag.bands, "Within 30 days") == ["1"]
    assert row(ta.lag.bands, "31 to 90 days") == ["1"]
    assert row(ta.lag.bands, "91 to 180 days") == ["1"]


def test_as_of_excludes_later_records(force: Force) -> None:
    mid = threat_assessment_compute(year=2025, as_of=date(2025, 5, 15), shared=False)
    assert row(mid.overview, "Intelligence reports") == ["1", "1"]  # INT-0: 1 May 2024
    assert row(mid.overview, "Partner-agency concerns") == ["0", "0"]  # July
    assert row(mid.overview, "Reporting-line reports") == ["0", "1"]  # 1 May 2025
    assert mid.period.last == date(2025, 5, 15)
    assert mid.prior.last == date(2024, 5, 15)


def test_shared_figures_suppress_small_numbers(ta, force: Force) -> None:  # type: ignore[no-untyped-def]
    shared = threat_assessment_compute(year=2025, as_of=date(2025, 12, 31), shared=True)
    assert row(shared.overview, "Intelligence reports") == ["fewer than 5", "fewer than 5"]
    assert row(shared.overview, "Reporting-line reports") == ["0", "fewer than 5"]
    # A column of small counts whose total is small too: nothing in it can be read.
    assert set(row(shared.by_category, "Sexual misconduct")) <= {"fewer than 5", "withheld"}
    assert totals(shared.by_category) == ["fewer than 5"] * 3
    assert shared.lag.median_days == "–"
    assert all(s.percent == "–" for s in shared.confirmed)
    themes = {t.name: t for t in shared.rising_categories}
    # 5 is withheld this period: with the shown total 8 it would give away the three 1s.
    assert row(shared.category_change, "Sexual misconduct") == ["0", "withheld"]
    assert themes["Sexual misconduct"].current.text == "withheld"
    assert themes["Sexual misconduct"].change == "rising"
    assert themes["Theft and fraud"].current.text == "fewer than 5"
    assert themes["Theft and fraud"].change == "rising"
    # The chart is drawn from the same cells: no bar carries a withheld figure.
    assert shared.by_category.chart is not None
    assert all(b.width == 0 for b in shared.by_category.chart.bars)


def test_outside_the_unit_only_a_signed_off_strategy_is_shown(force: Force) -> None:
    from django.utils import timezone

    from lantern.strategy.services import control_strategy_save, control_strategy_sign_off

    first = {"sexual_misconduct": {"pursue": "Signed-off priority."}}
    v1 = control_strategy_save(actor=force.head.user, year=2025, priorities=first,
                               change_note="v1")  # fmt: skip
    control_strategy_sign_off(actor=force.head.user, version=v1)
    control_strategy_save(actor=force.head.user, year=2025,
                          priorities={"sexual_misconduct": {"pursue": "Draft priority."}},
                          change_note="v2")  # fmt: skip
    today = timezone.localdate()
    shared = threat_assessment_compute(year=2025, as_of=today, shared=True)
    unit = threat_assessment_compute(year=2025, as_of=today, shared=False)
    assert shared.strategy is not None and shared.strategy.number == 1
    assert shared.strategy_draft == 2
    assert shared.strategy_rows[0].priorities[3] == ("Pursue", "Signed-off priority.")
    assert unit.strategy is not None and unit.strategy.number == 2 and unit.strategy_draft is None


def test_a_suppressed_cell_cannot_be_recovered_across_tables(db: object) -> None:
    """Theft and fraud: 12 reports, 2 alerts, 7 investigations, 21 in all this period.

    Protected table by table, the 2 was withheld in its column but the row (12, 7) and the
    "this period" figure (21) of the next table were shown: 21 - 12 - 7 = 2. Every figure
    of the shared document is now protected together.
    """
    from lantern.accounts.roles import Role
    from lantern.alerts.models import ScanRun
    from lantern.cases.models import Investigation
    from lantern.strategy.suppression import LinkedGroup, determined
    from tests.factories import account_make, staff_make
    from tests.strategy.conftest import alert_add, at, intelligence_add

    head, officer = account_make(Role.HEAD_OF_PSD).user, account_make(Role.INVESTIGATOR).user
    staff = staff_make(rank="constable", role="response_officer", team_id="T1", area="north")
    run = ScanRun.objects.create(source="t", loaded_at=at("2025-04-01T00:00"))
    made = {"theft_and_fraud": (12, 2, 7), "sexual_misconduct": (10, 10, 10)}
    for code, (n_intel, n_alerts, n_cases) in made.items():
        for i in range(n_intel):
            intelligence_add(
                head, f"INT-{code[:6]}-{i}", [code], "colleague", "2025-03-01", (staff,)
            )
        for i in range(n_alerts):
            alert_add(run, f"a-{code}-{i}", staff, score=9, category=code)
        for i in range(n_cases):
            Investigation.objects.create(
                reference=f"INV-{code[:6]}-{i}", subject=staff, categories=[code], summary="x",
                investigating_officer=officer, opened_by=head, opened_at=at("2025-05-01"),
            )  # fmt: skip
    unit = threat_assessment_compute(year=2025, as_of=date(2025, 12, 31), shared=False)
    assert row(unit.by_category, "Theft and fraud") == ["12", "2", "7"]
    assert row(unit.category_change, "Theft and fraud")[1] == "21"

    ta = threat_assessment_compute(year=2025, as_of=date(2025, 12, 31), shared=True)
    theft = row(ta.by_category, "Theft and fraud")
    assert theft[1] == "fewer than 5"
    # The row and its "this period" figure never leave exactly one figure unknown.
    shown_21 = row(ta.category_change, "Theft and fraud")[1]
    assert sum(1 for t in [*theft, shown_21] if not t.isdigit()) >= 2

    # Everything a reader can add up from the document, solved exactly: the 2 stays unknown.
    values: dict[object, int] = {}
    groups: list[LinkedGroup] = []
    hidden: set[object] = set()
    truth = {("by_category", "Theft and fraud", 1): 2}

    def figure(key: object, cell) -> object:  # type: ignore[no-untyped-def]
        if cell.shown:
            values[key] = cell.value
        else:
            hidden.add(key)
            values[key] = truth.get(key, 0)  # only determinacy matters, not the value
        return key

    def table_keys(t: FigureTable) -> tuple[list[list[object]], list[object]]:
        cells = [[figure((t.key, r.label, i), c) for i, c in enumerate(r.cells)] for r in t.rows]
        tot = [figure((t.key, "Total", i), c) for i, c in enumerate(t.totals or [])]
        return cells, tot

    by_cat, by_cat_totals = table_keys(ta.by_category)
    change, change_totals = table_keys(ta.category_change)
    for col, total in enumerate(by_cat_totals):
        groups.append(LinkedGroup(total, tuple(r[col] for r in by_cat)))
    groups.append(LinkedGroup(change_totals[1], tuple(r[1] for r in change)))
    for cells, change_row in zip(by_cat, change, strict=True):
        groups.append(LinkedGroup(change_row[1], tuple(cells)))
    # The same totals elsewhere: the summary, the year on year, sources and subjects.
    overview = {r.label: r.cells[1] for r in ta.overview.rows}
    for label, col in (("Intelligence reports", 0), ("Monitoring alerts", 1),
                       ("Investigations opened", 2)):  # fmt: skip
        key = figure(("overview", label), overview[label])
        groups.append(LinkedGroup(key, (by_cat_totals[col],)))
    for t in [ta.by_source, *ta.by_attribute]:
        cells, tot = table_keys(t)
        for col, total in enumerate(tot):
            groups.append(LinkedGroup(total, tuple(r[col] for r in cells)))
    cells, _ = table_keys(ta.trend)
    for col in range(3):
        groups.append(LinkedGroup(cells[-1][col], (by_cat_totals[col],)))
    assert ("by_category", "Theft and fraud", 1) in hidden
    assert ("by_category", "Theft and fraud", 1) not in determined(values, groups, hidden)
