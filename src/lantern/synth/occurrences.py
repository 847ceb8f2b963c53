"""Occurrences, the people linked to them, and the staff assigned to them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lantern.synth.config import (
    CATEGORY_MIX,
    HOURLY_DEMAND,
    INVESTIGATED,
    OCCURRENCES_PER_STAFF_DAY,
    OPEN_DAYS,
    SAFEGUARDED,
    WEEKDAY_DEMAND,
)
from lantern.synth.force import ROLE, Roster, Staff
from lantern.synth.population import F, M, Population

CATEGORIES: tuple[str, ...] = tuple(CATEGORY_MIX)
CATEGORY = {name: code for code, name in enumerate(CATEGORIES)}
PERSON_ROLES = (
    "victim",
    "witness",
    "suspect",
    "offender",
    "reporting_person",
    "informant",
    "other",
)
PROLE = {name: code for code, name in enumerate(PERSON_ROLES)}
ASSIGNMENT_ROLES = (
    "call_handler",
    "dispatcher",
    "attending",
    "investigating",
    "supervising",
    "safeguarding",
    "custody",
    "review",
)
AROLE = {name: code for code, name in enumerate(ASSIGNMENT_ROLES)}
DAY = 1440
OPEN = -1  # released_at / closed_at still null


class Growable:
    """A numpy int64 array that grows by doubling."""

    def __init__(self) -> None:
        self.data = np.zeros(1024, dtype=np.int64)
        self.size = 0

    def extend(self, values: npt.ArrayLike) -> None:
        values = np.atleast_1d(np.asarray(values, dtype=np.int64))
        end = self.size + len(values)
        if end > len(self.data):
            bigger = np.zeros(max(end, 2 * len(self.data)), dtype=np.int64)
            bigger[: self.size] = self.data[: self.size]
            self.data = bigger
        self.data[self.size : end] = values
        self.size = end

    def append(self, value: int) -> None:
        self.extend([value])

    @property
    def values(self) -> npt.NDArray[np.int64]:
        return self.data[: self.size]


@dataclass
class Duty:
    """On-duty windows of today and yesterday, in minutes from the period start."""

    today: Roster
    yesterday: Roster
    day: int

    def on_at(self, members: npt.NDArray[np.int64], minute: int) -> npt.NDArray[np.int64]:
        t, y = self.today, self.yesterday
        base, prev = self.day * DAY, (self.day - 1) * DAY
        now = t.on[members] & (base + t.start[members] <= minute) & (minute < base + t.end[members])
        carried = (
            y.on[members] & (prev + y.start[members] <= minute) & (minute < prev + y.end[members])
        )
        return members[now | carried]

    def shift_end(self, member: int, minute: int) -> int:
        t, y = self.today, self.yesterday
        if t.on[member] and self.day * DAY + t.start[member] <= minute:
            return int(self.day * DAY + t.end[member])
        return int((self.day - 1) * DAY + y.end[member])


# A hook the scenario planner uses to steer who attends (returns a staff
# number or -1) and to learn who attended what.
AttendHook = Callable[[int, int, int, int, int, "Duty"], int]


@dataclass
class OccurrenceBook:
    """Every occurrence, link and assignment generated so far."""

    staff: Staff
    population: Population
    rng: np.random.Generator
    days: int
    category: Growable = field(default_factory=Growable)
    reported: Growable = field(default_factory=Growable)
    closed: Growable = field(default_factory=Growable)
    area: Growable = field(default_factory=Growable)
    link_occurrence: Growable = field(default_factory=Growable)
    link_person: Growable = field(default_factory=Growable)
    link_role: Growable = field(default_factory=Growable)
    a_occurrence: Growable = field(default_factory=Growable)
    a_staff: Growable = field(default_factory=Growable)
    a_role: Growable = field(default_factory=Growable)
    a_assigned: Growable = field(default_factory=Growable)
    a_released: Growable = field(default_factory=Growable)
    persons_of: dict[int, list[int]] = field(default_factory=dict)
    victim_of: dict[int, int] = field(default_factory=dict)
    groups: dict[tuple[int, int], npt.NDArray[np.int64]] = field(default_factory=dict)
    repeat_victims: dict[int, list[int]] = field(default_factory=dict)
    repeat_suspect: dict[int, int] = field(default_factory=dict)
    offenders: dict[int, list[int]] = field(default_factory=dict)
    team_members: dict[int, npt.NDArray[np.int64]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        s = self.staff
        for key in set(zip(s.role.tolist(), s.area.tolist(), strict=True)):
            self.groups[key] = np.flatnonzero((s.role == key[0]) & (s.area == key[1]))
        for team in np.unique(s.team):
            self.team_members[int(team)] = np.flatnonzero(s.team == team)

    @property
    def count(self) -> int:
        return self.category.size

    def link(self, occurrence: int, person: int, role: str) -> None:
        self.link_occurrence.append(occurrence)
        self.link_person.append(person)
        self.link_role.append(PROLE[role])
        self.persons_of.setdefault(occurrence, []).append(person)

    def assign(self, occurrence: int, member: int, role: str, at: int, until: int) -> None:
        self.a_occurrence.append(occurrence)
        self.a_staff.append(member)
        self.a_role.append(AROLE[role])
        self.a_assigned.append(at)
        self.a_released.append(until)

    def new_occurrence(self, category: str, minute: int, area: int) -> int:
        occurrence = self.count
        self.category.append(CATEGORY[category])
        self.reported.append(minute)
        self.area.append(area)
        median = OPEN_DAYS[category] * DAY
        closed = minute + int(median * float(np.exp(self.rng.normal(0, 0.7))))
        self.closed.append(closed if closed < self.days * DAY else OPEN)
        return occurrence

    def pick(self, role: str, area: int, minute: int, duty: Duty) -> int:
        members = self.groups.get((ROLE[role], area))
        if members is None or len(members) == 0:
            return -1
        on = duty.on_at(members, minute)
        if len(on) == 0:
            return -1
        return int(on[self.rng.integers(0, len(on))])

    def generate_day(self, day: int, weekday: int, duty: Duty, hook: AttendHook) -> None:
        rng = self.rng
        areas = int(self.staff.area.max()) + 1
        rate = self.staff.count * OCCURRENCES_PER_STAFF_DAY * WEEKDAY_DEMAND[weekday]
        count = int(rng.poisson(rate))
        hours = rng.choice(24, count, p=np.array(HOURLY_DEMAND) / sum(HOURLY_DEMAND))
        minutes = np.sort(day * DAY + hours * 60 + rng.integers(0, 60, count))
        categories = rng.choice(len(CATEGORIES), count, p=list(CATEGORY_MIX.values()))
        occurrence_areas = rng.integers(0, areas, count)
        for minute, code, area in zip(minutes, categories, occurrence_areas, strict=True):
            self._one(CATEGORIES[code], int(minute), int(area), duty, hook)

    def _one(self, category: str, minute: int, area: int, duty: Duty, hook: AttendHook) -> None:
        occurrence = self.new_occurrence(category, minute, area)
        victim = self._people(occurrence, category, area)
        self._assignments(occurrence, category, minute, area, victim, duty, hook)

    def _people(self, occurrence: int, category: str, area: int) -> int:
        """Link victims, suspects, witnesses and reporters; return the victim (or -1)."""
        rng, people = self.rng, self.population
        victim = -1
        if category in ("domestic_abuse", "stalking_harassment"):
            previous = self.repeat_victims.setdefault(area, [])
            # Repeat victimisation: about a third of domestic abuse is a repeat.
            if previous and rng.random() < 0.35:
                victim = previous[int(rng.integers(0, len(previous)))]
            else:
                victim = int(
                    people.add(
                        1, sex=[F if rng.random() < 0.85 else M], area=[area], phone_share=0.95
                    )[0]
                )
                previous.append(victim)
            people.mark([victim], "domestic_abuse_victim")
            suspect = self.repeat_suspect.get(victim, -1)
            if suspect < 0 or rng.random() < 0.2:
                suspect = int(people.add(1, sex=[M if rng.random() < 0.85 else F], area=[area])[0])
                self.repeat_suspect[victim] = suspect
            self.link(occurrence, victim, "victim")
            self.link(occurrence, suspect, "suspect")
        elif category == "sexual_offence":
            victim = int(
                people.add(1, sex=[F if rng.random() < 0.88 else M], area=[area], phone_share=0.95)[
                    0
                ]
            )
            people.mark([victim], "sexual_offence_victim")
            self.link(occurrence, victim, "victim")
            if rng.random() < 0.6:
                self.link(occurrence, self._suspect(area), "suspect")
        elif category == "child_protection":
            victim = int(
                people.add(
                    1, area=[area], birth_year=[2026 - int(rng.integers(2, 17))], phone_share=0.2
                )[0]
            )
            people.mark([victim], "child")
            self.link(occurrence, victim, "victim")
            self.link(occurrence, int(people.add(1, area=[area])[0]), "reporting_person")
        elif category in ("missing_person", "mental_health", "concern_for_welfare"):
            subject = int(people.add(1, area=[area], phone_share=0.8)[0])
            marker = {"missing_person": "missing_person", "mental_health": "mental_health"}
            if category in marker:
                people.mark([subject], marker[category])
            if category == "mental_health" and rng.random() < 0.3:
                people.mark([subject], "self_harm")
            self.link(occurrence, subject, "other")
            self.link(occurrence, int(people.add(1, area=[area])[0]), "reporting_person")
            victim = subject if category == "missing_person" else -1
        elif category == "drugs":
            suspect = self._suspect(area)
            people.mark([suspect], "substance_misuse")
            self.link(occurrence, suspect, "suspect")
        else:
            if category not in ("road_traffic", "other") or rng.random() < 0.5:
                victim = int(people.add(1, area=[area])[0])
                self.link(occurrence, victim, "victim")
            if rng.random() < 0.45:
                self.link(occurrence, self._suspect(area), "suspect")
        for _ in range(int(rng.choice(3, p=(0.6, 0.3, 0.1)))):
            self.link(occurrence, int(people.add(1, area=[area])[0]), "witness")
        if victim >= 0:
            self.victim_of[occurrence] = victim
        return victim

    def _suspect(self, area: int) -> int:
        """A suspect: a known offender in the area about a quarter of the time."""
        pool = self.offenders.setdefault(area, [])
        if pool and self.rng.random() < 0.25:
            return pool[int(self.rng.integers(0, len(pool)))]
        suspect = int(
            self.population.add(1, sex=[M if self.rng.random() < 0.8 else F], area=[area])[0]
        )
        pool.append(suspect)
        return suspect

    def _assignments(
        self,
        occurrence: int,
        category: str,
        minute: int,
        area: int,
        victim: int,
        duty: Duty,
        hook: AttendHook,
    ) -> None:
        rng = self.rng
        closed = int(self.closed.values[occurrence])
        handler = self.pick("call_handler", 0, minute, duty)
        if handler >= 0:
            self.assign(
                occurrence, handler, "call_handler", minute, minute + int(rng.integers(5, 25))
            )
        if category != "fraud" and rng.random() < 0.8:
            dispatch = minute + int(rng.integers(2, 10))
            dispatcher = self.pick("dispatcher", 0, dispatch, duty)
            if dispatcher >= 0:
                self.assign(
                    occurrence,
                    dispatcher,
                    "dispatcher",
                    dispatch,
                    dispatch + int(rng.integers(30, 180)),
                )
            arrive = dispatch + int(rng.integers(5, 60))
            attender = hook(occurrence, CATEGORY[category], area, victim, arrive, duty)
            if attender < 0:
                role = "response_officer"
                if category in ("asb", "criminal_damage", "public_order") and rng.random() < 0.4:
                    role = "neighbourhood_officer" if rng.random() < 0.6 else "pcso"
                attender = self.pick(role, area, arrive, duty)
                if attender < 0:
                    attender = self.pick("response_officer", area, arrive, duty)
            if attender >= 0:
                released = min(
                    duty.shift_end(attender, arrive), arrive + int(rng.integers(60, 360))
                )
                self.assign(occurrence, attender, "attending", arrive, max(released, arrive + 30))
                if rng.random() < 0.35:
                    sergeant = self._team_supervisor(attender, arrive, duty)
                    if sergeant >= 0:
                        self.assign(
                            occurrence,
                            sergeant,
                            "supervising",
                            arrive + 15,
                            arrive + int(rng.integers(60, 240)),
                        )
                if category in ("assault", "domestic_abuse", "drugs") and rng.random() < 0.25:
                    custody_at = arrive + int(rng.integers(60, 180))
                    keeper = self.pick("custody_officer", area, custody_at, duty)
                    if keeper >= 0:
                        self.assign(
                            occurrence,
                            keeper,
                            "custody",
                            custody_at,
                            custody_at + int(rng.integers(360, 1440)),
                        )
        if category in INVESTIGATED and rng.random() < 0.85:
            detective = self._anyone("detective", area)
            if detective >= 0:
                at = minute + int(rng.integers(12 * 60, 3 * DAY))
                self.assign(occurrence, detective, "investigating", at, self._release(at, closed))
        if category in SAFEGUARDED and rng.random() < 0.9:
            ppu = self._anyone("public_protection", area)
            if ppu >= 0:
                at = minute + int(rng.integers(6 * 60, 2 * DAY))
                until = OPEN if closed == OPEN else closed + int(rng.integers(0, 14 * DAY))
                self.assign(occurrence, ppu, "safeguarding", at, self._release(at, until))
        if rng.random() < 0.04:
            reviewer = self._anyone("supervisor", area)
            if reviewer >= 0:
                at = minute + int(rng.integers(DAY, 10 * DAY))
                self.assign(occurrence, reviewer, "review", at, at + int(rng.integers(30, 240)))

    def _release(self, at: int, until: int) -> int:
        if until == OPEN or until >= self.days * DAY:
            return OPEN
        return max(until, at + 60)

    def _anyone(self, role: str, area: int) -> int:
        members = self.groups.get((ROLE[role], area))
        if members is None or len(members) == 0:
            return -1
        return int(members[self.rng.integers(0, len(members))])

    def _team_supervisor(self, member: int, minute: int, duty: Duty) -> int:
        team = self.team_members[int(self.staff.team[member])]
        sergeants = team[self.staff.role[team] == ROLE["supervisor"]]
        on = duty.on_at(sergeants, minute) if len(sergeants) else sergeants
        return int(on[0]) if len(on) else -1
