"""A small force holding one scenario per indicator, each beside a look-alike.

Every officer works 07:00-17:00 (UTC, which is local time in January), so
evening activity is off duty. Scenario staff and people are named after the
scenario letter, so a failing assertion says which story broke.
"""

from __future__ import annotations

from pathlib import Path

from tests.engine.force_factory import ForceBuilder, at

DAYS = range(0, 60)


def officer(f: ForceBuilder, staff_id: str, **kwargs: str) -> str:
    f.staff(staff_id, **kwargs)
    f.roster(staff_id, DAYS)
    return staff_id


def background(f: ForceBuilder) -> None:
    """Ordinary response officers: assigned work, looked up while assigned."""
    for i in range(12):
        sid = officer(f, f"BG{i:02d}")
        victim = f.person(f"BGV{i:02d}", markers=["domestic_abuse_victim"])
        suspect = f.person(f"BGX{i:02d}", sex="m")
        occ = f.occurrence(
            f"BGO{i:02d}", persons={victim: "victim", suspect: "suspect"}, reported_at=at(i, 8)
        )
        f.assign(occ, sid, start=at(i, 8.5), end=at(i + 5, 12))
        for d in range(i, i + 4):
            f.access(sid, at(d, 10), person_id=victim, occurrence_id=occ)
            f.access(sid, at(d, 11), person_id=suspect)


def predator(f: ForceBuilder) -> None:
    """A: met a domestic abuse victim on a call, then came back and messaged her at night."""
    officer(f, "A1")
    f.person("VA", markers=["domestic_abuse_victim"], phones=("+447700900101",))
    f.person("XA", sex="m")
    f.occurrence("OA", persons={"VA": "victim", "XA": "suspect"}, reported_at=at(1, 8))
    f.assign("OA", "A1", start=at(1, 8.5), end=at(2, 12))
    f.access("A1", at(1, 9), person_id="VA", occurrence_id="OA")
    for d in (10, 14, 18, 25, 30):
        f.access("A1", at(d, 22), person_id="VA", event_id=f"EA-{d}")
    for d in range(20, 44, 2):
        f.contact("A1", at(d, 22.5), "+447700900101", comm_id=f"CA-{d}-out")
        f.contact("A1", at(d, 23), "+447700900101", direction="inbound", comm_id=f"CA-{d}-in")


def court_preparation(f: ForceBuilder) -> None:
    """B (look-alike of A): after release, works the victim's file, claiming his own case."""
    officer(f, "B1")
    f.person("VB", markers=["domestic_abuse_victim"])
    f.occurrence("OB", persons={"VB": "victim"}, reported_at=at(1, 8), closed_at=at(15, 12))
    f.assign("OB", "B1", start=at(1, 8.5), end=at(2, 12), role="investigating")
    for d in (20, 21, 22, 40):
        f.access("B1", at(d, 11), person_id="VB", occurrence_id="OB", event_id=f"EB-{d}")


def long_safeguarding(f: ForceBuilder) -> None:
    """C (look-alike of A): still assigned for safeguarding; calls and texts the victim often."""
    officer(f, "C1")
    f.person("VC", markers=["domestic_abuse_victim"], phones=("+447700900103",))
    f.occurrence("OC", persons={"VC": "victim"}, reported_at=at(1, 8))
    f.assign("OC", "C1", start=at(1, 8.5), end=None, role="safeguarding")
    for d in range(3, 50, 2):
        f.contact("C1", at(d, 19), "+447700900103")
        f.access("C1", at(d, 12), person_id="VC")


def unexplained_vulnerable(f: ForceBuilder) -> None:
    """D: looks up a sexual offence victim he has no link to, twice from home; D2 once."""
    officer(f, "D1")
    officer(f, "D2")
    f.person("VD", markers=["sexual_offence_victim"])
    f.person("VD2", markers=["sexual_offence_victim"])
    f.occurrence("OD", persons={"VD": "victim", "VD2": "victim"}, category="sexual_offence")
    for d in (5, 9, 13, 20, 27, 33):
        f.access("D1", at(d, 22 if d in (20, 33) else 11), person_id="VD", event_id=f"ED-{d}")
    f.access("D2", at(5, 11), person_id="VD2", event_id="ED2-5")


def repeat_unexplained(f: ForceBuilder) -> None:
    """E: an ex-partner's relative looked up on many days, some off duty; E2 once."""
    officer(f, "E1")
    officer(f, "E2")
    f.person("PE", sex="m")
    f.person("PE2", sex="m")
    for d in (3, 8, 12, 19, 26, 31, 38, 45):
        f.access("E1", at(d, 20 if d % 2 else 11), person_id="PE", system="pnc", action="search")
    f.access("E2", at(3, 11), person_id="PE2", system="pnc", action="search")


def personal_connections(f: ForceBuilder) -> None:
    """F: self, colleague and neighbour look-ups; F5's 'neighbour' lives where F5 works."""
    officer(f, "F1", person_id="PF1")
    f.person("PF1", sex="m")
    for d in (4, 9):
        f.access("F1", at(d, 11), person_id="PF1")
    officer(f, "F2")
    officer(f, "F3", person_id="PF3")
    f.person("PF3")
    for d in (6, 7, 15):
        f.access("F2", at(d, 11), person_id="PF3")
    officer(f, "F4", home_area="A9")
    f.person("PF4", home_area="A9")
    for d in (10, 17):
        f.access("F4", at(d, 11), person_id="PF4")
    officer(f, "F5", home_area="A1")
    f.person("PF5", home_area="A1")
    f.access("F5", at(10, 11), person_id="PF5")


