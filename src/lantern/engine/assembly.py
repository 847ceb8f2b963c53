"""Assembling alerts: scored rows plus their evidence become contract records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lantern.engine.alerts import Alert, IndicatorHit, alert_id_for
from lantern.engine.config import IndicatorConfig
from lantern.engine.evidence import EvidenceRows, first_per_person
from lantern.engine.indicators.catalogue import PAIR_INDICATORS, Indicator
from lantern.engine.localtime import LocalClock
from lantern.engine.summaries import (
    PAIR_SUMMARIES,
    SummaryContext,
    accumulation_summary,
    breadth_summary,
    person_words,
)

# Evidence listed for the accumulation indicator: the first few of each other alert.
ACCUMULATION_EVIDENCE_PER_ALERT = 3


@dataclass(frozen=True)
class AssemblyInputs:
    """Everything assembly reads; all of it already fetched from the backend."""

    pair_rows: Sequence[Mapping[str, Any]]
    staff_rows: Sequence[Mapping[str, Any]]
    evidence: EvidenceRows
    persons: Mapping[str, Mapping[str, Any]]
    clock: LocalClock
    config: IndicatorConfig


def alerts_assemble(inputs: AssemblyInputs) -> list[Alert]:
    """Pair alerts and breadth-only staff alerts, each with its indicators and evidence."""
    pair_hits = {(r["staff_id"], r["person_id"]): _pair_hits(r, inputs) for r in inputs.pair_rows}
    alerts = [_pair_alert(row, pair_hits, inputs) for row in inputs.pair_rows]
    alerts += [_staff_alert(row, inputs) for row in inputs.staff_rows]
    return [a for a in alerts if a is not None]


def _pair_hits(row: Mapping[str, Any], inputs: AssemblyInputs) -> list[IndicatorHit]:
    key = (row["staff_id"], row["person_id"])
    details = inputs.persons.get(row["person_id"], {})
    words = person_words(details.get("sex"), details.get("markers"), details.get("roles", ()))
    context = SummaryContext(
        row, words, inputs.clock, inputs.config.late_start_hour, inputs.config.late_end_hour
    )
    hits = []
    for ind in PAIR_INDICATORS:
        weight = float(row.get(f"w_{ind.code}") or 0.0)
        if weight <= 0:
            continue
        evidence = _evidence_ids(ind, inputs.evidence, key)
        if evidence:
            hits.append(IndicatorHit(ind.code, PAIR_SUMMARIES[ind.code](context), weight, evidence))
    return hits


def _evidence_ids(ind: Indicator, evidence: EvidenceRows, key: tuple[str, str]) -> tuple[str, ...]:
    if ind.source == "contact":
        return tuple(r["comm_id"] for r in evidence.contact.get(key, ()))
    rows = evidence.access.get(key, ())
    if ind.evidence_flag is not None:
        rows = [r for r in rows if r.get(ind.evidence_flag)]
    return tuple(r["event_id"] for r in rows)


def _pair_alert(
    row: Mapping[str, Any],
    pair_hits: Mapping[tuple[str, str], list[IndicatorHit]],
    inputs: AssemblyInputs,
) -> Alert | None:
    staff_id, person_id = row["staff_id"], row["person_id"]
    hits = list(pair_hits[(staff_id, person_id)])
    if not hits:
        return None
    hits += _accumulation_hit(row, pair_hits)
    breadth = _breadth_hit(row, inputs) if float(row.get("w_unexplained_breadth") or 0) > 0 else []
    hits += breadth
    score = sum(h.weight for h in hits)
    return _alert(staff_id, person_id, score, str(row["category"]), hits, inputs)


def _accumulation_hit(
    row: Mapping[str, Any], pair_hits: Mapping[tuple[str, str], list[IndicatorHit]]
) -> list[IndicatorHit]:
    weight = float(row.get("w_staff_accumulation") or 0.0)
    if weight <= 0:
        return []
    others = defaultdict(list)
    for (staff_id, person_id), hits in pair_hits.items():
        if staff_id == row["staff_id"] and person_id != row["person_id"] and hits:
            others[person_id] = hits
    if not others:
        return []
    scores = [sum(h.weight for h in hits) for hits in others.values()]
    evidence = tuple(
        eid
        for person in sorted(others)
        for eid in others[person][0].evidence[:ACCUMULATION_EVIDENCE_PER_ALERT]
    )
    return [IndicatorHit("staff_accumulation", accumulation_summary(scores), weight, evidence)]


def _breadth_hit(row: Mapping[str, Any], inputs: AssemblyInputs) -> list[IndicatorHit]:
    rows = first_per_person(inputs.evidence.breadth.get(row["staff_id"], ()))
    if not rows:
        return []
    evidence = tuple(str(r["event_id"]) for r in rows)
    weight = float(row["w_unexplained_breadth"])
    return [IndicatorHit("unexplained_breadth", breadth_summary(row), weight, evidence)]


def _staff_alert(row: Mapping[str, Any], inputs: AssemblyInputs) -> Alert | None:
    hits = _breadth_hit(row, inputs)
    if not hits:
        return None
    return _alert(row["staff_id"], None, hits[0].weight, str(row["category"]), hits, inputs)


def _alert(
    staff_id: str,
    person_id: str | None,
    score: float,
    category: str,
    hits: list[IndicatorHit],
    inputs: AssemblyInputs,
) -> Alert:
    seen = _evidence_times(staff_id, person_id, hits, inputs.evidence)
    return Alert(
        alert_id=alert_id_for(staff_id, person_id),
        staff_id=staff_id,
        person_id=person_id,
        score=score,
        category=category,
        indicators=tuple(hits),
        first_seen=min(seen),
        last_seen=max(seen),
    )


def _evidence_times(
    staff_id: str, person_id: str | None, hits: list[IndicatorHit], evidence: EvidenceRows
) -> list[datetime]:
    """Times of this alert's own evidence (not of other alerts cited for accumulation)."""
    own = {eid for h in hits if h.code != "staff_accumulation" for eid in h.evidence}
    rows = [
        *evidence.access.get((staff_id, person_id), ()),
        *evidence.contact.get((staff_id, person_id), ()),
        *evidence.breadth.get(staff_id, ()),
    ]
    times = [r["ts"] for r in rows if (r.get("event_id") or r.get("comm_id")) in own]
    return times
