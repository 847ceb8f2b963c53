"""Each planted scenario leaves exactly the evidence its truth file claims."""

from __future__ import annotations

from typing import Any

from tests.synth.conftest import Force


def _events(force: Force, ids: list[str]) -> list[tuple[Any, ...]]:
    force.con.execute("CREATE OR REPLACE TEMP TABLE wanted AS SELECT unnest(?) AS id", [ids])
    return force.rows(
        "SELECT event_id, staff_id, person_id, ts, occurrence_id FROM access_events "
        "JOIN wanted ON event_id = id ORDER BY ts"
    )


def _comms(force: Force, ids: list[str]) -> list[tuple[Any, ...]]:
    force.con.execute("CREATE OR REPLACE TEMP TABLE wanted AS SELECT unnest(?) AS id", [ids])
    return force.rows(
        "SELECT comm_id, staff_id, counterpart, ts, direction, channel FROM communications "
        "JOIN wanted ON comm_id = id ORDER BY ts"
    )


def _phones(force: Force, persons: list[str]) -> set[str]:
    return {
        p
        for (p,) in force.rows(
            "SELECT phone FROM person_contacts WHERE list_contains(?, person_id)", persons
        )
    }


def _assigned_pairs(force: Force, staff: str, before: str = "2100-01-01") -> set[str]:
    """Persons linked to an occurrence this member of staff was assigned to (before a time)."""
    return {
        p
        for (p,) in force.rows(
            "SELECT DISTINCT op.person_id FROM assignments a "
            "JOIN occurrence_persons op USING (occurrence_id) WHERE a.staff_id = ? "
            "AND a.assigned_at < CAST(? AS TIMESTAMPTZ)",
            staff,
            before,
        )
    }


def test_every_claimed_event_and_comm_exists_and_matches(force: Force) -> None:
    for planted in force.truth["wrongdoers"] + force.truth["lookalikes"]:
        staff, persons = planted["staff_id"], planted["persons"]
        events = _events(force, planted["event_ids"])
        assert len(events) == len(planted["event_ids"]) > 0, planted["scenario"]
        assert {e[1] for e in events} == {staff}
        assert {e[2] for e in events} <= set(persons)
        comms = _comms(force, planted["comm_ids"])
        assert len(comms) == len(planted["comm_ids"])
        assert {c[1] for c in comms} <= {staff}
        assert {c[2] for c in comms} <= _phones(force, persons)
        times = [e[3] for e in events] + [c[3] for c in comms]
        assert min(times).isoformat().startswith(planted["first_act"][:19].replace("T", "T"))


def test_wrongful_events_are_absent_from_other_staff(force: Force) -> None:
    ids = {i for w in force.truth["wrongdoers"] for i in w["event_ids"]}
    assert len(ids) == sum(len(w["event_ids"]) for w in force.truth["wrongdoers"])


def _wrongdoers(force: Force, scenario: str) -> list[dict[str, Any]]:
    return [w for w in force.truth["wrongdoers"] if w["scenario"] == scenario]


def test_victim_pursuit_starts_with_attending_and_goes_on_after_release(force: Force) -> None:
    for w in _wrongdoers(force, "apsp_victim_pursuit"):
        for person in w["persons"]:
            attended = force.rows(
                "SELECT max(a.released_at) FROM assignments a JOIN occurrence_persons op "
                "USING (occurrence_id) WHERE a.staff_id = ? AND op.person_id = ? "
                "AND a.role = 'attending'",
                w["staff_id"],
                person,
            )[0][0]
            assert attended is not None, "first contact is a policing event"
            events = [e for e in _events(force, w["event_ids"]) if e[2] == person]
            assert events and all(e[3] > attended for e in events)
            comms = _comms(force, w["comm_ids"])
            assert all(c[3] > attended for c in comms)


