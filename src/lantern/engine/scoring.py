"""Scoring: peer statistics, accumulation per member of staff, and a category.

Pair alerts are scored by their indicators' weights, plus what accumulates per
member of staff (other people raised for them, and breadth against peers).
Breadth is judged against peers in the same role and area with robust
statistics: the median and the median absolute deviation (MAD), each shrunk
towards the whole role's when the area group is small, so that a group of
three does not set its own normal.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from lantern.engine.config import IndicatorConfig, ScoringConfig
from lantern.engine.force import ForceTables
from lantern.engine.indicators.catalogue import staff_accumulation, unexplained_breadth

MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this is its standard deviation

SEXUAL_MISCONDUCT = "sexual_misconduct"
MISUSING_FORCE_SYSTEMS = "misusing_force_systems"


def breadth_counted(pairs: ir.Table) -> ir.BooleanValue:
    """A vulnerable member of the public opened with no link and not even a typed reason."""
    return pairs.vulnerable & pairs.relation.isnull() & (pairs.a_unlinked > pairs.a_reasoned)


def repeat_counted(pairs: ir.Table) -> ir.BooleanValue:
    """A person without vulnerability opened with no link and no reason, on two days or more."""
    unreasoned = pairs.a_unlinked > pairs.a_reasoned
    return ~pairs.vulnerable & pairs.relation.isnull() & unreasoned & (pairs.a_unlinked_days >= 2)


def breadth_counts(pairs: ir.Table) -> ir.Table:
    """Per member of staff: people opened with no link.

    ``breadth_persons``: vulnerable people. ``repeat_persons``: other people on
    record (in some occurrence), opened on several days; researching people
    in occurrences is some roles' work. ``repeat_off_record_persons``: the
    same for people in no occurrence at all, whom no role's work is about.
    """
    repeat = repeat_counted(pairs)
    return pairs.group_by(b_staff_id=pairs.staff_id).aggregate(
        breadth_persons=ibis.ifelse(breadth_counted(pairs), 1, 0).sum(),
        repeat_persons=ibis.ifelse(repeat & pairs.p_on_record, 1, 0).sum(),
        repeat_off_record_persons=ibis.ifelse(repeat & ~pairs.p_on_record, 1, 0).sum(),
    )


def _level_stats(t: ir.Table, values: list[str], keys: list[str], tag: str) -> ir.Table:
    """Median, MAD and size of each value per ``keys`` group, as ``<value>_<tag>_med`` etc."""
    medians = t.group_by(keys).aggregate(
        **{f"_{tag}_n": t.count()}, **{f"{v}_{tag}_med": t[v].median() for v in values}
    )
    joined = t.join(medians, keys).select(
        *keys, *[(t[v] - medians[f"{v}_{tag}_med"]).abs().name(f"_{v}_dev") for v in values]
    )
    mads = joined.group_by(keys).aggregate(
        **{f"{v}_{tag}_mad": joined[f"_{v}_dev"].median() for v in values}
    )
    return medians.join(mads, keys)


def robust_peer_z(
    t: ir.Table, values: list[str], group: list[str], parent: list[str], cfg: ScoringConfig
) -> ir.Table:
    """Add ``<value>_median``, ``<value>_mad`` (shrunk) and ``<value>_z`` for each value.

    Medians and MADs are taken over the peer group and over its parent group
    (aggregates joined back: cheaper than windows on Spark); the group's are
    shrunk towards the parent's by n / (n + k). The MAD never falls below
    ``mad_floor``.
    """
    t = t.mutate(**{v: t[v].cast("float64") for v in values})
    t = t.join(_level_stats(t, values, group, "g"), group)
    t = t.join(_level_stats(t.select(*t.columns), values, parent, "p"), parent)
    n = t._g_n.cast("float64")
    weight_g = n / (n + ibis.literal(cfg.shrinkage_k)).nullif(0)
    helpers = ["_g_n", "_p_n"]
    for v in values:
        median = weight_g * t[f"{v}_g_med"] + (1 - weight_g) * t[f"{v}_p_med"]
        mad = weight_g * t[f"{v}_g_mad"] + (1 - weight_g) * t[f"{v}_p_mad"]
        t = t.mutate(**{f"{v}_median": median, f"{v}_mad": ibis.greatest(mad, cfg.mad_floor)})
        z = (t[v] - t[f"{v}_median"]) / (MAD_TO_SIGMA * t[f"{v}_mad"]).nullif(0)
        t = t.mutate(**{f"{v}_z": z.fill_null(0.0)})
        helpers += [f"{v}_{tag}_{stat}" for tag in ("g", "p") for stat in ("med", "mad")]
    return t.drop(*helpers)


def staff_scored(
    pairs: ir.Table, force: ForceTables, icfg: IndicatorConfig, scfg: ScoringConfig
) -> ir.Table:
    """Every member of staff with breadth against peers and its weight."""
    s = force.staff
    counts = breadth_counts(pairs)
    staff = s.select(staff_id=s.staff_id, role=s.role, area=s.area)
    staff = staff.left_join(counts, staff.staff_id == counts.b_staff_id).drop("b_staff_id")
    metrics = ("breadth_persons", "repeat_persons", "repeat_off_record_persons")
    staff = staff.mutate(**{m: staff[m].fill_null(0) for m in metrics})
    staff = robust_peer_z(staff, list(metrics), ["role", "area"], ["role"], scfg)
    staff = staff.mutate(
        breadth_alerting=(staff.breadth_persons_z >= scfg.min_breadth_z)
        & (staff.breadth_persons > 0)
    )
    weight = unexplained_breadth.weight(staff, icfg)  # type: ignore[misc]
    return staff.mutate(w_unexplained_breadth=weight.cast("float64"))


def pairs_alerting(
    pairs: ir.Table, staff: ir.Table, icfg: IndicatorConfig, scfg: ScoringConfig
) -> ir.Table:
    """Pairs that alert, with accumulation, final score and category.

    A pair alerts on its own score, or, when the same member of staff already
    has a pair alert, on a lower score of its own (``lifted_pair_share`` of the
    threshold) plus what accumulates from the others: a second person pursued
    by someone already raised is worth a reviewer's look at a lower bar.
    """
    floor = scfg.min_pair_score * scfg.lifted_pair_share
    c = pairs.filter(pairs.pair_score >= floor)
    strong = ((c.pair_score >= scfg.min_pair_score) & (c.pair_families >= 2)) | (
        c.pair_score >= scfg.min_pair_score * scfg.single_family_factor
    )
    per_staff = ibis.window(group_by=c.staff_id)
    c = c.mutate(
        _strong_score=ibis.ifelse(strong, c.pair_score, 0.0),
        _strong_sexual=ibis.ifelse(strong & personal_interest(c), 1, 0),
    )
    others = c._strong_score.sum().over(per_staff) - c._strong_score
    accumulation = ibis.least(
        ibis.literal(scfg.accumulation_cap), ibis.literal(scfg.accumulation_share) * others
    )
    c = c.mutate(
        accumulation=accumulation,
        staff_sexual_pattern=c._strong_sexual.max().over(per_staff) > 0,
        _strong=strong,
    )
    lifted = (c.pair_score + c.accumulation >= scfg.min_pair_score) & (c.accumulation > 0)
    alerting = c.filter(c._strong | lifted).drop("_strong_score", "_strong_sexual", "_strong")
    alerting = alerting.mutate(
        staff_alerts=alerting.count().over(ibis.window(group_by=alerting.staff_id))
    )
    alerting = alerting.mutate(w_staff_accumulation=staff_accumulation.weight(alerting, icfg))  # type: ignore[misc]
    breadth = staff.select(
        b_staff_id=staff.staff_id,
        w_unexplained_breadth=staff.w_unexplained_breadth,
        breadth_persons=staff.breadth_persons,
        breadth_persons_median=staff.breadth_persons_median,
        breadth_persons_z=staff.breadth_persons_z,
    )
    joined = alerting.left_join(breadth, alerting.staff_id == breadth.b_staff_id).drop("b_staff_id")
    joined = joined.mutate(w_unexplained_breadth=joined.w_unexplained_breadth.fill_null(0.0))
    score = joined.pair_score + joined.w_staff_accumulation + joined.w_unexplained_breadth
    return joined.mutate(score=score, category=pair_category(joined))


def pair_alert_levels(pairs: ir.Table, scfg: ScoringConfig, limit: int) -> ir.Table:
    """The highest ``limit`` pairs by the threshold at which each would alert on its own.

    A pair alerts on its own when its score reaches ``min_pair_score`` with two
    families of indicators, or ``single_family_factor`` times it with one; so
    the threshold at which it would alert is its score, or its score divided by
    that factor. Pairs below today's threshold are included: the head of the
    unit's what-if ("at threshold T, about N alerts a week") reads this list.
    Lifting by accumulation is left out, so the list slightly undercounts.
    """
    level = ibis.ifelse(
        pairs.pair_families >= 2,
        pairs.pair_score,
        pairs.pair_score / ibis.literal(scfg.single_family_factor),
    )
    levelled = pairs.select(level=level.cast("float64"))
    levelled = levelled.filter(levelled.level > 0)
    return levelled.order_by(ibis.desc("level")).limit(limit)


def personal_interest(p: ir.Table) -> ir.BooleanValue:
    """A member of the public the user contacted from work outside any involvement,
    or a vulnerable one the user came back to after their own part ended."""
    contacted = p.c_outbound > 0
    returned = p.vulnerable & (p.a_return > 0)
    return p.relation.isnull() & (contacted | returned)


def pair_category(p: ir.Table) -> ir.StringValue:
    """``sexual_misconduct`` when the pattern shows a personal interest in a vulnerable person.

    Personal interest: initiating contact from a work device with a member of
    the public outside any involvement, or coming back to a vulnerable person
    after one's own part ended; or unexplained access to a vulnerable person
    by someone whose other alerts show that interest. Looking up oneself, a
    colleague or a neighbour, or unexplained look-ups without those signs, is
    ``misusing_force_systems``.
    """
    pattern = p.vulnerable & p.relation.isnull() & p.staff_sexual_pattern
    sexual = personal_interest(p) | pattern
    return ibis.ifelse(sexual, SEXUAL_MISCONDUCT, MISUSING_FORCE_SYSTEMS)


def staff_alerting(staff: ir.Table, pair_alerts: ir.Table, scfg: ScoringConfig) -> ir.Table:
    """Members of staff alerting on breadth alone (no pair alert carries it for them)."""
    raised = pair_alerts.select(r_staff_id=pair_alerts.staff_id).distinct()
    strong = staff.breadth_alerting & (staff.breadth_persons_z >= scfg.min_breadth_z_alone)
    alone = staff.filter(strong).anti_join(raised, staff.staff_id == raised.r_staff_id)
    return alone.mutate(
        score=alone.w_unexplained_breadth, category=ibis.literal(MISUSING_FORCE_SYSTEMS)
    )