def claimed_mismatch(f: ForceBuilder) -> None:
    """G: records an occurrence that does not involve the person he opens."""
    officer(f, "G1")
    f.person("PG", markers=["mental_health"])
    f.person("PGX")
    f.occurrence("OG", persons={"PGX": "victim"}, category="theft")
    for d in (5, 12, 19, 26):
        f.access("G1", at(d, 11), person_id="PG", occurrence_id="OG", event_id=f"EG-{d}")


def breadth(f: ForceBuilder) -> None:
    """H: an analyst opens 30 vulnerable people's records; peers open one each.

    Public-protection officers in area A6 all review many domestic abuse
    victims: doing the job is not an outlier among those who do it.
    """
    for i in range(10):
        sid = officer(f, f"H{i}", role="intelligence_analyst", area="A5", team_id="T5")
        f.person(f"HV{i}", markers=["mental_health"])
        f.access(sid, at(3, 11), person_id=f"HV{i}")
    for j in range(30):
        f.person(f"HW{j}", markers=["missing_person"])
        f.access("H0", at(5 + j % 20, 11), person_id=f"HW{j}")
    for i in range(8):
        sid = officer(f, f"PP{i}", role="public_protection", area="A6", team_id="T6")
        for j in range(25):
            pid = f.person(f"PPV{i}-{j}", markers=["domestic_abuse_victim"])
            f.access(sid, at(2 + j, 10), person_id=pid)


def accumulation(f: ForceBuilder) -> None:
    """I: pursues two victims he met at work, late at night."""
    officer(f, "I1")
    for k in (1, 2):
        victim = f.person(f"VI{k}", markers=["domestic_abuse_victim"], phones=(f"+44770090020{k}",))
        occ = f.occurrence(f"OI{k}", persons={victim: "victim"}, reported_at=at(k, 8))
        f.assign(occ, "I1", start=at(k, 8.5), end=at(k + 1, 12))
        for d in range(12 + k, 40, 3):
            f.access("I1", at(d, 21.5), person_id=victim)
            f.contact("I1", at(d, 22), f"+44770090020{k}")


def supervision_and_links(f: ForceBuilder) -> None:
    """J: a sergeant views his constable's victim; K: an officer views his suspect's associate."""
    officer(f, "J1", rank="sergeant", team_id="T9")
    officer(f, "J2", team_id="T9")
    f.person("VJ", markers=["domestic_abuse_victim"])
    f.occurrence("OJ", persons={"VJ": "victim"}, reported_at=at(3, 8))
    f.assign("OJ", "J2", start=at(3, 8.5), end=at(12, 12))
    for d in (4, 6, 8, 10):
        f.access("J1", at(d, 14), person_id="VJ", event_id=f"EJ-{d}")
    officer(f, "K1")
    f.person("VK")
    f.person("XK", sex="m")
    f.person("WK", markers=["substance_misuse"])
    f.occurrence(
        "OK", persons={"VK": "victim", "XK": "suspect"}, reported_at=at(3, 8), category="assault"
    )
    f.occurrence(
        "OK2", persons={"XK": "suspect", "WK": "witness"}, reported_at=at(-90, 8), category="drugs"
    )
    f.assign("OK", "K1", start=at(3, 8.5), end=at(20, 12), role="investigating")
    for d in (5, 7, 9, 11):
        f.access("K1", at(d, 14), person_id="WK", event_id=f"EK-{d}")


def follow_up(f: ForceBuilder) -> None:
    """N: after release, views the victim twice more on duty (a follow-up, one kind of evidence)."""
    officer(f, "N1")
    f.person("VN", markers=["domestic_abuse_victim"])
    f.occurrence("ON", persons={"VN": "victim"}, reported_at=at(1, 8))
    f.assign("ON", "N1", start=at(1, 8.5), end=at(2, 12))
    for d in (12, 19):
        f.access("N1", at(d, 11), person_id="VN", event_id=f"EN-{d}")


def ringing_back(f: ForceBuilder) -> None:
    """L: the victim rings the officer once, weeks after the case; he answers on duty."""
    officer(f, "L1")
    f.person("VL", markers=["domestic_abuse_victim"], phones=("+447700900301",))
    f.occurrence("OL", persons={"VL": "victim"}, reported_at=at(1, 8))
    f.assign("OL", "L1", start=at(1, 8.5), end=at(2, 12))
    f.contact(
        "L1", at(30, 10), "+447700900301", direction="inbound", channel="call", comm_id="CL-30"
    )


def role_duty_templates(f: ForceBuilder) -> None:
    """M: call handlers open people on open occurrences they take calls for (a role duty)."""
    for i in range(5):
        sid = officer(f, f"M{i}", role="call_handler", area="A7", team_id="T7")
        for j in range(6):
            pid = f.person(f"MV{i}-{j}", markers=["domestic_abuse_victim"])
            occ = f.occurrence(f"MO{i}-{j}", persons={pid: "victim"}, reported_at=at(j * 3, 9))
            f.access(
                sid,
                at(j * 3, 9.5),
                person_id=pid,
                occurrence_id=occ,
                system="command_control",
                event_id=f"EM{i}-{j}",
            )


SCENARIOS = (
    background,
    predator,
    court_preparation,
    long_safeguarding,
    unexplained_vulnerable,
    repeat_unexplained,
    personal_connections,
    claimed_mismatch,
    breadth,
    accumulation,
    supervision_and_links,
    follow_up,
    ringing_back,
    role_duty_templates,
)


def catalogue_force() -> ForceBuilder:
    f = ForceBuilder()
    for scenario in SCENARIOS:
        scenario(f)
    return f


def catalogue_write(directory: Path) -> Path:
    return catalogue_force().write(directory / "clean")
