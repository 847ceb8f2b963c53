"""Each indicator on a minimal story that must trigger it, beside a look-alike that must not.

The stories live in ``scenarios``; one detection run per backend serves every test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.engine.alerts import Alert, IndicatorHit
from lantern.engine.detection import Detection
from tests.engine.scenarios import catalogue_write

Pair = tuple[str, str | None]


@pytest.fixture
def catalogue(
    backend: str, detection_of: Callable[[str, str, Callable[[Path], Path]], Detection]
) -> Detection:
    return detection_of("catalogue", backend, catalogue_write)


def alerts_by_pair(detection: Detection) -> dict[Pair, Alert]:
    return {(a.staff_id, a.person_id): a for a in detection.alerts}


def codes(alert: Alert) -> set[str]:
    return {h.code for h in alert.indicators}


def hit(alert: Alert, code: str) -> IndicatorHit:
    return next(h for h in alert.indicators if h.code == code)


def staff_alerted(detection: Detection) -> set[str]:
    return {a.staff_id for a in detection.alerts}


def test_return_off_duty_and_night_contact_raise_sexual_misconduct(catalogue: Detection):
    alert = alerts_by_pair(catalogue)[("A1", "VA")]
    assert alert.category == "sexual_misconduct"
    assert {
        "return_after_involvement",
        "off_duty_access",
        "device_contact_outside_involvement",
    } <= codes(alert)
    assert hit(alert, "return_after_involvement").evidence == (
        "EA-10",
        "EA-14",
        "EA-18",
        "EA-25",
        "EA-30",
    )
    # Released on day 2: every message from day 20 on is outside the 14-day contact grace.
    assert len(hit(alert, "device_contact_outside_involvement").evidence) == 24


def test_court_preparation_on_ones_own_case_is_explained(catalogue: Detection):
    assert "B1" not in staff_alerted(catalogue)


def test_contact_while_still_assigned_for_safeguarding_is_explained(catalogue: Detection):
    assert "C1" not in staff_alerted(catalogue)


def test_unexplained_access_to_a_vulnerable_person(catalogue: Detection):
    alert = alerts_by_pair(catalogue)[("D1", "VD")]
    assert codes(alert) == {"unexplained_vulnerable_access", "off_duty_access"}
    assert len(hit(alert, "unexplained_vulnerable_access").evidence) == 6
    assert alert.category == "misusing_force_systems"  # no contact, no return: no sexual sign
    assert "D2" not in staff_alerted(catalogue)  # a single look-up is not an alert


def test_repeated_unexplained_access_to_a_person_without_markers(catalogue: Detection):
    alert = alerts_by_pair(catalogue)[("E1", "PE")]
    assert {"unexplained_repeat_access", "off_duty_access"} <= codes(alert)
    assert alert.category == "misusing_force_systems"
    assert "E2" not in staff_alerted(catalogue)


def test_lookups_of_oneself_a_colleague_or_a_neighbour(catalogue: Detection):
    pairs = alerts_by_pair(catalogue)
    for key in (("F1", "PF1"), ("F2", "PF3"), ("F4", "PF4")):
        assert codes(pairs[key]) == {"personal_connection_lookup"}, key
        assert pairs[key].category == "misusing_force_systems"
    assert "own record" in hit(pairs[("F1", "PF1")], "personal_connection_lookup").summary
    assert "F5" not in staff_alerted(catalogue)  # lives where she works: not a neighbour look-up


def test_a_claimed_occurrence_that_does_not_involve_the_person(catalogue: Detection):
    alert = alerts_by_pair(catalogue)[("G1", "PG")]
    assert hit(alert, "claimed_occurrence_mismatch").evidence == ("EG-5", "EG-12", "EG-19", "EG-26")


def test_breadth_is_judged_against_role_peers(catalogue: Detection):
    alert = alerts_by_pair(catalogue)[("H0", None)]
    assert codes(alert) == {"unexplained_breadth"}
    assert len(hit(alert, "unexplained_breadth").evidence) == 31  # one access per person
    # Every public-protection officer reviews many victims: nobody stands out.
    assert not {f"PP{i}" for i in range(8)} & staff_alerted(catalogue)


def test_risk_accumulates_per_member_of_staff(catalogue: Detection):
    pairs = alerts_by_pair(catalogue)
    for person in ("VI1", "VI2"):
        assert "staff_accumulation" in codes(pairs[("I1", person)])
    assert "staff_accumulation" not in codes(pairs[("A1", "VA")])  # one person only


def test_supervision_and_linked_people_explain_access(catalogue: Detection):
    assert not {"J1", "K1"} & staff_alerted(catalogue)


def test_one_kind_of_evidence_needs_more_to_alert(catalogue: Detection):
    # Two follow-up views after release reach the score, but from one family
    # of evidence only: not corroborated, not an alert.
    assert "N1" not in staff_alerted(catalogue)


def test_a_victim_ringing_back_once_is_not_an_alert(catalogue: Detection):
    assert "L1" not in staff_alerted(catalogue)


def test_mined_role_duties_explain_call_handling(catalogue: Detection):
    accepted = {(m.role, m.template) for m in catalogue.templates if m.accepted}
    assert ("call_handler", "claimed_open:domestic_abuse") in accepted
    assert catalogue.explained_share["call_handler"]["explained_share"] == 1.0
    assert not {f"M{i}" for i in range(5)} & staff_alerted(catalogue)


def test_ordinary_work_raises_nothing(catalogue: Detection):
    assert not {f"BG{i:02d}" for i in range(12)} & staff_alerted(catalogue)


def test_every_alert_carries_evidence_and_a_summary_with_numbers(catalogue: Detection):
    for alert in catalogue.alerts:
        assert alert.indicators
        for h in alert.indicators:
            assert h.evidence and h.weight > 0
            assert any(ch.isdigit() for ch in h.summary), h.summary
        assert alert.score == pytest.approx(sum(h.weight for h in alert.indicators))
