"""The indicators. Codes are permanent; change a rule, bump its version.

Every weight is an Ibis expression over the pair table (or, for the two
staff-level indicators, the staff table), so it runs unchanged on every
backend. Volumes enter through logarithms: the tenth visit adds less than the
second, and persistence (distinct days) counts as much as volume.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from lantern.engine.config import IndicatorConfig
from lantern.engine.indicators.base import Indicator, indicator


def volume(n: ir.NumericValue, days: ir.NumericValue) -> ir.FloatingValue:
    """log2(1+n) + log2(1+days) - 1: 1 for one event on one day, ~4.6 for 7 on 5 days."""
    score = (1 + n.cast("float64")).log2() + (1 + days.cast("float64")).log2() - 1
    return ibis.ifelse(n > 0, score, 0.0)


def log_count(n: ir.NumericValue) -> ir.FloatingValue:
    return (1 + n.cast("float64")).log2()


def vulnerable_factor(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    return ibis.ifelse(p.vulnerable, cfg.vulnerable_factor, 1.0)


def unlinked_volume(p: ir.Table) -> ir.FloatingValue:
    """Unlinked accesses, those with only a typed reason counting half."""
    return p.a_unlinked.cast("float64") - 0.5 * p.a_reasoned.cast("float64")


def peer_damping(median: ir.NumericValue) -> ir.FloatingValue:
    """1 / (1 + log2(1 + m)), m the peers' median count of people opened the same way.

    Where the role and area routinely open people's records with no link
    (analysts' research, public-protection reviews), one more such record says
    less than it does for a role that never does.
    """
    m = ibis.greatest(median.fill_null(0.0).cast("float64"), 0.0)
    return 1.0 / (1.0 + (1.0 + m).log2())


def no_relation(p: ir.Table) -> ir.BooleanValue:
    return p.relation.isnull()


@indicator(
    code="unexplained_vulnerable_access",
    version=1,
    family="unlinked_access",
    title="Unexplained access to a vulnerable person",
    source="access",
    evidence_flag="f_unlinked",
)
def unexplained_vulnerable_access(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Accesses to a person with a vulnerability marker (or a victim of domestic
    abuse, a sexual offence, stalking, a missing or mental-health occurrence)
    that no path in the force's data explains: the user was never assigned to
    one of the person's occurrences, supervises no one who was, claims no
    occurrence that involves them, and no mined duty of their role covers it.
    Abuse of position starts with looking a vulnerable person up for no
    policing purpose (IOPC learning; 39% of cases involve domestic abuse victims).
    A check with only a typed reason (a PNC stop check, a role duty) counts
    half: it explains a one-off check, not coming back on several days. The
    weight is damped where role peers routinely do the same (``peer_damping``).
    """
    fires = p.vulnerable & no_relation(p) & (p.a_unlinked > 0)
    volume_ = volume(unlinked_volume(p), p.a_unlinked_days)
    weight = cfg.unexplained_vulnerable * volume_ * peer_damping(p.peer_unlinked_median)
    return ibis.ifelse(fires, weight, 0.0)


@indicator(
    code="unexplained_repeat_access",
    version=1,
    family="unlinked_access",
    title="Repeated unexplained access to a person",
    source="access",
    evidence_flag="f_unlinked",
)
def unexplained_repeat_access(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Accesses on two or more days to a person without vulnerability markers
    that no path explains. A single unexplained look-up is common and mostly
    innocent; coming back to the same record on several days with no policing
    link is how looking up an ex-partner's family or a celebrity shows.
    Damped like unexplained vulnerable access where role peers do the same.
    """
    fires = ~p.vulnerable & no_relation(p) & (p.a_unlinked_days >= 2)
    volume_ = volume(unlinked_volume(p), p.a_unlinked_days)
    weight = cfg.unexplained_repeat * volume_ * peer_damping(p.peer_repeat_median)
    return ibis.ifelse(fires, weight, 0.0)


@indicator(
    code="return_after_involvement",
    version=1,
    family="return",
    title="Came back to a person after their own part in the case ended",
    source="access",
    evidence_flag="f_return",
)
def return_after_involvement(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Accesses to a person the user dealt with on an assignment, made after
    that assignment ended (plus a grace period for follow-up work) and not
    explained by any other specific path. First contact through a policing
    event, then repeated look-ups after the officer's part ended, is the most
    common course of abuse of position (IOPC learning). A role duty with only
    a typed reason does not excuse it (the user's own history with the person
    is the stronger fact); reviewing a new, open occurrence that involves the
    person, where that is a measured duty of the role, does.
    """
    weight = cfg.return_after_involvement * volume(p.a_return, p.a_return_days)
    return weight * vulnerable_factor(p, cfg)


@indicator(
    code="off_duty_access",
    version=1,
    family="off_duty",
    title="Accessed a person's record while off duty",
    source="access",
    evidence_flag="f_off_duty",
)
def off_duty_access(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Accesses not explained by a specific path, made while the roster shows
    the user off duty. No role duty is done off duty; staff with no roster at
    all are never counted as off duty.
    """
    weight = cfg.off_duty_access * volume(p.a_off_duty, p.a_off_duty_days)
    return weight * vulnerable_factor(p, cfg)


@indicator(
    code="device_contact_outside_involvement",
    version=1,
    family="contact",
    title="Work-device contact with a person outside any involvement",
    source="contact",
    evidence_flag=None,
)
def device_contact_outside_involvement(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Calls and messages between the user's work device and a number recorded
    against a person, when the user had no current assignment (nor supervision
    or linked case) involving that person. It is the user who initiates that
    matters: outbound contact counts in full, inbound a quarter, and contact
    that is only ever inbound (a victim ringing back) weighs a third as much.
    Late hours, off-duty contact, contact on many days and two-way
    conversation each add weight. Work-phone audits are one of the routes by
    which abuse of position has been found (one case: 17 calls and 43 texts in
    10 weeks).
    """
    directed = p.c_outbound + 0.25 * p.c_inbound
    two_way = ibis.ifelse((p.c_outbound > 0) & (p.c_inbound > 0), cfg.contact_two_way, 0.0)
    weight = (
        cfg.contact_volume * volume(directed, p.c_days)
        + cfg.contact_late * log_count(p.c_late)
        + cfg.contact_off_duty * log_count(p.c_off_duty)
        + two_way
    )
    initiated = ibis.ifelse(p.c_outbound > 0, 1.0, cfg.inbound_only_factor)
    return ibis.ifelse(p.c_total > 0, weight * initiated * vulnerable_factor(p, cfg), 0.0)


@indicator(
    code="personal_connection_lookup",
    version=1,
    family="personal_connection",
    title="Looked up oneself, a colleague or a neighbour",
    source="access",
    evidence_flag=None,
    corroborates=2,
)
def personal_connection_lookup(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Accesses with no specific path to the user's own record, a colleague's
    record (a person record matched to a member of staff), or a person living
    in the user's home district when the user works elsewhere. Personal
    look-ups are the commonest misuse of force systems that is not sexual.
    A check with a typed reason counts half (a stop check can meet anyone once).
    """
    weight = cfg.personal_connection * volume(p.a_events - 0.5 * p.a_reasoned, p.a_days)
    return ibis.ifelse(p.relation.notnull() & (p.a_events > 0), weight, 0.0)


@indicator(
    code="claimed_occurrence_mismatch",
    version=1,
    family="claim",
    title="Claimed an occurrence that does not involve the person",
    source="access",
    evidence_flag="f_mismatch",
)
def claimed_occurrence_mismatch(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Accesses whose recorded occurrence does not involve the person opened
    (or does not exist), with no other path to explain them. A claimed
    context is checked, never trusted: a false one looks like cover.
    """
    return ibis.ifelse(p.a_mismatch > 0, cfg.claimed_mismatch * log_count(p.a_mismatch), 0.0)


@indicator(
    code="unexplained_breadth",
    version=1,
    family="breadth",
    title="Many unexplained vulnerable people compared with role peers",
    source="staff",
    evidence_flag="f_unlinked",
    scope="staff",
)
def unexplained_breadth(s: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """The number of different vulnerable people a member of staff accessed
    with no explanation, compared with peers in the same role and area by a
    robust z-score (median and MAD, shrunk towards the whole role when the
    group is small). A public-protection officer who reviews many domestic
    abuse cases is compared with other public-protection officers, so doing
    the job is not an outlier; trawling records is.
    """
    return ibis.ifelse(s.breadth_alerting, cfg.breadth * (1 + s.breadth_persons_z.log2()), 0.0)


@indicator(
    code="staff_accumulation",
    version=1,
    family="accumulation",
    title="Other people raised for the same member of staff",
    source="staff",
    evidence_flag=None,
    scope="staff",
)
def staff_accumulation(p: ir.Table, cfg: IndicatorConfig) -> ir.FloatingValue:
    """Risk accumulates per member of staff: each pair alert gains a share of
    the scores of the same member of staff's other pair alerts (capped), so
    someone pursuing several people ranks above someone with one. Its
    evidence is the other alerts' first events.
    """
    return p.accumulation


PAIR_INDICATORS: tuple[Indicator, ...] = (
    unexplained_vulnerable_access,
    unexplained_repeat_access,
    return_after_involvement,
    off_duty_access,
    device_contact_outside_involvement,
    personal_connection_lookup,
    claimed_occurrence_mismatch,
)
STAFF_INDICATORS: tuple[Indicator, ...] = (unexplained_breadth, staff_accumulation)
INDICATORS: dict[str, Indicator] = {i.code: i for i in (*PAIR_INDICATORS, *STAFF_INDICATORS)}
