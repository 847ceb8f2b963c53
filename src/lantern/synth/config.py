"""Parameters of the synthetic force: sizes, mixes, rhythms and volumes.

Every number here is a modelling choice, documented with its reasoning in
docs/synthetic-force.md. Change them here, not in the code that uses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Share of the workforce in each role (sums to 1). A mid-sized English force:
# response is the largest group; detectives, public protection and the control
# room follow; specialist units are small.
ROLE_MIX: dict[str, float] = {
    "response_officer": 0.28,
    "neighbourhood_officer": 0.10,
    "pcso": 0.06,
    "detective": 0.12,
    "public_protection": 0.06,
    "custody_officer": 0.04,
    "call_handler": 0.08,
    "dispatcher": 0.04,
    "intelligence_analyst": 0.03,
    "supervisor": 0.08,
    "police_staff": 0.08,
    "it_staff": 0.02,
    "professional_standards": 0.01,
}

# Roles that work the rotating 24/7 pattern; everyone else works office hours.
SHIFT_ROLES = frozenset({"response_officer", "custody_officer", "call_handler", "dispatcher"})
# Roles that carry a work phone for contact with the public.
PHONE_ROLES = frozenset(
    {
        "response_officer",
        "neighbourhood_officer",
        "pcso",
        "detective",
        "public_protection",
        "supervisor",
    }
)
# Roles whose teams are force-wide rather than per area.
FORCE_WIDE_ROLES = frozenset(
    {
        "call_handler",
        "dispatcher",
        "intelligence_analyst",
        "police_staff",
        "it_staff",
        "professional_standards",
    }
)

# Access events per hour on duty, by role (see the doc for the reasoning).
EVENTS_PER_HOUR: dict[str, float] = {
    "response_officer": 4.0,
    "neighbourhood_officer": 3.5,
    "pcso": 2.0,
    "detective": 8.0,
    "public_protection": 9.0,
    "custody_officer": 4.5,
    "call_handler": 11.0,
    "dispatcher": 13.0,
    "intelligence_analyst": 14.0,
    "supervisor": 5.0,
    "police_staff": 4.0,
    "it_staff": 1.0,
    "professional_standards": 3.0,
}

# Work-phone calls and messages per shift, by role (roles without phones: 0).
COMMS_PER_SHIFT: dict[str, float] = {
    "response_officer": 3.0,
    "neighbourhood_officer": 5.0,
    "pcso": 3.0,
    "detective": 6.0,
    "public_protection": 7.0,
    "supervisor": 4.0,
}

# What each role's lookups are for: kind -> share of that role's events.
#   own_case    the occurrences the person is assigned to, and their people
#   stop_check  PNC checks of people met on patrol (reason code required)
#   research    recent occurrences and suspects in the area (analysts, CID)
#   review_new  new domestic abuse / child / sexual cases in the area (MASH)
#   team_review occurrences assigned to the person's team (supervisors)
#   associates  people linked to the suspects of the person's cases
#   follow_up   occurrences the person worked that have since closed
#   no_person   searches, creates and admin that touch no person
EVENT_MIX: dict[str, dict[str, float]] = {
    "response_officer": {
        "own_case": 0.45,
        "stop_check": 0.25,
        "research": 0.05,
        "follow_up": 0.03,
        "no_person": 0.22,
    },
    "neighbourhood_officer": {
        "own_case": 0.40,
        "stop_check": 0.15,
        "research": 0.15,
        "follow_up": 0.05,
        "no_person": 0.25,
    },
    "pcso": {"own_case": 0.40, "stop_check": 0.05, "research": 0.15, "no_person": 0.40},
    "detective": {
        "own_case": 0.55,
        "associates": 0.20,
        "research": 0.07,
        "follow_up": 0.06,
        "no_person": 0.12,
    },
    "public_protection": {
        "own_case": 0.35,
        "review_new": 0.45,
        "follow_up": 0.05,
        "no_person": 0.15,
    },
    "custody_officer": {"own_case": 0.70, "no_person": 0.30},
    "call_handler": {"own_case": 0.65, "no_person": 0.35},
    "dispatcher": {"own_case": 0.55, "no_person": 0.45},
    "intelligence_analyst": {"research": 0.75, "associates": 0.10, "no_person": 0.15},
    "supervisor": {"team_review": 0.55, "own_case": 0.15, "research": 0.05, "no_person": 0.25},
    "police_staff": {"own_case": 0.50, "follow_up": 0.10, "no_person": 0.40},
    "it_staff": {"no_person": 1.0},
    "professional_standards": {"research": 0.30, "no_person": 0.70},
}

# Occurrence categories and their share of demand (command-and-control mix of
# an English force, rounded).
CATEGORY_MIX: dict[str, float] = {
    "domestic_abuse": 0.14,
    "sexual_offence": 0.03,
    "stalking_harassment": 0.05,
    "missing_person": 0.04,
    "mental_health": 0.06,
    "child_protection": 0.03,
    "assault": 0.10,
    "theft": 0.14,
    "burglary": 0.05,
    "criminal_damage": 0.07,
    "public_order": 0.05,
    "asb": 0.09,
    "drugs": 0.03,
    "fraud": 0.04,
    "road_traffic": 0.04,
    "concern_for_welfare": 0.03,
    "other": 0.01,
}
# Median days an occurrence stays open, by category.
OPEN_DAYS: dict[str, float] = {
    "domestic_abuse": 30,
    "sexual_offence": 120,
    "stalking_harassment": 45,
    "missing_person": 2,
    "mental_health": 1,
    "child_protection": 60,
    "assault": 25,
    "theft": 7,
    "burglary": 14,
    "criminal_damage": 7,
    "public_order": 10,
    "asb": 5,
    "drugs": 40,
    "fraud": 60,
    "road_traffic": 20,
    "concern_for_welfare": 1,
    "other": 3,
}
# Categories that get a detective, and those that get public protection.
INVESTIGATED = frozenset(
    {
        "domestic_abuse",
        "sexual_offence",
        "stalking_harassment",
        "assault",
        "burglary",
        "drugs",
        "fraud",
        "child_protection",
    }
)
SAFEGUARDED = frozenset(
    {
        "domestic_abuse",
        "sexual_offence",
        "child_protection",
        "missing_person",
        "stalking_harassment",
    }
)
# Hourly shape of demand (00..23), relative; busiest late afternoon and evening.
HOURLY_DEMAND = (
    3.0,
    2.5,
    2.0,
    1.5,
    1.2,
    1.0,
    1.2,
    2.0,
    3.0,
    3.5,
    3.8,
    4.0,
    4.2,
    4.3,
    4.5,
    4.8,
    5.2,
    5.5,
    5.6,
    5.5,
    5.2,
    4.8,
    4.2,
    3.6,
)
# Day-of-week factor, Monday first; Friday and Saturday are busiest.
WEEKDAY_DEMAND = (0.95, 0.93, 0.95, 0.98, 1.10, 1.15, 1.00)
# Occurrences per member of staff per day (a force of 2,000 sees ~120 a day).
OCCURRENCES_PER_STAFF_DAY = 0.06
# Staff per area (district); at least two areas.
STAFF_PER_AREA = 350
# Background population on record per member of staff (people never linked to
# an occurrence in the period but met on stop checks and in research).
POPULATION_PER_STAFF = 40


@dataclass(frozen=True)
class ForceConfig:
    """What to generate. ``wrongdoer_share`` is the share of staff planted."""

    staff: int
    days: int
    seed: int
    start: date = date(2026, 1, 5)
    wrongdoer_share: float = 0.005
    progress: bool = False

    def __post_init__(self) -> None:
        if self.staff < 50:
            raise ValueError("--staff must be at least 50 (a force needs every role)")
        if self.staff > 200_000:
            raise ValueError("--staff above 200,000 is larger than any force")
        if self.days < 7:
            raise ValueError("--days must be at least 7 (one week of rosters)")
        if self.days > 3660:
            raise ValueError("--days must be at most 3,660 (ten years)")
        if not 0 <= self.wrongdoer_share <= 0.2:
            raise ValueError("--wrongdoer-share must be between 0 and 0.2")
        if self.seed < 0:
            raise ValueError("--seed must be zero or positive")

    @property
    def areas(self) -> int:
        return max(2, round(self.staff / STAFF_PER_AREA))

    @property
    def wrongdoers(self) -> int:
        if self.wrongdoer_share == 0:
            return 0
        return max(1, round(self.staff * self.wrongdoer_share))
