"""Normal work: the lookups each role makes and work-phone contact, day by day."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lantern.synth.config import COMMS_PER_SHIFT, EVENT_MIX, EVENTS_PER_HOUR, SAFEGUARDED
from lantern.synth.force import ROLE, ROLES, Roster, Staff
from lantern.synth.occurrences import CATEGORIES, DAY, OPEN, OccurrenceBook
from lantern.synth.population import Population, e164

SYSTEMS = ("rms", "pnc", "command_control", "intelligence", "custody", "case_file", "other")
SYS = {name: code for code, name in enumerate(SYSTEMS)}
ACTIONS = ("search", "view", "update", "create", "print", "export")
ACT = {name: code for code, name in enumerate(ACTIONS)}
REASONS = (
    "STOP SEARCH",
    "VEHICLE CHECK",
    "WARRANT CHECK",
    "INTEL ENQUIRY",
    "CASE ENQUIRY",
    "SAFEGUARDING REVIEW",
    "COURT PREPARATION",
    "WELFARE CHECK",
)
REASON = {name: code for code, name in enumerate(REASONS)}
CHANNELS = ("call", "sms", "app_message")
DIRECTIONS = ("outbound", "inbound")
KINDS = (
    "own_case",
    "stop_check",
    "research",
    "review_new",
    "team_review",
    "associates",
    "follow_up",
    "no_person",
)
KIND = {name: code for code, name in enumerate(KINDS)}
US = 60_000_000  # microseconds in a minute
# Off-duty work: who does it, and the share of them who do some on a given day.
AFTER_HOURS_ROLES = (
    "detective",
    "public_protection",
    "supervisor",
    "intelligence_analyst",
    "neighbourhood_officer",
)
AFTER_HOURS_DAILY_SHARE = 0.05
# Share of phone holders off duty who text or call (a colleague or a victim) that day.
AFTER_HOURS_CONTACT_SHARE = 0.03


@dataclass
class Events:
    """Access events as arrays (person/occurrence/reason -1 = null)."""

    minute_us: npt.NDArray[np.int64]
    staff: npt.NDArray[np.int64]
    system: npt.NDArray[np.int64]
    action: npt.NDArray[np.int64]
    person: npt.NDArray[np.int64]
    occurrence: npt.NDArray[np.int64]
    reason: npt.NDArray[np.int64]
    workstation: npt.NDArray[np.int64]

    @staticmethod
    def concat(parts: list[Events]) -> Events:
        return Events(*(np.concatenate([getattr(p, f) for p in parts]) for f in Events.FIELDS))

    FIELDS = (
        "minute_us",
        "staff",
        "system",
        "action",
        "person",
        "occurrence",
        "reason",
        "workstation",
    )


@dataclass
class Comms:
    """Work-device contacts as arrays; counterparts as strings."""

    ts_us: npt.NDArray[np.int64]
    staff: npt.NDArray[np.int64]
    channel: npt.NDArray[np.int64]
    direction: npt.NDArray[np.int64]
    counterpart: list[str]
    duration: npt.NDArray[np.int64]  # -1 = null

    @staticmethod
    def concat(parts: list[Comms]) -> Comms:
        return Comms(
            np.concatenate([p.ts_us for p in parts]),
            np.concatenate([p.staff for p in parts]),
            np.concatenate([p.channel for p in parts]),
            np.concatenate([p.direction for p in parts]),
            [c for p in parts for c in p.counterpart],
            np.concatenate([p.duration for p in parts]),
        )


@dataclass
class Live:
    """Assignments that matter today: active ones, and recently ended ones."""

    staff: npt.NDArray[np.int64]
    occurrence: npt.NDArray[np.int64]
    assigned: npt.NDArray[np.int64]
    released: npt.NDArray[np.int64]

    def by_staff(
        self, n: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        order = np.argsort(self.staff, kind="stable")
        counts = np.bincount(self.staff, minlength=n)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        return order, counts, starts


def live_assignments(book: OccurrenceBook, day: int, window_days: int = 0) -> Live:
    """Assignments active on ``day`` (or ended up to ``window_days`` before it)."""
    released = book.a_released.values
    assigned = book.a_assigned.values
    ends = np.where(released == OPEN, np.iinfo(np.int64).max, released)
    mask = (assigned < (day + 1) * DAY) & (ends >= (day - window_days) * DAY)
    if window_days:
        mask &= ends < day * DAY
    return Live(
        book.a_staff.values[mask], book.a_occurrence.values[mask], assigned[mask], released[mask]
    )


def _pick(
    rng: np.random.Generator,
    counts: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
    order: npt.NDArray[np.int64],
    members: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """For each member, the index of a random item of theirs (-1 when none)."""
    c = counts[members]
    has = c > 0
    k = np.full(len(members), -1, dtype=np.int64)
    k[has] = order[starts[members[has]] + (rng.random(has.sum()) * c[has]).astype(np.int64)]
    return k


class DayActivity:
    """Builds one day's normal access events and communications."""

    def __init__(
        self, staff: Staff, book: OccurrenceBook, people: Population, rng: np.random.Generator
    ) -> None:
        self.staff, self.book, self.people, self.rng = staff, book, people, rng
        self.rate = np.array([EVENTS_PER_HOUR[r] for r in ROLES])
        self.comms_rate = np.array([COMMS_PER_SHIFT.get(r, 0.0) for r in ROLES])
        self.mix = np.zeros((len(ROLES), len(KINDS)))
        for role, mix in EVENT_MIX.items():
            for kind, share in mix.items():
                self.mix[ROLE[role], KIND[kind]] = share
        self.cum_mix = np.cumsum(self.mix, axis=1)

    def occurrence_persons(
        self, occurrences: npt.NDArray[np.int64], share: float
    ) -> npt.NDArray[np.int64]:
        """A random linked person for each occurrence (-1 with probability 1 - share).

        Links are appended in occurrence order, so each occurrence's people are
        one contiguous run of the link arrays.
        """
        rng, book = self.rng, self.book
        out = np.full(len(occurrences), -1, dtype=np.int64)
        links = book.link_occurrence.values
        take = np.flatnonzero((rng.random(len(occurrences)) < share) & (occurrences >= 0))
        wanted = occurrences[take]
        first = np.searchsorted(links, wanted, side="left")
        count = np.searchsorted(links, wanted, side="right") - first
        has = count > 0
        pick = first[has] + (rng.random(has.sum()) * count[has]).astype(np.int64)
        out[take[has]] = book.link_person.values[pick]
        return out

    def events(self, day: int, roster: Roster) -> Events:
        rng, staff = self.rng, self.staff
        members = np.flatnonzero(roster.on)
        hours = (roster.end[members] - roster.start[members]) / 60
        counts = rng.poisson(self.rate[staff.role[members]] * hours)
        who = np.repeat(members, counts)
        n = len(who)
        start = day * DAY + roster.start[who]
        length = roster.end[who] - roster.start[who]
        minute_us = (start * US + (rng.random(n) * length * US)).astype(np.int64)
        draw = rng.random(n)
        kind = (draw[:, None] > self.cum_mix[staff.role[who]]).sum(axis=1)
        kind = np.minimum(kind, len(KINDS) - 1)
        person = np.full(n, -1, dtype=np.int64)
        occurrence = np.full(n, -1, dtype=np.int64)
        self._own_case(day, who, kind, person, occurrence, minute_us)
        self._area_lookups(day, who, kind, person, occurrence)
        return self._systems(who, kind, person, occurrence, minute_us)

    def _own_case(
        self,
        day: int,
        who: npt.NDArray[np.int64],
        kind: npt.NDArray[np.int64],
        person: npt.NDArray[np.int64],
        occurrence: npt.NDArray[np.int64],
        minute_us: npt.NDArray[np.int64],
    ) -> None:
        rng, n_staff = self.rng, self.staff.count
        live = live_assignments(self.book, day)
        order, counts, starts = live.by_staff(n_staff)
        own = np.flatnonzero(kind == KIND["own_case"])
        k = _pick(rng, counts, starts, order, who[own])
        ok = k >= 0
        idx = own[ok]
        occurrence[idx] = live.occurrence[k[ok]]
        person[idx] = self.occurrence_persons(occurrence[idx], 0.7)
        # Work on a case happens while assigned (or just after release).
        lo = live.assigned[k[ok]] * US
        hi = np.where(
            live.released[k[ok]] == OPEN,
            np.iinfo(np.int64).max // 2,
            (live.released[k[ok]] + 60) * US,
        )
        minute_us[idx] = np.clip(minute_us[idx], lo, np.maximum(lo, hi))
        kind[own[~ok]] = KIND["no_person"]
        # Team review: a random live assignment of a team member.
        review = np.flatnonzero(kind == KIND["team_review"])
        team_of_assignment = self.staff.team[live.staff]
        t_order = np.argsort(team_of_assignment, kind="stable")
        t_counts = np.bincount(team_of_assignment, minlength=int(self.staff.team.max()) + 1)
        t_starts = np.concatenate([[0], np.cumsum(t_counts)[:-1]])
        k = _pick(rng, t_counts, t_starts, t_order, self.staff.team[who[review]])
        ok = k >= 0
        occurrence[review[ok]] = live.occurrence[k[ok]]
        person[review[ok]] = self.occurrence_persons(live.occurrence[k[ok]], 0.5)
        kind[review[~ok]] = KIND["no_person"]
        # Follow-ups of cases the person worked that ended in the last 60 days.
        follow = np.flatnonzero(kind == KIND["follow_up"])
        ended = live_assignments(self.book, day, window_days=60)
        f_order, f_counts, f_starts = ended.by_staff(n_staff)
        k = _pick(rng, f_counts, f_starts, f_order, who[follow])
        ok = k >= 0
        occurrence[follow[ok]] = ended.occurrence[k[ok]]
        person[follow[ok]] = self.occurrence_persons(ended.occurrence[k[ok]], 0.6)
        kind[follow[~ok]] = KIND["no_person"]

    def _area_lookups(
        self,
        day: int,
        who: npt.NDArray[np.int64],
        kind: npt.NDArray[np.int64],
        person: npt.NDArray[np.int64],
        occurrence: npt.NDArray[np.int64],
    ) -> None:
        rng, book, people = self.rng, self.book, self.people
        areas = int(self.staff.area.max()) + 1
        reported = book.reported.values
        recent = np.flatnonzero(reported >= (day - 14) * DAY)
        new_cases = recent[
            (reported[recent] >= (day - 2) * DAY)
            & np.isin(book.category.values[recent], [CATEGORIES.index(c) for c in SAFEGUARDED])
        ]
        home = people.home_area[: people.size]
        staff_area = self.staff.area[who]
        for area in range(areas):
            in_area = staff_area == area
            pool = np.flatnonzero(home == area)
            stop = np.flatnonzero(in_area & (kind == KIND["stop_check"]))
            if len(pool):
                person[stop] = pool[rng.integers(0, len(pool), len(stop))]
            area_recent = recent[book.area.values[recent] == area]
            research = np.flatnonzero(
                in_area & np.isin(kind, [KIND["research"], KIND["associates"]])
            )
            if len(area_recent) and len(research):
                occurrence[research] = area_recent[rng.integers(0, len(area_recent), len(research))]
                person[research] = self.occurrence_persons(occurrence[research], 0.85)
            area_new = new_cases[book.area.values[new_cases] == area]
            review = np.flatnonzero(in_area & (kind == KIND["review_new"]))
            if len(area_new) and len(review):
                occurrence[review] = area_new[rng.integers(0, len(area_new), len(review))]
                person[review] = self.occurrence_persons(occurrence[review], 0.9)
        # Associates are looked up without the case being recorded half the time.
        associates = np.flatnonzero(kind == KIND["associates"])
        occurrence[associates[rng.random(len(associates)) < 0.5]] = -1

    def _systems(
        self,
        who: npt.NDArray[np.int64],
        kind: npt.NDArray[np.int64],
        person: npt.NDArray[np.int64],
        occurrence: npt.NDArray[np.int64],
        minute_us: npt.NDArray[np.int64],
    ) -> Events:
        rng, role = self.rng, self.staff.role[who]
        n = len(who)
        system = np.full(n, SYS["rms"], dtype=np.int64)
        u = rng.random(n)
        system[(role == ROLE["call_handler"]) | (role == ROLE["dispatcher"])] = SYS[
            "command_control"
        ]
        system[((role == ROLE["call_handler"]) & (u < 0.3))] = SYS["rms"]
        system[(role == ROLE["custody_officer"]) & (u < 0.8)] = SYS["custody"]
        system[(np.isin(role, [ROLE["detective"], ROLE["police_staff"]])) & (u < 0.4)] = SYS[
            "case_file"
        ]
        system[(kind == KIND["research"]) & (u < 0.6)] = SYS["intelligence"]
        system[kind == KIND["associates"]] = np.where(
            u[kind == KIND["associates"]] < 0.5, SYS["intelligence"], SYS["pnc"]
        )
        system[kind == KIND["stop_check"]] = SYS["pnc"]
        system[role == ROLE["it_staff"]] = SYS["other"]
        action = rng.choice(len(ACTIONS), n, p=(0.25, 0.55, 0.12, 0.05, 0.02, 0.01))
        action[system == SYS["pnc"]] = ACT["search"]
        no_person = kind == KIND["no_person"]
        action[no_person] = rng.choice(
            [ACT["search"], ACT["create"], ACT["update"]], no_person.sum()
        )
        reason = np.full(n, -1, dtype=np.int64)
        pnc = system == SYS["pnc"]
        reason[pnc] = rng.choice(5, pnc.sum(), p=(0.35, 0.3, 0.1, 0.15, 0.1))
        review = kind == KIND["review_new"]
        reason[review & (u < 0.5)] = REASON["SAFEGUARDING REVIEW"]
        workstation = self.staff.area[who] * 1000 + rng.integers(0, 200, n)
        mobile = np.isin(
            role, [ROLE["response_officer"], ROLE["neighbourhood_officer"], ROLE["pcso"]]
        )
        workstation[mobile & (u < 0.5)] = 900_000 + who[mobile & (u < 0.5)]
        return Events(
            minute_us, who.astype(np.int64), system, action, person, occurrence, reason, workstation
        )

    def after_hours(self, day: int, roster: Roster) -> tuple[Events, Comms]:
        """Legitimate work done off duty: catching up on cases in the evening.

        Detectives, public protection, supervisors, analysts and neighbourhood
        officers now and then open their own live cases from a force laptop in
        the evening, and officers text colleagues or return a victim's call off
        duty. Without this, any off-duty access or remote workstation would
        single out the planted wrongdoers.
        """
        rng, staff = self.rng, self.staff
        roles = [ROLE[r] for r in AFTER_HOURS_ROLES]
        eligible = np.flatnonzero(np.isin(staff.role, roles))
        working = eligible[rng.random(len(eligible)) < AFTER_HOURS_DAILY_SHARE]
        counts = rng.integers(1, 7, len(working))
        who = np.repeat(working, counts)
        n = len(who)
        minute = day * DAY + rng.integers(18 * 60, 23 * 60 + 30, n)
        minute = np.maximum(minute, day * DAY + roster.end[who] * roster.on[who])
        live = live_assignments(self.book, day)
        order, lcounts, starts = live.by_staff(staff.count)
        k = _pick(rng, lcounts, starts, order, who)
        keep = k >= 0
        who, minute, k = who[keep], minute[keep], k[keep]
        occurrence = live.occurrence[k]
        events = Events(
            (minute * US + rng.integers(0, US, len(who))).astype(np.int64),
            who.astype(np.int64),
            np.where(rng.random(len(who)) < 0.5, SYS["rms"], SYS["case_file"]),
            np.where(rng.random(len(who)) < 0.8, ACT["view"], ACT["update"]),
            self.occurrence_persons(occurrence, 0.8),
            occurrence,
            np.full(len(who), -1, dtype=np.int64),
            800_000 + who,
        )
        phones = np.flatnonzero(staff.has_phone & ~roster.on)
        texting = phones[rng.random(len(phones)) < AFTER_HOURS_CONTACT_SHARE]
        m = len(texting)
        ts = ((day * DAY + rng.integers(17 * 60, 23 * 60, m)) * US).astype(np.int64)
        k = _pick(rng, lcounts, starts, order, texting)
        counterpart = []
        for i in range(m):
            victim = self.book.victim_of.get(int(live.occurrence[k[i]]), -1) if k[i] >= 0 else -1
            if victim >= 0 and victim in self.people.phones and rng.random() < 0.5:
                counterpart.append(self.people.phones[victim][0])
            else:
                counterpart.append(e164(staff.phone[int(rng.integers(0, staff.count))]))
        channel, direction = self._channel_direction(m)
        comms = Comms(
            ts, texting.astype(np.int64), channel, direction, counterpart, self._durations(m)
        )
        return events, comms

    def comms(self, day: int, roster: Roster) -> Comms:
        rng, staff, people = self.rng, self.staff, self.people
        members = np.flatnonzero(roster.on & staff.has_phone)
        counts = rng.poisson(self.comms_rate[staff.role[members]])
        who = np.repeat(members, counts)
        n = len(who)
        start = day * DAY + roster.start[who]
        length = roster.end[who] - roster.start[who]
        ts = ((start + rng.random(n) * length) * US).astype(np.int64)
        live = live_assignments(self.book, day)
        order, lcounts, starts = live.by_staff(staff.count)
        k = _pick(rng, lcounts, starts, order, who)
        draw = rng.random(n)
        counterpart: list[str] = []
        for i in range(n):
            if draw[i] < 0.6 and k[i] >= 0:
                persons = self.book.persons_of.get(int(live.occurrence[k[i]]), [])
                with_phone = [p for p in persons if p in people.phones]
                if with_phone:
                    counterpart.append(
                        people.phones[with_phone[int(rng.integers(0, len(with_phone)))]][0]
                    )
                    continue
            if draw[i] < 0.85:
                counterpart.append(e164(staff.phone[int(rng.integers(0, staff.count))]))
            else:
                counterpart.append(f"+44{int(rng.integers(1130000000, 2099999999))}")
        normal = Comms(ts, who, *self._channel_direction(n), counterpart, self._durations(n))
        return Comms.concat([normal, self._ring_backs(day)])

    def _channel_direction(self, n: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        rng = self.rng
        channel = rng.choice(3, n, p=(0.6, 0.35, 0.05))
        direction = (rng.random(n) < 0.35).astype(np.int64)
        return channel, direction

    def _durations(self, n: int) -> npt.NDArray[np.int64]:
        return np.clip(self.rng.lognormal(4.5, 0.9, n), 5, 3600).astype(np.int64)

    def _ring_backs(self, day: int) -> Comms:
        """Victims ringing the officer back after the officer's part has ended."""
        rng, people = self.rng, self.people
        ended = live_assignments(self.book, day, window_days=30)
        pick = np.flatnonzero(rng.random(len(ended.staff)) < 0.01)
        ts, who, counterpart = [], [], []
        for i in pick:
            member = int(ended.staff[i])
            if not self.staff.has_phone[member]:
                continue
            victim = self.book.victim_of.get(int(ended.occurrence[i]), -1)
            if victim < 0 or victim not in people.phones:
                continue
            minute = day * DAY + int(rng.integers(8 * 60, 21 * 60))
            ts.append(minute * US + int(rng.integers(0, US)))
            who.append(member)
            counterpart.append(people.phones[victim][0])
        m = len(ts)
        return Comms(
            np.array(ts, dtype=np.int64),
            np.array(who, dtype=np.int64),
            np.zeros(m, dtype=np.int64),
            np.ones(m, dtype=np.int64),
            counterpart,
            self._durations(m),
        )
