"""The force: areas, teams, staff, and who is on duty when.

Staff are held as numpy arrays indexed by staff number (0..N-1), so that a
day's roster for ten thousand people is a handful of vector operations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lantern.synth.config import FORCE_WIDE_ROLES, PHONE_ROLES, ROLE_MIX, ForceConfig

ROLES: tuple[str, ...] = tuple(ROLE_MIX)
ROLE = {name: code for code, name in enumerate(ROLES)}
RANKS: tuple[str, ...] = (
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
    "chief_officer",
    "staff",
    "volunteer",
)
RANK = {name: code for code, name in enumerate(RANKS)}

# Shift patterns. Times are minutes from the start of the day (local = UTC).
ROTATING, OFFICE, OFFICE_LATE_START, NEIGHBOURHOOD, CID = range(5)
# The 10-day rota of response, custody and the control room: two earlies,
# two lates, two nights, four rest days; five teams two days apart cover 24/7.
ROTA = (("early", 2), ("late", 2), ("night", 2), ("rest", 4))
ROTA_SHIFTS = {"early": (7 * 60, 17 * 60), "late": (14 * 60, 24 * 60), "night": (22 * 60, 31 * 60)}
ROTA_DAYS: tuple[str, ...] = tuple(s for s, n in ROTA for _ in range(n))

FIRST_NAMES = (
    "Amelia",
    "Olivia",
    "Isla",
    "Ava",
    "Emily",
    "Sophie",
    "Grace",
    "Mia",
    "Lucy",
    "Ella",
    "Jack",
    "Oliver",
    "Harry",
    "George",
    "Noah",
    "Charlie",
    "Jacob",
    "Thomas",
    "James",
    "William",
    "Mohammed",
    "Aisha",
    "Priya",
    "Daniel",
    "Sarah",
    "David",
    "Laura",
    "Mark",
    "Rachel",
    "Paul",
    "Claire",
    "Steven",
    "Karen",
    "Andrew",
    "Emma",
    "Chris",
    "Hannah",
)
LAST_NAMES = (
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Khan",
    "Ali",
)


@dataclass
class Staff:
    """Every member of staff, one array element each."""

    role: npt.NDArray[np.int64]
    rank: npt.NDArray[np.int64]
    area: npt.NDArray[np.int64]
    team: npt.NDArray[np.int64]
    team_names: list[str]
    pattern: npt.NDArray[np.int64]
    rota_offset: npt.NDArray[np.int64]
    home_area: npt.NDArray[np.int64]  # -1 when HR does not share it
    person: npt.NDArray[np.int64]  # own record in persons, -1 when not matched
    joined_day: npt.NDArray[np.int64]  # days before the start of the period
    has_phone: npt.NDArray[np.bool_]
    phone: list[str]  # work phone numbers, E.164
    names: list[str]
    leave: list[tuple[int, int, int]]  # (staff, first day, last day)

    @property
    def count(self) -> int:
        return len(self.role)


def staff_id(index: int) -> str:
    return f"S{100000 + index}"


def build_staff(config: ForceConfig, rng: np.random.Generator) -> Staff:
    """Draw the workforce: roles, ranks, teams, shift patterns, leave."""
    n = config.staff
    counts = _role_counts(n)
    role = np.repeat(np.arange(len(ROLES)), counts)
    rng.shuffle(role)
    areas = config.areas
    area = rng.integers(0, areas, n)
    rank = np.full(n, RANK["constable"])
    civilian = np.isin(
        role,
        [
            ROLE[r]
            for r in (
                "pcso",
                "call_handler",
                "dispatcher",
                "intelligence_analyst",
                "police_staff",
                "it_staff",
            )
        ],
    )
    rank[civilian] = RANK["staff"]
    supervisors = role == ROLE["supervisor"]
    rank[supervisors] = np.where(
        rng.random(supervisors.sum()) < 0.75, RANK["sergeant"], RANK["inspector"]
    )
    detective = role == ROLE["detective"]
    rank[detective] = np.where(
        rng.random(detective.sum()) < 0.8, RANK["constable"], RANK["sergeant"]
    )
    psd = role == ROLE["professional_standards"]
    rank[psd] = RANK["inspector"]
    team, team_names, pattern, offset = _teams(role, area, areas, rng)
    home_known = rng.random(n) < 0.85
    # Most people live in or next to the district they police.
    home = np.where(rng.random(n) < 0.6, area, rng.integers(0, areas, n))
    home_area = np.where(home_known, home, -1)
    joined = rng.integers(30, 30 * 365, n)
    has_phone = np.isin(role, [ROLE[r] for r in PHONE_ROLES])
    phones = [f"+447{rng.integers(400000000, 999999999)}" for _ in range(n)]
    names = [
        f"{FIRST_NAMES[a]} {LAST_NAMES[b]}"
        for a, b in zip(
            rng.integers(0, len(FIRST_NAMES), n),
            rng.integers(0, len(LAST_NAMES), n),
            strict=True,
        )
    ]
    leave = _leave(n, config.days, rng)
    return Staff(
        role=role,
        rank=rank,
        area=area,
        team=team,
        team_names=team_names,
        pattern=pattern,
        rota_offset=offset,
        home_area=home_area,
        person=np.full(n, -1),
        joined_day=joined,
        has_phone=has_phone,
        phone=phones,
        names=names,
        leave=leave,
    )


def _role_counts(n: int) -> npt.NDArray[np.int64]:
    raw = np.array([ROLE_MIX[r] for r in ROLES]) * n
    counts = np.maximum(1, np.floor(raw).astype(np.int64))
    while counts.sum() < n:
        counts[np.argmax(raw - counts)] += 1
    while counts.sum() > n:
        counts[np.argmax(counts)] -= 1
    return counts


def _teams(
    role: npt.NDArray[np.int64], area: npt.NDArray[np.int64], areas: int, rng: np.random.Generator
) -> tuple[npt.NDArray[np.int64], list[str], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Team, shift pattern and rota offset of each member of staff."""
    names: dict[str, int] = {}

    def team_code(name: str) -> int:
        return names.setdefault(name, len(names))

    n = len(role)
    team = np.zeros(n, dtype=np.int64)
    pattern = np.full(n, OFFICE, dtype=np.int64)
    offset = np.zeros(n, dtype=np.int64)
    slot = rng.integers(0, 5, n)
    for i in range(n):
        r = ROLES[role[i]]
        a = f"A{area[i] + 1:02d}"
        if r in FORCE_WIDE_ROLES:
            area[i] = 0 if r in ("call_handler", "dispatcher") else area[i]
        if r in ("response_officer", "custody_officer"):
            unit = "RESP" if r == "response_officer" else "CUST"
            team[i] = team_code(f"{a}-{unit}-{slot[i] + 1}")
            pattern[i], offset[i] = ROTATING, 2 * slot[i]
        elif r in ("call_handler", "dispatcher"):
            team[i] = team_code(f"CONTROL-{slot[i] + 1}")
            pattern[i], offset[i] = ROTATING, 2 * slot[i]
        elif r in ("neighbourhood_officer", "pcso"):
            team[i] = team_code(f"{a}-NHP-{slot[i] % 2 + 1}")
            pattern[i], offset[i] = NEIGHBOURHOOD, slot[i] % 2
        elif r == "detective":
            team[i], pattern[i] = team_code(f"{a}-CID"), CID
        elif r == "public_protection":
            team[i] = team_code(f"{a}-PPU")
        elif r == "supervisor":
            # Most supervisors lead a response team and work its rota.
            if rng.random() < 0.6:
                team[i] = team_code(f"{a}-RESP-{slot[i] + 1}")
                pattern[i], offset[i] = ROTATING, 2 * slot[i]
            else:
                unit = ("NHP-1", "CID", "PPU")[int(rng.integers(0, 3))]
                team[i] = team_code(f"{a}-{unit}")
        elif r == "intelligence_analyst":
            team[i] = team_code("INTEL")
        elif r == "police_staff":
            team[i], pattern[i] = team_code(f"ADMIN-{slot[i] % 3 + 1}"), OFFICE_LATE_START
        elif r == "it_staff":
            team[i], pattern[i] = team_code("IT"), OFFICE_LATE_START
        else:
            team[i] = team_code("PSD")
    del areas
    return team, list(names), pattern, offset


