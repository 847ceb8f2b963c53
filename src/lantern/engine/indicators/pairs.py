"""The pair table: one row per (staff, person) with anything left to explain.

It joins the access and contact counts, the person's vulnerability, the
member of staff's role and area, and how the person relates to the member of
staff (``self``, ``colleague``, ``neighbour`` or null).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from lantern.engine.config import IndicatorConfig
from lantern.engine.force import ForceTables
from lantern.engine.indicators.catalogue import PAIR_INDICATORS
from lantern.engine.indicators.features import colleague_records, person_facts, staff_facts

COUNT_COLUMNS: tuple[str, ...] = (
    "a_events",
    "a_days",
    "a_unlinked",
    "a_unlinked_days",
    "a_reasoned",
    "a_return",
    "a_return_days",
    "a_off_duty",
    "a_off_duty_days",
    "a_late",
    "a_mismatch",
    "c_total",
    "c_outbound",
    "c_inbound",
    "c_calls",
    "c_late",
    "c_off_duty",
    "c_days",
    "c_after_involvement",
)


def pairs_joined(access: ir.Table, contact: ir.Table) -> ir.Table:
    """Access and contact counts side by side (a pair may have either or both)."""
    joined = access.outer_join(
        contact, (access.staff_id == contact.staff_id) & (access.person_id == contact.person_id)
    )
    keys = {
        "staff_id": joined.staff_id.fill_null(joined.staff_id_right),
        "person_id": joined.person_id.fill_null(joined.person_id_right),
    }
    joined = joined.mutate(**keys).drop("staff_id_right", "person_id_right")
    return joined.mutate(**{c: joined[c].fill_null(0) for c in COUNT_COLUMNS})


def pairs_described(pairs: ir.Table, force: ForceTables, cfg: IndicatorConfig) -> ir.Table:
    """Pairs with person facts, staff facts and the relation between them."""
    persons = person_facts(force, cfg)
    staff = staff_facts(force)
    colleagues = colleague_records(force)
    p = pairs.left_join(persons, pairs.person_id == persons.person_id).drop("person_id_right")
    p = p.left_join(staff, p.staff_id == staff.s_staff_id).drop("s_staff_id")
    p = p.left_join(colleagues, p.person_id == colleagues.colleague_pid).drop("colleague_pid")
    relation = ibis.cases(
        (p.person_id == p.s_person_id, ibis.literal("self")),
        (p.colleague_id.notnull(), ibis.literal("colleague")),
        (
            p.s_home_area.notnull() & (p.p_home_area == p.s_home_area) & (p.s_home_area != p.area),
            ibis.literal("neighbour"),
        ),
        else_=ibis.null("string"),
    )
    return p.mutate(
        vulnerable=p.vulnerable.fill_null(False),
        p_on_record=p.p_on_record.fill_null(False),
        relation=relation,
    )


def pairs_with_peers(pairs: ir.Table, staff: ir.Table) -> ir.Table:
    """Pairs with their member of staff's peer median of unlinked vulnerable people."""
    peers = staff.select(
        peer_staff_id=staff.staff_id,
        peer_unlinked_median=staff.breadth_persons_median,
        peer_repeat_on_record=staff.repeat_persons_median,
        peer_repeat_off_record=staff.repeat_off_record_persons_median,
    )
    joined = pairs.left_join(peers, pairs.staff_id == peers.peer_staff_id)
    repeat = ibis.ifelse(
        joined.p_on_record, joined.peer_repeat_on_record, joined.peer_repeat_off_record
    )
    return joined.mutate(peer_repeat_median=repeat).drop(
        "peer_staff_id", "peer_repeat_on_record", "peer_repeat_off_record"
    )


def pairs_weighted(pairs: ir.Table, cfg: IndicatorConfig) -> ir.Table:
    """Each pair indicator's weight as ``w_<code>``, and their sum as ``pair_score``."""
    weights = {
        f"w_{i.code}": i.weight(pairs, cfg).cast("float64")  # type: ignore[misc]
        for i in PAIR_INDICATORS
    }
    weighted = pairs.mutate(**weights)
    total = sum((weighted[name] for name in weights), ibis.literal(0.0))
    return weighted.mutate(pair_score=total, pair_families=families_present(weighted))


def families_present(t: ir.Table) -> ir.IntegerValue:
    """How many indicator families carry weight on the pair (corroboration)."""
    flags = []
    for family in sorted({i.family for i in PAIR_INDICATORS}):
        members = [i for i in PAIR_INDICATORS if i.family == family]
        weight = sum((t[f"w_{i.code}"] for i in members), ibis.literal(0.0))
        flags.append(ibis.ifelse(weight > 0, max(i.corroborates for i in members), 0))
    return sum(flags[1:], flags[0])
