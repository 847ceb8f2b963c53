"""What the indicators measure, per event and per (staff, person) pair.

Per event, a few boolean flags say what is notable about an access or a
contact that no specific path explains. Per pair, the flags are counted (and
their distinct local days, which measure persistence). Each indicator then
weighs these counts, and takes its evidence from the events whose flag it
reads: the numbers in a summary are the evidence ids listed beside it.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from lantern.engine.config import ExplanationConfig, IndicatorConfig
from lantern.engine.explanation.paths import with_duty_status, with_span_reach, within
from lantern.engine.explanation.templates import is_anchored
from lantern.engine.force import ForceTables
from lantern.engine.localtime import LocalClock

PAIR_KEYS: tuple[str, ...] = ("staff_id", "person_id")


def _count(flag: ir.BooleanValue) -> ir.IntegerValue:
    return ibis.ifelse(flag, 1, 0).sum().fill_null(0)


def _days(flag: ir.BooleanValue, day: ir.IntegerValue) -> ir.IntegerValue:
    return ibis.ifelse(flag, day, ibis.null("int64")).nunique()


def access_flags(residual: ir.Table, clock: LocalClock, cfg: IndicatorConfig) -> ir.Table:
    """Residual accesses (no specific path) with their indicator flags and local day.

    ``f_unlinked``: no link at all between the user and the person (a role duty
    with only a typed reason may cover it; ``f_reasoned`` marks those).
    ``f_return``: the user's own involvement with the person has ended. An
    access covered by an anchored role duty (a checked, open occurrence that
    involves the person) carries no flag but ``f_late``.
    """
    r = residual.mutate(f_anchored=is_anchored(residual.path_generic))
    return r.mutate(
        local_day=clock.local_day(r.ts),
        f_late=clock.is_late(r.ts, cfg.late_start_hour, cfg.late_end_hour),
        f_return=r.involvement_ended & ~r.f_anchored,
        f_unlinked=~r.involvement_ended & ~r.f_anchored,
        f_reasoned=~r.involvement_ended & ~r.f_anchored & r.path_generic.notnull(),
        f_off_duty=(r.on_duty == ibis.literal(False)).fill_null(False) & ~r.f_anchored,
        f_mismatch=r.occurrence_id.notnull() & ~r.claim_involves & ~r.f_anchored,
    )


ACCESS_FLAGS: tuple[str, ...] = (
    "f_unlinked", "f_reasoned", "f_return", "f_off_duty", "f_late", "f_mismatch",
)  # fmt: skip


def access_pairs(flagged: ir.Table) -> ir.Table:
    """Counts per (staff, person) of the residual accesses and their flags.

    Counted in two steps, per local day then per pair, so that distinct days
    are plain counts rather than one COUNT(DISTINCT) per flag.
    """
    r = flagged
    ended_at = ibis.ifelse(r.f_return, r.reach_end_assigned, ibis.null("timestamp('UTC')"))
    daily = r.group_by([*PAIR_KEYS, "local_day"]).aggregate(
        n=r.count(),
        ended_at=ended_at.max(),
        first=r.ts.min(),
        last=r.ts.max(),
        **{flag: _count(r[flag]) for flag in ACCESS_FLAGS},
    )
    return daily.group_by(list(PAIR_KEYS)).aggregate(
        a_events=daily.n.sum(),
        a_days=daily.count(),
        a_unlinked=daily.f_unlinked.sum(),
        a_unlinked_days=_count(daily.f_unlinked > 0),
        a_reasoned=daily.f_reasoned.sum(),
        a_return=daily.f_return.sum(),
        a_return_days=_count(daily.f_return > 0),
        a_involvement_ended_at=daily.ended_at.max(),
        a_off_duty=daily.f_off_duty.sum(),
        a_off_duty_days=_count(daily.f_off_duty > 0),
        a_late=daily.f_late.sum(),
        a_mismatch=daily.f_mismatch.sum(),
        a_first=daily.first.min(),
        a_last=daily.last.max(),
    )


def contacts_outside(
    force: ForceTables, ecfg: ExplanationConfig, icfg: IndicatorConfig, clock: LocalClock
) -> ir.Table:
    """Work-device contacts with a person on record, not covered by the user's own assignment.

    A number recorded against several people links the contact to each of
    them. Numbers on a colleague's own record are not members of the public.
    """
    comms, contacts, staff = force.communications, force.person_contacts, force.staff
    numbers = contacts.select(phone=contacts.phone, person_id=contacts.person_id).distinct()
    colleagues = staff.filter(staff.person_id.notnull()).select(colleague_pid=staff.person_id)
    numbers = numbers.anti_join(colleagues, numbers.person_id == colleagues.colleague_pid)
    linked = comms.join(numbers, comms.counterpart == numbers.phone).drop("phone")
    linked = with_span_reach(with_duty_status(linked, force.duties), force, ecfg)
    grace = ecfg.contact_grace_after_release
    # Only the user's own assignment explains contact: a supervisor or a
    # colleague on a linked case has no call to message the person themselves.
    outside = linked.filter(~within(linked.reach_end_assigned, linked.ts, grace))
    return outside.mutate(
        local_day=clock.local_day(outside.ts),
        c_late=clock.is_late(outside.ts, icfg.late_start_hour, icfg.late_end_hour),
        c_off_duty=(outside.on_duty == ibis.literal(False)).fill_null(False),
        c_outbound=outside.direction == "outbound",
        c_inbound=outside.direction == "inbound",
        c_call=outside.channel == "call",
        c_after_involvement=outside.reach_end_assigned.notnull(),
    )


def contact_pairs(outside: ir.Table) -> ir.Table:
    """Counts per (staff, person) of contacts outside any involvement."""
    c = outside
    return c.group_by(list(PAIR_KEYS)).aggregate(
        c_total=c.count(),
        c_outbound=_count(c.c_outbound),
        c_inbound=_count(c.c_inbound),
        c_calls=_count(c.c_call),
        c_late=_count(c.c_late),
        c_off_duty=_count(c.c_off_duty),
        c_days=c.local_day.nunique(),
        c_after_involvement=_count(c.c_after_involvement),
        c_first=c.ts.min(),
        c_last=c.ts.max(),
    )


def person_facts(force: ForceTables, cfg: IndicatorConfig) -> ir.Table:
    """(person_id, vulnerable, p_home_area, p_on_record).

    Vulnerable: a vulnerability marker, or a victim on an occurrence of a
    sensitive category. On record: linked to at least one occurrence.
    """
    p, op, occ = force.persons, force.occurrence_persons, force.occurrences
    markers = list(cfg.vulnerability_markers)
    marked = p.markers.filter(lambda m: m.isin(markers)).length().fill_null(0) > 0
    victims = op.join(occ, op.occurrence_id == occ.occurrence_id)
    victims = victims.filter(
        (victims.role == "victim") & victims.category.isin(list(cfg.vulnerable_victim_categories))
    )
    victim_ids = victims.select(victim_pid=victims.person_id).distinct()
    linked_ids = op.select(linked_pid=op.person_id).distinct()
    joined = p.left_join(victim_ids, p.person_id == victim_ids.victim_pid)
    joined = joined.left_join(linked_ids, joined.person_id == linked_ids.linked_pid)
    return joined.select(
        person_id=joined.person_id,
        vulnerable=marked | joined.victim_pid.notnull(),
        p_home_area=joined.home_area,
        p_on_record=joined.linked_pid.notnull(),
    )


def staff_facts(force: ForceTables) -> ir.Table:
    s = force.staff
    return s.select(
        s_staff_id=s.staff_id,
        role=s.role,
        area=s.area,
        team_id=s.team_id,
        s_home_area=s.home_area,
        s_person_id=s.person_id,
    )


def colleague_records(force: ForceTables) -> ir.Table:
    """(colleague_pid, colleague_id): persons records that belong to members of staff."""
    s = force.staff
    owned = s.filter(s.person_id.notnull())
    return owned.group_by(colleague_pid=owned.person_id).aggregate(
        colleague_id=owned.staff_id.min()
    )
