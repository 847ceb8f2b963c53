"""Each access keeps the path that explains it; claims are checked; duty is known."""

from __future__ import annotations

from typing import Any

import pytest

from lantern.engine.backends import BackendOptions, backend_connect
from lantern.engine.config import ExplanationConfig
from lantern.engine.explanation.paths import (
    events_explained,
    events_unsettled,
    pairs_settled,
    pairs_spread,
    with_duty_status,
)
from lantern.engine.explanation.templates import (
    PathCount,
    explained_share,
    templates_measure,
)
from lantern.engine.force import force_tables_read
from tests.engine.force_factory import ForceBuilder, at


def small_force() -> ForceBuilder:
    f = ForceBuilder()
    f.staff("S1")
    f.staff("S2", rank="sergeant")
    f.staff("S3", team_id="T2")
    f.staff("S4", team_id="T4")
    f.roster("S1", range(0, 30))
    f.person("P1", markers=["domestic_abuse_victim"])
    f.person("P2", sex="m")
    f.person("P3")
    f.occurrence("O1", persons={"P1": "victim", "P2": "suspect"})
    f.occurrence("O2", persons={"P2": "suspect", "P3": "witness"}, category="assault")
    f.occurrence("O3", persons={"P3": "witness"}, category="theft")
    f.assign("O1", "S1", start=at(0, 9), end=at(2, 12))
    f.assign("O3", "S4", start=at(0, 9), end=None)
    f.access("S1", at(0, 0), person_id="P1", event_id="lead")  # 9 h before assignment
    f.access("S1", at(0, 10), person_id="P1", event_id="assigned")
    f.access("S1", at(4, 11), person_id="P1", event_id="grace")  # 2 days after release
    f.access("S1", at(10, 23), person_id="P1", event_id="after")
    f.access("S1", at(11, 12), person_id="P1", occurrence_id="O1", event_id="own")
    f.access("S2", at(1, 12), person_id="P1", event_id="supervision")
    f.access("S1", at(1, 12), person_id="P3", event_id="linked")
    f.access("S3", at(1, 12), person_id="P3", occurrence_id="O1", event_id="mismatch")
    f.access("S4", at(1, 12), person_id="P1", occurrence_id="O3", event_id="own-wrong-person")
    f.access("S3", at(1, 12), person_id=None, event_id="none")
    f.staff("S5")
    f.assign("O1", "S5", start=at(0, 9), end=None, role="investigating")
    f.access("S5", at(3, 10), person_id="P2", event_id="settled")
    f.staff("S6")
    f.roster("S6", range(0, 5), start_hour=20, hours=10)  # nights, 20:00-06:00
    f.access("S6", at(2, 2), person_id="P3", event_id="night-shift")  # 02:00 after midnight
    f.access("S6", at(2, 12), person_id="P3", event_id="day-off-nights")
    return f


_EXPLAINED: dict[str, dict[str, dict[str, Any]]] = {}


@pytest.fixture
def explained(backend: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every event of the small force with its explanation (computed once per backend)."""
    if backend not in _EXPLAINED:
        root = tmp_path_factory.mktemp(f"explained-{backend}")
        clean = small_force().write(root / "clean")
        con = backend_connect(BackendOptions(name=backend, temp_directory=root / "work"))
        force = force_tables_read(con, clean)
        cfg = ExplanationConfig()
        explained = events_explained(force.access_events, force, cfg)
        rows = with_duty_status(explained, force.duties).to_pyarrow().to_pylist()
        _EXPLAINED[backend] = {r["event_id"]: r for r in rows}
        settled = pairs_settled(pairs_spread(force.access_events), force, cfg)
        unsettled = events_unsettled(force.access_events, settled).event_id.to_pyarrow()
        _EXPLAINED[backend]["unsettled"] = {"ids": sorted(unsettled.to_pylist())}
    return _EXPLAINED[backend]


def test_each_access_keeps_the_path_that_explains_it(explained: dict[str, dict[str, Any]]):
    paths = {eid: row["path_specific"] for eid, row in explained.items() if eid != "unsettled"}
    assert paths == {
        "lead": "assigned",
        "assigned": "assigned",
        "grace": "assigned",
        "after": None,
        "own": "own_occurrence",
        "supervision": "supervision",
        "linked": "linked_person",
        "mismatch": None,
        "own-wrong-person": None,
        "none": "no_person",
        "settled": "assigned",
        "night-shift": None,
        "day-off-nights": None,
    }


def test_pairs_wholly_inside_an_assignment_are_settled_without_event_work(
    explained: dict[str, dict[str, Any]],
):
    # S5 only ever opened P2 while assigned: settled as a pair. S1's accesses to P1
    # include some after release, so that pair is examined event by event.
    assert explained["unsettled"]["ids"] == sorted(
        [
            "night-shift",
            "day-off-nights",
            "lead",
            "assigned",
            "grace",
            "after",
            "own",
            "supervision",
            "linked",
            "mismatch",
            "own-wrong-person",
        ]
    )


def test_a_claimed_occurrence_is_checked_never_trusted(explained: dict[str, dict[str, Any]]):
    # S4 really is assigned to O3, but O3 does not involve P1: the claim explains nothing.
    wrong = explained["own-wrong-person"]
    assert (wrong["claim_exists"], wrong["claim_own"], wrong["claim_involves"]) == (
        True,
        True,
        False,
    )
    assert explained["own"]["claim_involves"] and explained["own"]["claim_own"]


def test_involvement_ends_after_release_and_grace(explained: dict[str, dict[str, Any]]):
    assert explained["after"]["involvement_ended"] is True
    assert explained["grace"]["involvement_ended"] is False
    assert explained["mismatch"]["involvement_ended"] is False  # never involved


def test_duty_status_is_unknown_without_a_roster(explained: dict[str, dict[str, Any]]):
    assert explained["assigned"]["on_duty"] is True  # 10:00, rostered 07:00-17:00
    assert explained["after"]["on_duty"] is False  # 23:00
    assert explained["supervision"]["on_duty"] is None  # S2 has no roster
    assert explained["night-shift"]["on_duty"] is True  # a night duty crosses midnight
    assert explained["day-off-nights"]["on_duty"] is False


def counts(role: str, staff: str, path: str | None, template: str | None, n: int) -> PathCount:
    return PathCount(staff, role, path, template, usable=True, events=n)


def test_templates_are_accepted_by_measured_support_and_coverage():
    rows = [
        counts("call_handler", f"C{i}", None, "claimed_open:domestic_abuse", 40) for i in range(4)
    ] + [counts("call_handler", "C9", "assigned", None, 100)]
    rows += [counts("detective", "D1", None, "reasoned_check:pnc", 50)]
    rows += [counts("detective", f"D{i}", "assigned", None, 50) for i in range(2, 6)]
    measures = {(m.role, m.template): m for m in templates_measure(rows, ExplanationConfig())}
    handled = measures[("call_handler", "claimed_open:domestic_abuse")]
    assert (handled.support, round(handled.coverage, 3), handled.accepted) == (0.8, 0.615, True)
    lone = measures[("detective", "reasoned_check:pnc")]
    assert lone.support == 0.2 and not lone.accepted  # one detective's habit is not a duty


def test_explained_share_is_reported_per_role():
    rows = [
        counts("pcso", "P1", "assigned", None, 90),
        counts("pcso", "P1", None, None, 10),
        counts("pcso", "P1", "no_person", None, 500),
    ]
    share = explained_share(rows, [])
    assert share["pcso"]["explained_share"] == 0.9
    assert share["pcso"]["accesses"] == 100  # accesses about nobody are not counted
