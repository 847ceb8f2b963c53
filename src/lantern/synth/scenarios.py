"""Planted wrongdoing and legitimate look-alikes.

Each wrongdoer follows one scenario drawn from the patterns in domain.md; every
scenario draws its parameters (targets, volume, timing, on/off duty, channel,
direction) from ranges, so no single constant gives it away. Look-alikes are
legitimate work that a naive rule would flag. Both are documented in
docs/synthetic-force.md.

Acts are planned as (day, kind, target) and given a time only on the day they
happen, from that day's roster: on duty when the scenario's on-duty share
says so, otherwise in the evening or at night.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from lantern.synth.activity import ACT, REASON, SYS, US, Comms, Events
from lantern.synth.config import ForceConfig
from lantern.synth.force import ROLE, Roster, Staff
from lantern.synth.occurrences import AROLE, CATEGORY, DAY, OPEN, Duty, OccurrenceBook
from lantern.synth.population import F, M, Population

SCENARIOS: tuple[tuple[str, str], ...] = (
    ("apsp_victim_pursuit", "sexual_misconduct"),
    ("misuse_neighbour", "misusing_force_systems"),
    ("apsp_unassigned_browsing", "sexual_misconduct"),
    ("misuse_ex_partner", "misusing_force_systems"),
    ("apsp_post_closure_contact", "sexual_misconduct"),
    ("misuse_self", "misusing_force_systems"),
    ("misuse_colleague", "misusing_force_systems"),
)
LOOKALIKES = (
    "family_liaison",
    "long_running_safeguarding",
    "multi_victim_investigation",
    "post_closure_court_preparation",
)
# Whose first contact is a policing event, and so who can be pursued.
VULNERABLE_CATEGORIES = frozenset(
    CATEGORY[c]
    for c in (
        "domestic_abuse",
        "sexual_offence",
        "stalking_harassment",
        "mental_health",
        "missing_person",
        "concern_for_welfare",
    )
)
ATTENDING_ROLES = (ROLE["response_officer"], ROLE["neighbourhood_officer"])
CASE_ROLES = (ROLE["detective"], ROLE["public_protection"])


@dataclass
class Act:
    """One planned act: a lookup or a contact."""

    day: int
    staff: int
    person: int
    comm: bool
    owner: int  # index into wrongdoers (>= 0) or -(1 + index into lookalikes)
    on_share: float
    late: bool = False
    occurrence: int = -1
    system: int = SYS["rms"]
    reason: int = -1
    inbound: bool = False
    channel: int = 0
    office_hours: bool = False


@dataclass
class Planted:
    """A wrongdoer or look-alike and what the truth file says about them."""

    staff: int
    scenario: str
    category: str
    trigger_day: int
    params: dict[str, Any]
    persons: list[int] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    comm_ids: list[str] = field(default_factory=list)
    first_us: int | None = None
    last_us: int | None = None
    done: bool = False
    occurrence: int = -1


class Planner:
    """Chooses wrongdoers and look-alikes, plans their acts, emits them by day."""

    def __init__(
        self,
        config: ForceConfig,
        staff: Staff,
        people: Population,
        book: OccurrenceBook,
        rng: np.random.Generator,
    ) -> None:
        self.config, self.staff, self.people, self.book, self.rng = (
            config,
            staff,
            people,
            book,
            rng,
        )
        self.days = config.days
        self.acts: dict[int, list[Act]] = {}
        self.wrongdoers: list[Planted] = []
        self.lookalikes: list[Planted] = []
        self.attended_today: list[tuple[int, int, int]] = []  # (wrongdoer, occurrence, victim)
        self._choose_wrongdoers()
        self._choose_lookalikes()

    # -- choosing -------------------------------------------------------------
    def _trigger_day(self) -> int:
        return int(self.rng.integers(int(self.days * 0.1), max(int(self.days * 0.55), 2)))

    def _choose_wrongdoers(self) -> None:
        rng, staff = self.rng, self.staff
        taken: set[int] = set()
        first = int(rng.integers(0, len(SCENARIOS)))
        for k in range(self.config.wrongdoers):
            scenario, category = SCENARIOS[(first + k) % len(SCENARIOS)]
            roles: tuple[int, ...]
            if scenario == "apsp_victim_pursuit":
                roles = ATTENDING_ROLES
            elif scenario == "apsp_post_closure_contact":
                roles = CASE_ROLES
            elif scenario == "apsp_unassigned_browsing":
                roles = (
                    ROLE["response_officer"],
                    ROLE["neighbourhood_officer"],
                    ROLE["detective"],
                    ROLE["public_protection"],
                    ROLE["supervisor"],
                )
            else:
                roles = tuple(range(len(ROLE)))
            pool = [
                int(i) for i in np.flatnonzero(np.isin(staff.role, roles)) if int(i) not in taken
            ]
            member = pool[int(rng.integers(0, len(pool)))]
            taken.add(member)
            params = self._params(scenario)
            self.wrongdoers.append(Planted(member, scenario, category, self._trigger_day(), params))
        self.taken = taken

    def _params(self, scenario: str) -> dict[str, Any]:
        rng = self.rng
        params: dict[str, Any] = {
            "on_duty_share": round(float(rng.uniform(0.1, 0.9)), 2),
            "span_days": int(rng.integers(14, 75)),
        }
        if scenario.startswith("apsp"):
            params.update(
                targets=int(rng.choice((1, 1, 2, 3))),
                lookups=int(rng.integers(3, 35)),
                contacts=int(rng.integers(0 if scenario == "apsp_unassigned_browsing" else 12, 70)),
                late_share=round(float(rng.uniform(0.45, 0.95)), 2),
                inbound_share=round(float(rng.uniform(0.15, 0.5)), 2),
                call_share=round(float(rng.uniform(0.2, 0.7)), 2),
                app_share=round(float(rng.uniform(0.0, 0.3)), 2),
                pnc_share=round(float(rng.uniform(0.0, 0.4)), 2),
            )
            if scenario == "apsp_unassigned_browsing":
                params["targets"] = int(rng.integers(2, 7))
            elif scenario == "apsp_post_closure_contact":
                params["targets"] = 1
        else:
            params.update(
                targets={
                    "misuse_self": 1,
                    "misuse_colleague": int(rng.integers(1, 4)),
                    "misuse_neighbour": int(rng.integers(2, 7)),
                    "misuse_ex_partner": int(rng.integers(2, 5)),
                }[scenario],
                lookups=int(rng.integers(3, 25)),
                pnc_share=round(float(rng.uniform(0.0, 0.6)), 2),
            )
        return params

    def _choose_lookalikes(self) -> None:
        rng, staff = self.rng, self.staff
        count = max(2, self.config.wrongdoers)
        for k in range(count):
            kind = LOOKALIKES[k % len(LOOKALIKES)]
            roles = (
                (ROLE["public_protection"],)
                if kind == "long_running_safeguarding"
                else (ROLE["detective"],)
            )
            pool = [
                int(i)
                for i in np.flatnonzero(np.isin(staff.role, roles))
                if int(i) not in self.taken
            ]
            if not pool:
                continue
            member = pool[int(rng.integers(0, len(pool)))]
            self.taken.add(member)
            params = {
                "contacts": int(rng.integers(20, 90)),
                "lookups": int(rng.integers(10, 60)),
                "span_days": int(rng.integers(30, 90)),
                "evening_share": round(float(rng.uniform(0.1, 0.4)), 2),
            }
            self.lookalikes.append(Planted(member, kind, "legitimate", self._trigger_day(), params))

    # -- hooks into the day loop ---------------------------------------------
    def attend_hook(
        self, occurrence: int, category: int, area: int, victim: int, minute: int, duty: Duty
    ) -> int:
        """Steer a pursuing officer to attend a vulnerable victim (first contact)."""
        if victim < 0 or category not in VULNERABLE_CATEGORIES:
            return -1
        if self.people.sex[victim] != F:
            return -1
        day = minute // DAY
        for index, w in enumerate(self.wrongdoers):
            if (
                w.scenario != "apsp_victim_pursuit"
                or w.done
                or day < w.trigger_day
                or int(self.staff.area[w.staff]) != area
            ):
                continue
            if any(i == index for i, _, _ in self.attended_today):
                continue
            if len(duty.on_at(np.array([w.staff]), minute)) == 0:
                continue
            self.attended_today.append((index, occurrence, victim))
            return w.staff
        return -1

    def plan_day(self, day: int) -> None:
        """Resolve triggers that fire on ``day`` into planned acts."""
        for index, occurrence, victim in self.attended_today:
            w = self.wrongdoers[index]
            released = self._released(occurrence, w.staff)
            self._plan_pursuit(index, victim, released // DAY + 1, occurrence)
            if len(w.persons) >= w.params["targets"]:
                w.done = True
        self.attended_today = []
        for index, w in enumerate(self.wrongdoers):
            if w.done or day < w.trigger_day:
                continue
            if w.scenario == "apsp_victim_pursuit" and day > w.trigger_day + self._patience(w):
                if w.persons:  # pursued fewer victims than planned: that is all
                    w.done = True
                else:  # never attended a suitable victim: browses for one instead
                    self._fall_back_to_browsing(index, day)
            elif w.scenario == "apsp_unassigned_browsing":
                self._plan_browsing(index, day, max_contacts=2)
            elif w.scenario == "apsp_post_closure_contact":
                self._plan_post_closure(index, day)
            elif w.scenario.startswith("misuse"):
                self._plan_misuse(index, day)
        for index, planted in enumerate(self.lookalikes):
            if not planted.done and day >= planted.trigger_day:
                self._plan_lookalike(index, day)

    def _released(self, occurrence: int, member: int) -> int:
        book = self.book
        rows = np.flatnonzero(
            (book.a_occurrence.values == occurrence) & (book.a_staff.values == member)
        )
        released = int(book.a_released.values[rows[-1]]) if len(rows) else OPEN
        return released if released != OPEN else int(book.a_assigned.values[rows[-1]]) + 240

    # -- planning scenarios ----------------------------------------------------
    def _spread(self, start: int, span: int, count: int) -> npt.NDArray[np.int64]:
        days = start + np.sort(self.rng.integers(0, max(span, 1), count))
        return days[days < self.days]

    def _plan_contacts(
        self, owner: int, w: Planted, person: int, first_day: int, count: int
    ) -> None:
        rng, p = self.rng, w.params
        self.people.ensure_phone(person)
        for day in self._spread(first_day, p["span_days"], count):
            u = rng.random()
            channel = 0 if u < p["call_share"] else (2 if u > 1 - p["app_share"] else 1)
            self._add(
                Act(
                    int(day),
                    w.staff,
                    person,
                    True,
                    owner,
                    p["on_duty_share"],
                    late=rng.random() < p["late_share"],
                    inbound=rng.random() < p["inbound_share"],
                    channel=channel,
                )
            )

    def _plan_lookups(
        self, owner: int, w: Planted, person: int, first_day: int, count: int, occurrence: int = -1
    ) -> None:
        rng, p = self.rng, w.params
        for day in self._spread(first_day, p["span_days"], count):
            pnc = rng.random() < p.get("pnc_share", 0.2)
            self._add(
                Act(
                    int(day),
                    w.staff,
                    person,
                    False,
                    owner,
                    p["on_duty_share"],
                    late=rng.random() < p.get("late_share", 0.4),
                    occurrence=occurrence if rng.random() < 0.3 else -1,
                    system=SYS["pnc"] if pnc else SYS["rms"],
                    reason=int(rng.integers(0, 5)) if pnc else -1,
                )
            )

    def _plan_pursuit(self, index: int, victim: int, first_day: int, occurrence: int) -> None:
        w = self.wrongdoers[index]
        w.persons.append(victim)
        start = first_day + int(self.rng.integers(0, 10))
        self._plan_lookups(index, w, victim, start, w.params["lookups"], occurrence)
        self._plan_contacts(
            index, w, victim, start + int(self.rng.integers(1, 10)), w.params["contacts"]
        )

    def _plan_browsing(self, index: int, day: int, max_contacts: int) -> None:
        """Look up vulnerable women from occurrences the officer was never given."""
        w, book, rng = self.wrongdoers[index], self.book, self.rng
        area = int(self.staff.area[w.staff])
        reported = book.reported.values
        recent = np.flatnonzero(
            (reported >= (day - 30) * DAY)
            & (book.area.values == area)
            & np.isin(book.category.values, list(VULNERABLE_CATEGORIES))
        )
        mine = set(book.a_occurrence.values[book.a_staff.values == w.staff].tolist())
        known = {p for o in mine for p in book.persons_of.get(o, [])}
        candidates = [
            (int(o), book.victim_of[int(o)])
            for o in recent
            if int(o) in book.victim_of
            and int(o) not in mine
            and book.victim_of[int(o)] not in known
            and self.people.sex[book.victim_of[int(o)]] == F
        ]
        if len(candidates) < w.params["targets"]:
            return
        chosen = rng.choice(len(candidates), w.params["targets"], replace=False)
        share = max(2, w.params["lookups"] // max(1, w.params["targets"]))
        for rank, c in enumerate(chosen):
            occurrence, victim = candidates[int(c)]
            w.persons.append(victim)
            self._plan_lookups(index, w, victim, day, int(rng.integers(2, share + 2)), occurrence)
            if rank < max_contacts and w.params["contacts"]:
                self._plan_contacts(
                    index,
                    w,
                    victim,
                    day + int(rng.integers(2, 14)),
                    max(5, w.params["contacts"] // max_contacts),
                )
        w.done = True

    def _plan_post_closure(self, index: int, day: int) -> None:
        """A case officer whose contact with the victim goes on after the case closes."""
        w, book = self.wrongdoers[index], self.book
        rows = np.flatnonzero(
            (book.a_staff.values == w.staff)
            & np.isin(book.a_role.values, [AROLE["investigating"], AROLE["safeguarding"]])
        )
        for row in rows[::-1]:
            occurrence = int(book.a_occurrence.values[row])
            victim = book.victim_of.get(occurrence, -1)
            closed = int(book.closed.values[occurrence])
            released = int(book.a_released.values[row])
            if (
                victim < 0
                or self.people.sex[victim] != F
                or closed == OPEN
                or released == OPEN
                or released // DAY < day
                or released // DAY > self.days - 20
            ):
                continue
            w.persons.append(victim)
            after = released // DAY + int(self.rng.integers(1, 10))
            self._plan_lookups(index, w, victim, after, max(3, w.params["lookups"] // 2))
            self._plan_contacts(index, w, victim, after, w.params["contacts"])
            w.done = True
            return
        if day > w.trigger_day + self._patience(w):  # no case to exploit: browses instead
            self._fall_back_to_browsing(index, day)

    def _patience(self, w: Planted) -> int:
        """Days a scenario waits for its opportunity before it browses instead."""
        return min(45, max(3, (self.days - w.trigger_day) // 3))

    def _fall_back_to_browsing(self, index: int, day: int) -> None:
        w = self.wrongdoers[index]
        self._plan_browsing(index, day, max_contacts=1)
        if w.done:  # the truth names what was actually planted
            w.params["planned_as"] = w.scenario
            w.scenario = "apsp_unassigned_browsing"

    def _plan_misuse(self, index: int, day: int) -> None:
        w, rng, people, staff = self.wrongdoers[index], self.rng, self.people, self.staff
        member = w.staff
        home = int(staff.home_area[member])
        if home < 0:
            home = int(staff.area[member])
            staff.home_area[member] = home
        targets: list[int] = []
        if w.scenario == "misuse_self":
            targets = [self._own_record(member)]
        elif w.scenario == "misuse_colleague":
            team = np.flatnonzero(
                (staff.team == staff.team[member]) | (staff.area == staff.area[member])
            )
            team = team[team != member]
            picks = rng.choice(team, min(len(team), w.params["targets"]), replace=False)
            targets = [self._own_record(int(c)) for c in picks]
        elif w.scenario == "misuse_neighbour":
            targets = [
                int(p) for p in people.add(w.params["targets"], area=[home] * w.params["targets"])
            ]
        else:  # ex-partner and her family
            ex = int(people.add(1, sex=[F if rng.random() < 0.85 else M], area=[home])[0])
            family = people.add(
                w.params["targets"] - 1,
                area=[int(rng.integers(0, people.areas))] * (w.params["targets"] - 1),
            )
            targets = [ex, *[int(f) for f in family]]
        w.persons.extend(targets)
        for rank, person in enumerate(targets):
            count = w.params["lookups"] if rank == 0 else max(2, w.params["lookups"] // 3)
            self._plan_lookups(index, w, person, day, count)
        w.done = True

    def _own_record(self, member: int) -> int:
        if self.staff.person[member] < 0:
            home = int(self.staff.home_area[member])
            area = home if home >= 0 else int(self.staff.area[member])
            self.staff.person[member] = int(self.people.add(1, area=[area])[0])
        return int(self.staff.person[member])

    # -- look-alikes -------------------------------------------------------------
    def _plan_lookalike(self, index: int, day: int) -> None:
        planted, rng, book, people = self.lookalikes[index], self.rng, self.book, self.people
        member, p = planted.staff, planted.params
        area = int(self.staff.area[member])
        minute = day * DAY + int(rng.integers(9 * 60, 17 * 60))
        owner = -(1 + index)
        if planted.scenario == "family_liaison":
            category = "missing_person" if rng.random() < 0.5 else "sexual_offence"
            occurrence = book.new_occurrence(category, minute, area)
            family = [int(x) for x in people.add(int(rng.integers(2, 5)), area=area)]
            victim = family[0]
            people.mark(
                [victim],
                "missing_person" if category == "missing_person" else "sexual_offence_victim",
            )
            book.link(occurrence, victim, "victim" if category != "missing_person" else "other")
            for relative in family[1:]:
                book.link(occurrence, relative, "reporting_person")
            book.victim_of[occurrence] = victim
            contacts = family
            role, until = "safeguarding", minute + p["span_days"] * DAY
        elif planted.scenario == "long_running_safeguarding":
            occurrence = book.new_occurrence("domestic_abuse", minute, area)
            victim = int(people.add(1, sex=[F], area=[area], phone_share=1.0)[0])
            people.mark([victim], "domestic_abuse_victim")
            book.link(occurrence, victim, "victim")
            book.victim_of[occurrence] = victim
            contacts, role, until = [victim], "safeguarding", OPEN
            p["span_days"] = max(p["span_days"], 60)
        elif planted.scenario == "multi_victim_investigation":
            occurrence = book.new_occurrence("sexual_offence", minute, area)
            size = int(rng.integers(10, 31))
            victims = people.add(
                size, sex=rng.choice([F, M], size, p=(0.85, 0.15)), phone_share=0.9
            )
            people.mark(victims, "sexual_offence_victim")
            for v in victims:
                book.link(occurrence, int(v), "victim")
            book.victim_of[occurrence] = int(victims[0])
            contacts, role, until = [int(v) for v in victims], "investigating", OPEN
            p["lookups"] = max(p["lookups"], 3 * len(victims))
        else:  # post-closure court preparation
            reported = minute - int(rng.integers(20, 60)) * DAY
            occurrence = book.new_occurrence(
                "assault" if rng.random() < 0.5 else "domestic_abuse", max(reported, 0), area
            )
            book.closed.data[occurrence] = minute
            victim = int(
                people.add(1, sex=[F if rng.random() < 0.7 else M], area=[area], phone_share=1.0)[0]
            )
            book.link(occurrence, victim, "victim")
            book.victim_of[occurrence] = victim
            contacts, role = [victim], "investigating"
            until = minute + int(rng.integers(28, 70)) * DAY
            book.assign(
                occurrence, member, role, max(reported, 0) + DAY, min(until, self.days * DAY - 1)
            )
            planted.persons.extend(contacts)
            planted.occurrence = occurrence
            for person in contacts:
                self._lookalike_acts(
                    owner,
                    planted,
                    person,
                    day,
                    until // DAY,
                    occurrence,
                    max(3, p["lookups"] // 5),
                    max(2, p["contacts"] // 8),
                    reason=REASON["COURT PREPARATION"],
                    evening=0.0,
                )
            planted.done = True
            return
        if until != OPEN and until >= self.days * DAY:
            until = OPEN
        book.assign(occurrence, member, role, minute, until)
        planted.persons.extend(contacts)
        planted.occurrence = occurrence
        end_day = day + p["span_days"] if until == OPEN else until // DAY
        per_person = max(1, p["lookups"] // len(contacts))
        comms_each = max(1, p["contacts"] // len(contacts))
        for person in contacts:
            self._lookalike_acts(
                owner,
                planted,
                person,
                day,
                end_day,
                occurrence,
                per_person,
                comms_each
                if planted.scenario != "multi_victim_investigation"
                else int(rng.integers(0, 3)),
                reason=-1,
                evening=p["evening_share"],
            )
        planted.done = True

    def _lookalike_acts(
        self,
        owner: int,
        planted: Planted,
        person: int,
        first: int,
        last: int,
        occurrence: int,
        lookups: int,
        contacts: int,
        *,
        reason: int,
        evening: float,
    ) -> None:
        rng = self.rng
        # Strictly inside the assignment: from the day after it starts to the
        # day before it ends.
        first, span = first + 1, max(1, last - first - 1)
        self.people.ensure_phone(person)
        for day in self._spread(first, span, lookups):
            self._add(
                Act(
                    int(day),
                    planted.staff,
                    person,
                    False,
                    owner,
                    1.0,
                    occurrence=occurrence,
                    reason=reason,
                    system=SYS["case_file"] if rng.random() < 0.4 else SYS["rms"],
                    office_hours=True,
                )
            )
        for day in self._spread(first, span, contacts):
            late = rng.random() < evening
            self._add(
                Act(
                    int(day),
                    planted.staff,
                    person,
                    True,
                    owner,
                    0.0 if late else 1.0,
                    late=late,
                    inbound=rng.random() < 0.4,
                    channel=0 if rng.random() < 0.6 else 1,
                    office_hours=not late,
                )
            )

    def _add(self, act: Act) -> None:
        if 0 <= act.day < self.days:
            self.acts.setdefault(act.day, []).append(act)

    # -- emission ------------------------------------------------------------------
    def emit(
        self, day: int, roster: Roster
    ) -> tuple[Events, npt.NDArray[np.int64], Comms, npt.NDArray[np.int64]]:
        """Today's planted events and contacts, with their owners (see Act.owner)."""
        rng, acts = self.rng, self.acts.pop(day, [])
        ev: list[tuple[int, Act]] = []
        cm: list[tuple[int, Act]] = []
        for act in acts:
            minute = self._minute(day, act, roster)
            (cm if act.comm else ev).append((minute * US + int(rng.integers(0, US)), act))
        n = len(ev)
        events = Events(
            np.array([t for t, _ in ev], dtype=np.int64),
            np.array([a.staff for _, a in ev], dtype=np.int64),
            np.array([a.system for _, a in ev], dtype=np.int64),
            np.array(
                [
                    ACT["search"]
                    if a.system == SYS["pnc"]
                    else (ACT["view"] if rng.random() < 0.7 else ACT["search"])
                    for _, a in ev
                ],
                dtype=np.int64,
            ),
            np.array([a.person for _, a in ev], dtype=np.int64),
            np.array([a.occurrence for _, a in ev], dtype=np.int64),
            np.array([a.reason for _, a in ev], dtype=np.int64),
            np.array([self._workstation(a, roster, t, day) for t, a in ev], dtype=np.int64),
        )
        event_owner = np.array([a.owner for _, a in ev], dtype=np.int64).reshape(n)
        m = len(cm)
        channel = np.array([a.channel for _, a in cm], dtype=np.int64)
        comms = Comms(
            np.array([t for t, _ in cm], dtype=np.int64),
            np.array([a.staff for _, a in cm], dtype=np.int64),
            channel,
            np.array([1 if a.inbound else 0 for _, a in cm], dtype=np.int64),
            [self.people.ensure_phone(a.person) for _, a in cm],
            np.clip(rng.lognormal(5.0, 1.0, m), 10, 5400).astype(np.int64),
        )
        comm_owner = np.array([a.owner for _, a in cm], dtype=np.int64).reshape(m)
        return events, event_owner, comms, comm_owner

    def _minute(self, day: int, act: Act, roster: Roster) -> int:
        rng, member = self.rng, act.staff
        on = bool(roster.on[member])
        if act.office_hours:
            return day * DAY + int(rng.integers(9 * 60, 17 * 60))
        if on and rng.random() < act.on_share:
            return day * DAY + int(rng.integers(roster.start[member], roster.end[member]))
        if act.late:  # late evening into the small hours
            return day * DAY + int(rng.integers(20 * 60 + 30, 25 * 60 + 30))
        return day * DAY + int(rng.integers(17 * 60, 22 * 60))

    def _workstation(self, act: Act, roster: Roster, ts_us: int, day: int) -> int:
        minute = ts_us // US - day * DAY
        member = act.staff
        if roster.on[member] and roster.start[member] <= minute < roster.end[member]:
            return int(self.staff.area[member]) * 1000 + int(self.rng.integers(0, 200))
        return 800_000 + member  # off shift: remote access from a force laptop

    def record(
        self,
        owners: npt.NDArray[np.int64],
        ids: list[str],
        times: npt.NDArray[np.int64],
        comm: bool,
    ) -> None:
        """Note the ids of today's planted rows in the truth."""
        for owner, identifier, ts in zip(owners.tolist(), ids, times.tolist(), strict=True):
            planted = self.wrongdoers[owner] if owner >= 0 else self.lookalikes[-owner - 1]
            (planted.comm_ids if comm else planted.event_ids).append(identifier)
            planted.first_us = ts if planted.first_us is None else min(planted.first_us, ts)
            planted.last_us = ts if planted.last_us is None else max(planted.last_us, ts)