def _leave(n: int, days: int, rng: np.random.Generator) -> list[tuple[int, int, int]]:
    """Annual leave in blocks (about 28 days a year) and odd sick days."""
    blocks: list[tuple[int, int, int]] = []
    per_year = max(1, round(4 * days / 365))
    for member in range(n):
        for _ in range(int(rng.poisson(per_year))):
            first = int(rng.integers(0, days))
            length = int(rng.choice((1, 3, 5, 7, 10), p=(0.2, 0.2, 0.3, 0.2, 0.1)))
            blocks.append((member, first, first + length - 1))
        for _ in range(int(rng.poisson(3 * days / 365))):
            first = int(rng.integers(0, days))
            blocks.append((member, first, first + int(rng.integers(0, 3))))
    return blocks


@dataclass
class Roster:
    """Who is on duty on one day: start and end in minutes from that midnight."""

    on: npt.NDArray[np.bool_]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]


def day_roster(staff: Staff, day: int, weekday: int, leave_mask: npt.NDArray[np.bool_]) -> Roster:
    """The duty each member of staff starts on ``day`` (nights run past midnight)."""
    n = staff.count
    start = np.zeros(n, dtype=np.int64)
    end = np.zeros(n, dtype=np.int64)
    on = np.zeros(n, dtype=bool)
    rotating = staff.pattern == ROTATING
    position = (day + staff.rota_offset) % len(ROTA_DAYS)
    for shift, (s, e) in ROTA_SHIFTS.items():
        mask = (
            rotating & (np.array([ROTA_DAYS[p] == shift for p in range(len(ROTA_DAYS))])[position])
        )
        start[mask], end[mask], on[mask] = s, e, True
    weekday_on = weekday < 5
    office = staff.pattern == OFFICE
    start[office], end[office], on[office] = 8 * 60, 16 * 60, weekday_on
    late_start = staff.pattern == OFFICE_LATE_START
    start[late_start], end[late_start], on[late_start] = 9 * 60, 17 * 60, weekday_on
    cid = staff.pattern == CID
    start[cid], end[cid], on[cid] = 8 * 60, 18 * 60, weekday_on
    nhp = staff.pattern == NEIGHBOURHOOD
    week = (day // 7 + staff.rota_offset) % 2
    early = nhp & (week == 0)
    late = nhp & (week == 1)
    start[early], end[early] = 8 * 60, 16 * 60
    start[late], end[late] = 14 * 60, 22 * 60
    # Neighbourhood teams cover Saturdays on alternate weeks, rest Sunday and one weekday.
    on[nhp] = np.where(week[nhp] == 0, weekday < 5, (weekday < 6) & (weekday != 2))
    on &= ~leave_mask
    return Roster(on=on, start=start, end=end)


def leave_masks(staff: Staff, days: int) -> list[npt.NDArray[np.int64]]:
    """For each day, the staff numbers on leave."""
    per_day: list[list[int]] = [[] for _ in range(days)]
    for member, first, last in staff.leave:
        for d in range(first, min(last, days - 1) + 1):
            per_day[d].append(member)
    return [np.array(sorted(set(d)), dtype=np.int64) for d in per_day]