def test_sexual_scenarios_contact_late_and_in_both_directions(force: Force) -> None:
    checked = 0
    for w in force.truth["wrongdoers"]:
        if w["category"] != "sexual_misconduct" or len(w["comm_ids"]) < 12:
            continue
        comms = _comms(force, w["comm_ids"])
        assert {c[4] for c in comms} == {"inbound", "outbound"}
        late = [c for c in comms if c[3].hour >= 20 or c[3].hour < 2]
        assert late, w["staff_id"]
        checked += 1
    assert checked >= 1


def test_unassigned_browsing_targets_have_no_assignment_link(force: Force) -> None:
    cases = _wrongdoers(force, "apsp_unassigned_browsing")
    assert cases
    for w in cases:
        # No link when the browsing starts (a later, legitimate one can happen).
        linked = _assigned_pairs(force, w["staff_id"], w["first_act"])
        assert not set(w["persons"]) & linked
        markers = force.rows(
            "SELECT count(*) FROM persons WHERE list_contains(?, person_id) AND len(markers) > 0",
            w["persons"],
        )[0][0]
        assert markers == len(w["persons"])


def test_post_closure_contact_happens_after_the_case_closed(force: Force) -> None:
    for w in _wrongdoers(force, "apsp_post_closure_contact"):
        person = w["persons"][0]
        released = force.rows(
            "SELECT max(a.released_at) FROM assignments a JOIN occurrence_persons op "
            "USING (occurrence_id) JOIN occurrences o USING (occurrence_id) WHERE a.staff_id = ? "
            "AND op.person_id = ? AND a.role IN ('investigating', 'safeguarding') "
            "AND o.closed_at IS NOT NULL",
            w["staff_id"],
            person,
        )[0][0]
        assert released is not None
        assert all(c[3] > released for c in _comms(force, w["comm_ids"]))


def test_misuse_scenarios_hit_the_right_people(force: Force) -> None:
    for w in force.truth["wrongdoers"]:
        staff = w["staff_id"]
        own, home = force.rows("SELECT person_id, home_area FROM staff WHERE staff_id = ?", staff)[
            0
        ]
        if w["scenario"] == "misuse_self":
            assert w["persons"] == [own]
        elif w["scenario"] == "misuse_colleague":
            colleagues = {
                p
                for (p,) in force.rows(
                    "SELECT person_id FROM staff WHERE staff_id <> ? AND person_id IS NOT NULL",
                    staff,
                )
            }
            assert set(w["persons"]) <= colleagues
        elif w["scenario"] == "misuse_neighbour":
            areas = {
                a
                for (a,) in force.rows(
                    "SELECT home_area FROM persons WHERE list_contains(?, person_id)", w["persons"]
                )
            }
            assert areas == {home}
        elif w["scenario"] == "misuse_ex_partner":
            assert not set(w["persons"]) & _assigned_pairs(force, staff)
        else:
            continue
        assert not w["comm_ids"], "non-sexual misuse is lookups only"
        assert w["category"] == "misusing_force_systems"


def test_parameters_vary_between_wrongdoers(force: Force) -> None:
    shares = {w["parameters"]["on_duty_share"] for w in force.truth["wrongdoers"]}
    volumes = {len(w["event_ids"]) for w in force.truth["wrongdoers"]}
    assert len(shares) > 3
    assert len(volumes) > 3


def test_lookalikes_are_explained_by_their_assignment(force: Force) -> None:
    for planted in force.truth["lookalikes"]:
        staff = planted["staff_id"]
        windows = force.rows(
            "SELECT a.assigned_at, coalesce(a.released_at, TIMESTAMPTZ '2100-01-01'), "
            "op.person_id FROM assignments a JOIN occurrence_persons op USING (occurrence_id) "
            "WHERE a.staff_id = ? AND list_contains(?, op.person_id)",
            staff,
            planted["persons"],
        )
        assert windows, planted["scenario"]
        for event in _events(force, planted["event_ids"]):
            assert any(lo <= event[3] <= hi and p == event[2] for lo, hi, p in windows)
