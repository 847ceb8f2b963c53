"""Explaining each access and each contact by a specific path in the force's data.

A specific path ties this member of staff to this person at this time:

- ``assigned``: assigned to an occurrence involving the person, around that time;
- ``own_occurrence``: the occurrence the user claims to be working in involves
  the person and was assigned to the user (a claim is checked, never trusted);
- ``supervision``: supervising a team member assigned to the person's occurrence;
- ``linked_person``: the person shares an occurrence with a person in the
  user's own current work.

Supervision and linked people are second-hand paths: they explain an access
made on duty only. Role duties (templates mined from the data) are the
weaker, generic paths; see ``templates``. An access with no person is
``no_person`` and is not scored.
"""

from __future__ import annotations

from datetime import timedelta

import ibis
import ibis.expr.types as ir

from lantern.engine.config import ExplanationConfig
from lantern.engine.explanation.spans import SPAN_PATHS, involvement_spans, spans_assigned
from lantern.engine.explanation.windows import (
    interleaved,
    merged_intervals,
    padded,
    running_reach,
)
from lantern.engine.force import ForceTables

SPECIFIC_PATHS: tuple[str, ...] = ("assigned", "own_occurrence", "supervision", "linked_person")
# Second-hand paths: reviewing a team member's case or a linked person is
# work done on duty; they do not explain the same access made off duty.
ON_DUTY_PATHS: tuple[str, ...] = ("supervision", "linked_person")
NO_PERSON = "no_person"


