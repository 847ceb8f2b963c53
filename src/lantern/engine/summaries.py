"""Plain-English summaries a reviewer can act on without running anything.

Every number in a summary is counted from the same rows that are listed as the
indicator's evidence. Times are on the force's local clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lantern.engine.localtime import LocalClock

# Most telling marker first: it names the person in a summary.
MARKER_PHRASES: tuple[tuple[str, str], ...] = (
    ("sexual_offence_victim", "a sexual offence victim"),
    ("domestic_abuse_victim", "a domestic abuse victim"),
    ("child", "a child"),
    ("modern_slavery", "a modern slavery victim"),
    ("sex_worker", "a sex worker"),
    ("missing_person", "a person recorded as missing"),
    ("self_harm", "a person with a self-harm marker"),
    ("mental_health", "a person with a mental health marker"),
    ("substance_misuse", "a person with a substance misuse marker"),
)
CATEGORY_WORDS: Mapping[str, str] = {
    "domestic_abuse": "domestic abuse",
    "sexual_offence": "sexual offence",
    "stalking_harassment": "stalking or harassment",
    "missing_person": "missing person",
    "mental_health": "mental health",
    "child_protection": "child protection",
    "concern_for_welfare": "concern for welfare",
    "road_traffic": "road traffic",
    "criminal_damage": "criminal damage",
    "public_order": "public order",
    "asb": "anti-social behaviour",
}


@dataclass(frozen=True)
class PersonWords:
    """How a summary names a person and refers back to them."""

    description: str
    possessive: str  # her / his / their
    objective: str  # her / him / them


def person_words(
    sex: str | None, markers: Sequence[str] | None, roles: Sequence[tuple[str, str]]
) -> PersonWords:
    """Words for a person from their sex, markers and (role, occurrence category) links."""
    possessive, objective = {"f": ("her", "her"), "m": ("his", "him")}.get(
        sex or "", ("their", "them")
    )
    return PersonWords(_description(markers or (), roles), possessive, objective)


def _description(markers: Sequence[str], roles: Sequence[tuple[str, str]]) -> str:
    for marker, phrase in MARKER_PHRASES:
        if marker in markers:
            return phrase
    for wanted in ("victim", "witness", "reporting_person", "suspect", "offender"):
        for role, category in sorted(roles):
            if role == wanted:
                noun = "person who reported" if role == "reporting_person" else role
                words = CATEGORY_WORDS.get(category, category.replace("_", " "))
                article = "an" if words[0] in "aeiou" else "a"
                return f"the {noun} in {article} {words} occurrence"
    return "a member of the public"


def times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True)
class SummaryContext:
    """What a summary may say about one alert."""

    pair: Mapping[str, Any]
    person: PersonWords
    clock: LocalClock
    late_start_hour: int
    late_end_hour: int

    def n(self, column: str) -> int:
        return int(self.pair.get(column) or 0)

    def date(self, column: str) -> str:
        value = self.pair.get(column)
        if not isinstance(value, datetime):
            return "an unknown date"
        return self.clock.localise(value).strftime("%d %b %Y")


def unexplained_summary(c: SummaryContext) -> str:
    n, d, p = c.n("a_unlinked"), c.n("a_unlinked_days"), c.person
    text = (
        f"Opened the record of {p.description} {times(n)} on {days(d)} with no policing link "
        f"in force records to explain it: never assigned to any of {p.possessive} "
        f"occurrences, no team member's or linked case covering it on duty, and no open "
        f"occurrence involving {p.objective} claimed."
    )
    reasoned = c.n("a_reasoned")
    if reasoned:
        text += (
            f" {reasoned} of these carried a typed reason (as {article(_role(c))}'s one-off checks"
            f" do),"
            f" but a one-off check does not recur on {days(d)}."
        )
    return text


def return_summary(c: SummaryContext) -> str:
    n, d, p = c.n("a_return"), c.n("a_return_days"), c.person
    return (
        f"Viewed the record of {p.description} {times(n)} on {days(d)} after their own "
        f"assignment to {p.possessive} case ended on {c.date('a_involvement_ended_at')}, "
        f"with no current assignment, supervision or claimed case of their own to explain it."
    )


def off_duty_summary(c: SummaryContext) -> str:
    n, d, p = c.n("a_off_duty"), c.n("a_off_duty_days"), c.person
    return f"Opened {p.possessive} record {times(n)} while off duty by the roster, on {days(d)}."


def contact_summary(c: SummaryContext) -> str:
    p = c.person
    total, calls = c.n("c_total"), c.n("c_calls")
    text = (
        f"{plural(total, 'contact')} with {p.possessive} number from their work phone outside "
        f"any involvement with {p.objective} ({c.n('c_outbound')} outbound, "
        f"{c.n('c_inbound')} inbound; {plural(calls, 'call')}, "
        f"{plural(total - calls, 'message')}) on {days(c.n('c_days'))} between "
        f"{c.date('c_first')} and {c.date('c_last')}; {c.n('c_late')} between "
        f"{c.late_start_hour:02d}:00 and {c.late_end_hour:02d}:00, "
        f"{c.n('c_off_duty')} while off duty."
    )
    after = c.n("c_after_involvement")
    if after:
        text += f" {after} of them after their own assignment to {p.possessive} case ended."
    return text


def personal_connection_summary(c: SummaryContext) -> str:
    n, d = c.n("a_events"), c.n("a_days")
    relation = c.pair.get("relation")
    if relation == "self":
        whom = "their own record"
    elif relation == "colleague":
        whom = f"the record of a colleague (staff {c.pair.get('colleague_id')})"
    else:
        whom = (
            f"the record of a person living in their home district ({c.pair.get('s_home_area')}),"
            f" where they do not work,"
        )
    return f"Looked up {whom} {times(n)} on {days(d)} with no policing link."


def mismatch_summary(c: SummaryContext) -> str:
    n = c.n("a_mismatch")
    return (
        f"{plural(n, 'access')} to {c.person.possessive} record recorded an occurrence that "
        f"does not involve {c.person.objective} (or does not exist)."
    ).replace("accesss", "accesses")


def _role(c: SummaryContext) -> str:
    return str(c.pair.get("role") or "member of staff").replace("_", " ")


PAIR_SUMMARIES: Mapping[str, Callable[[SummaryContext], str]] = {
    "unexplained_vulnerable_access": unexplained_summary,
    "unexplained_repeat_access": unexplained_summary,
    "return_after_involvement": return_summary,
    "off_duty_access": off_duty_summary,
    "device_contact_outside_involvement": contact_summary,
    "personal_connection_lookup": personal_connection_summary,
    "claimed_occurrence_mismatch": mismatch_summary,
}


def article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def breadth_summary(staff: Mapping[str, Any]) -> str:
    role = str(staff.get("role") or "staff").replace("_", " ")
    people = plural(int(staff["breadth_persons"]), "different vulnerable person")
    return (
        f"Opened the records of {people}"
        f" with no policing link, against a peer median of "
        f"{float(staff['breadth_persons_median']):.1f} for {article(role)} "
        f"in area {staff.get('area')} "
        f"(robust z {float(staff['breadth_persons_z']):.1f})."
    ).replace("vulnerable persons", "vulnerable people")


def accumulation_summary(other_scores: Sequence[float]) -> str:
    scores = ", ".join(f"{s:.1f}" for s in sorted(other_scores, reverse=True))
    people = plural(len(other_scores), "other person").replace("persons", "people")
    label = "score" if len(other_scores) == 1 else "scores"
    return f"Also raised for {people} ({label} {scores})."
