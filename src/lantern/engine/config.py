"""The engine's configuration: every threshold and weight in one frozen object.

Nothing here is a fact about one force or about the synthetic generator. Each
value is a judgement about behaviour (how long after an assignment ends is a
follow-up still part of the job, what counts as late at night) and is meant to
be overridden per force from a reviewed configuration, never edited in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

# Markers that mean a person is vulnerable in the sense of the NPCC strategy and
# the IOPC learning: the groups abuse of position targets (shared/domain.md).
VULNERABILITY_MARKERS: tuple[str, ...] = (
    "domestic_abuse_victim",
    "sexual_offence_victim",
    "child",
    "mental_health",
    "missing_person",
    "self_harm",
    "substance_misuse",
    "sex_worker",
    "modern_slavery",
)

# Victims of these occurrence categories are treated as vulnerable even when no
# marker has been recorded against them yet (markers lag behind the occurrence).
VULNERABLE_VICTIM_CATEGORIES: tuple[str, ...] = (
    "domestic_abuse",
    "sexual_offence",
    "stalking_harassment",
    "child_protection",
    "missing_person",
    "mental_health",
)

# Ranks that supervise a team: a sergeant or above in the same team reviews its work.
SUPERVISORY_RANKS: tuple[str, ...] = (
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
    "chief_officer",
)


@dataclass(frozen=True)
class ExplanationConfig:
    """How an access is explained by the force's own data."""

    # An access shortly before an assignment is recorded is still part of it
    # (the call handler looks the caller up before the log is updated).
    lead: timedelta = timedelta(hours=12)
    # Follow-up work after release (statements, file handover) stays explained.
    grace_after_release: timedelta = timedelta(days=3)
    # Calls and messages: victims ring back and officers return calls a while
    # after their part ends; contact stays explained for longer than access.
    contact_grace_after_release: timedelta = timedelta(days=14)
    # A claimed occurrence explains role-duty access while open and for this long after.
    claimed_open_grace: timedelta = timedelta(days=7)
    # A mined role-duty template is accepted when at least this share of the
    # role's active staff use it...
    template_min_support: float = 0.5
    # ...and it explains at least this share of the role's accesses.
    template_min_coverage: float = 0.01
    # A role needs this many active staff before templates are mined for it.
    template_min_role_staff: int = 3
    supervisory_ranks: tuple[str, ...] = SUPERVISORY_RANKS


@dataclass(frozen=True)
class IndicatorConfig:
    """Weights of the indicators (points added to an alert's score)."""

    vulnerability_markers: tuple[str, ...] = VULNERABILITY_MARKERS
    vulnerable_victim_categories: tuple[str, ...] = VULNERABLE_VICTIM_CATEGORIES
    # Local clock used for "late at night" and for the text of summaries.
    timezone: str = "Europe/London"
    late_start_hour: int = 21
    late_end_hour: int = 6
    unexplained_vulnerable: float = 1.5
    unexplained_repeat: float = 1.0
    return_after_involvement: float = 2.0
    off_duty_access: float = 1.5
    contact_volume: float = 2.0
    contact_late: float = 1.5
    contact_off_duty: float = 1.0
    contact_two_way: float = 1.5
    personal_connection: float = 3.0
    claimed_mismatch: float = 1.5
    breadth: float = 1.5
    # Multiplier on a pair's person-focused indicators when the person is vulnerable.
    vulnerable_factor: float = 1.5
    # Multiplier on work-device contact that the user never initiated.
    inbound_only_factor: float = 0.35


@dataclass(frozen=True)
class ScoringConfig:
    """How indicator points become ranked alerts."""

    # A pair alert needs at least this score of its own, from indicators of two
    # families (corroboration: rule flags alone are often innocent)...
    min_pair_score: float = 6.0
    # ...or this multiple of it from a single family...
    single_family_factor: float = 2.0
    # ...or, for a member of staff who already has a pair alert, this share of
    # it, the rest made up by accumulation (their other people).
    lifted_pair_share: float = 0.5
    # Breadth against role/area peers (robust z) that adds to a member of
    # staff's pair alerts...
    min_breadth_z: float = 4.0
    # ...and that raises a staff-level alert on its own (uncorroborated).
    min_breadth_z_alone: float = 8.0
    # Peer groups smaller than this borrow strength from the whole role (shrinkage).
    shrinkage_k: float = 10.0
    # MAD never taken below this, so a peer group that all do nothing is not
    # made to look infinitely tight.
    mad_floor: float = 1.0
    # Share of a member of staff's other alerted pairs added to each pair alert.
    accumulation_share: float = 0.25
    accumulation_cap: float = 6.0


@dataclass(frozen=True)
class EngineConfig:
    """Everything the engine needs besides its inputs."""

    explanation: ExplanationConfig = field(default_factory=ExplanationConfig)
    indicators: IndicatorConfig = field(default_factory=IndicatorConfig)
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    # DuckDB: memory ceiling and spill directory (out-of-core working).
    memory_limit: str = "2500MB"
    threads: int | None = None