def _epoch_day(ts: ir.TimestampValue) -> ir.IntegerValue:
    return (ts.epoch_seconds().cast("int64") // 86_400).cast("int64")


def duty_days(duties: ir.Table) -> ir.Table:
    """(d_staff_id, duty_day, duty_start, duty_end): merged duty periods, a row per UTC day."""
    islands = merged_intervals(duties, ["staff_id"], "start_at", "end_at")
    days = ibis.range(_epoch_day(islands.island_start), _epoch_day(islands.island_end) + 1)
    return islands.select(
        d_staff_id=islands.staff_id,
        duty_day=days.unnest(),
        duty_start=islands.island_start,
        duty_end=islands.island_end,
    )


def with_duty_status(rows: ir.Table, duties: ir.Table) -> ir.Table:
    """``rows`` (staff_id, ts, ...) with ``on_duty``: null when the staff has no roster at all.

    Duty periods are merged per member of staff (so they are disjoint) and
    spread over the days they touch; each row then meets at most one period
    in an equality join on (staff, day), checked against the period's bounds.
    """
    days = duty_days(duties)
    r = rows.mutate(_day=_epoch_day(rows.ts))
    joined = r.left_join(
        days,
        (r.staff_id == days.d_staff_id)
        & (r._day == days.duty_day)
        & (days.duty_start <= r.ts)
        & (r.ts <= days.duty_end),
    )
    rostered = duties.select(rostered_id=duties.staff_id).distinct()
    joined = joined.left_join(rostered, joined.staff_id == rostered.rostered_id)
    on_duty = ibis.ifelse(
        joined.rostered_id.isnull(), ibis.null("boolean"), joined.duty_day.notnull()
    )
    return joined.mutate(on_duty=on_duty).drop(
        "_day", "d_staff_id", "duty_day", "duty_start", "duty_end", "rostered_id"
    )


def with_span_reach(rows: ir.Table, force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """``rows`` (staff_id, person_id, ts, ...) with ``reach_<path>`` per span path.

    ``reach_end_assigned`` is the latest raw end of the staff member's own
    assignments involving the person that started (less the lead) at or before
    the row's time; null when there was none.
    """
    spans = involvement_spans(force, cfg)
    ends = {
        f"end_{path}": ibis.ifelse(spans.path == path, spans.end_at, ibis.null("timestamp('UTC')"))
        for path in SPAN_PATHS
    }
    intervals = spans.select(
        staff_id=spans.staff_id, person_id=spans.person_id, ts=spans.start_at, **ends
    )
    end_columns = [f"end_{path}" for path in SPAN_PATHS]
    # Rows of a pair with no span at all (a stop check, research) need no window.
    keys = intervals.select(k_staff=intervals.staff_id, k_person=intervals.person_id).distinct()
    on_keys = (rows.staff_id == keys.k_staff) & (rows.person_id == keys.k_person)
    near, far = rows.semi_join(keys, on_keys), rows.anti_join(keys, on_keys)
    reached = running_reach(interleaved(near, intervals), ["staff_id", "person_id"], end_columns)
    far = far.mutate(**{f"reach_{c}": ibis.null("timestamp('UTC')") for c in end_columns})
    return ibis.union(reached, padded(far, reached), distinct=False)


def within(reach: ir.TimestampValue, ts: ir.TimestampValue, grace: timedelta) -> ir.BooleanValue:
    """True when a span reaching ``reach`` (plus ``grace``) covers ``ts``; False when no span."""
    seconds = int(grace.total_seconds())
    return ((reach + ibis.interval(seconds=seconds)) >= ts).fill_null(False)


def with_claim_checks(events: ir.Table, force: ForceTables) -> ir.Table:
    """Check each claimed occurrence: does it exist, involve the person, belong to the user?"""
    op = force.occurrence_persons
    involves = op.select(c_occ=op.occurrence_id, c_person=op.person_id).distinct()
    a = force.assignments
    own = a.select(o_occ=a.occurrence_id, o_staff=a.staff_id).distinct()
    occ = force.occurrences
    claimed = occ.select(
        k_occ=occ.occurrence_id,
        claim_category=occ.category,
        claim_reported_at=occ.reported_at,
        claim_closed_at=occ.closed_at,
    )
    # Only accesses that record an occurrence go through the joins.
    claiming = events.filter(events.occurrence_id.notnull())
    e = claiming.left_join(
        involves,
        (claiming.occurrence_id == involves.c_occ) & (claiming.person_id == involves.c_person),
    )
    e = e.left_join(own, (e.occurrence_id == own.o_occ) & (e.staff_id == own.o_staff))
    e = e.left_join(claimed, e.occurrence_id == claimed.k_occ)
    e = e.mutate(
        claim_exists=e.k_occ.notnull(),
        claim_involves=e.c_occ.notnull(),
        claim_own=e.o_occ.notnull(),
    ).drop("c_occ", "c_person", "o_occ", "o_staff", "k_occ")
    silent = events.filter(events.occurrence_id.isnull()).mutate(
        claim_category=ibis.null("string"),
        claim_reported_at=ibis.null("timestamp('UTC')"),
        claim_closed_at=ibis.null("timestamp('UTC')"),
        claim_exists=ibis.literal(False),
        claim_involves=ibis.literal(False),
        claim_own=ibis.literal(False),
    )
    return ibis.union(e, padded(silent, e), distinct=False)


def specific_path(t: ir.Table, cfg: ExplanationConfig, grace: timedelta) -> ir.StringValue:
    """The first specific path that explains the row, or null."""
    return ibis.cases(
        (t.person_id.isnull(), ibis.literal(NO_PERSON)),
        (within(t.reach_end_assigned, t.ts, grace), ibis.literal("assigned")),
        (t.claim_own & t.claim_involves, ibis.literal("own_occurrence")),
        (within(t.reach_end_supervision, t.ts, grace), ibis.literal("supervision")),
        (within(t.reach_end_linked_person, t.ts, grace), ibis.literal("linked_person")),
        else_=ibis.null("string"),
    )


def involvement_ended(t: ir.Table, grace: timedelta) -> ir.BooleanValue:
    """The staff member had their own assignment involving the person, and it is over."""
    return t.reach_end_assigned.notnull() & ~within(t.reach_end_assigned, t.ts, grace)


def assigned_islands(force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """Disjoint periods per (staff, person) covered by ``assigned``, lead and grace included.

    Overlapping assignment spans are merged (gaps and islands): a span opens a
    new island when it starts after every earlier span of the pair has ended.
    """
    grace = ibis.interval(seconds=int(cfg.grace_after_release.total_seconds()))
    s = spans_assigned(force, cfg)
    s = s.select(
        staff_id=s.staff_id, person_id=s.person_id, start_at=s.start_at, end_at=s.end_at + grace
    )
    return merged_intervals(s, ["staff_id", "person_id"], "start_at", "end_at")


def pairs_spread(events: ir.Table) -> ir.Table:
    """(staff_id, person_id, events, first_ts, last_ts) for every pair; person null included."""
    return events.group_by(["staff_id", "person_id"]).aggregate(
        events=events.count(), first_ts=events.ts.min(), last_ts=events.ts.max()
    )


def pairs_settled(spread: ir.Table, force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """(staff_id, person_id, events): pairs whose every access lies inside one assigned island.

    These accesses are all explained by ``assigned`` (the first path tried), so
    they need no event-by-event work: in a force most accesses are of this kind.
    """
    spread = spread.filter(spread.person_id.notnull())
    i = assigned_islands(force, cfg)
    joined = spread.join(
        i,
        (spread.staff_id == i.staff_id)
        & (spread.person_id == i.person_id)
        & (i.island_start <= spread.first_ts)
        & (spread.last_ts <= i.island_end),
    )
    return joined.select(staff_id=spread.staff_id, person_id=spread.person_id, events=spread.events)


def events_unsettled(events: ir.Table, settled: ir.Table) -> ir.Table:
    """Accesses about a person that still need explaining one by one."""
    e = events.filter(events.person_id.notnull())
    k = settled.select(k_staff=settled.staff_id, k_person=settled.person_id)
    return e.anti_join(k, (e.staff_id == k.k_staff) & (e.person_id == k.k_person))


def events_examined(classified: ir.Table, duties: ir.Table) -> ir.Table:
    """Accesses left to examine: no specific path, or a second-hand one, with duty status.

    A second-hand path (``ON_DUTY_PATHS``) that covers an access made off duty
    is withdrawn: the access joins those no specific path explains.
    """
    unsure = classified.path_specific.isnull() | classified.path_specific.isin(ON_DUTY_PATHS)
    examined = with_duty_status(classified.filter(unsure), duties)
    off_duty = (examined.on_duty == ibis.literal(False)).fill_null(False)
    return examined.mutate(
        path_specific=ibis.ifelse(off_duty, ibis.null("string"), examined.path_specific)
    )


def events_explained(events: ir.Table, force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """Accesses with their claim checks, span reach and specific path (null: none)."""
    events = with_claim_checks(events, force)
    events = with_span_reach(events, force, cfg)
    grace = cfg.grace_after_release
    return events.mutate(
        path_specific=specific_path(events, cfg, grace),
        involvement_ended=involvement_ended(events, grace),
    )
