"""Spans of legitimate involvement: who had a part in whose case, and when.

Each span says: member of staff S had a policing reason to deal with person P
from ``start_at`` to ``end_at`` (a raw end, before any grace period), by one of
the specific explanation paths. The paths come from the force's own records:

- ``assigned``: S was assigned to an occurrence that involves P.
- ``supervision``: S supervises the team of someone assigned to such an occurrence.
- ``linked_person``: P shares an occurrence with a person in one of S's own
  assignments (a suspect's associate, a victim's family), for the time of that
  assignment.

``end_at`` is the release time, or a far-future instant while still assigned.
"""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import ibis.expr.types as ir

from lantern.engine.config import ExplanationConfig
from lantern.engine.force import ForceTables

# Stands for "still assigned". Kept below pandas' nanosecond limit (2262),
# because Spark returns results through pandas.
OPEN_END = datetime(2199, 12, 31, tzinfo=UTC)

SPAN_PATHS: tuple[str, ...] = ("assigned", "supervision", "linked_person")


def open_end() -> ir.TimestampScalar:
    return ibis.literal(OPEN_END, type="timestamp('UTC')")


def spans_assigned(force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """Spans from the staff member's own assignments to occurrences involving the person."""
    a, op = force.assignments, force.occurrence_persons
    joined = a.join(op, a.occurrence_id == op.occurrence_id)
    return joined.select(
        staff_id=a.staff_id,
        person_id=op.person_id,
        occurrence_id=a.occurrence_id,
        start_at=a.assigned_at - ibis.interval(seconds=int(cfg.lead.total_seconds())),
        end_at=a.released_at.fill_null(open_end()),
        path=ibis.literal("assigned"),
    )


def team_supervisors(force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """(team_id, supervisor_id): sergeants and above, and supervisors, of each team."""
    s = force.staff
    is_supervisor = s.rank.isin(list(cfg.supervisory_ranks)) | (s.role == "supervisor")
    return s.filter(is_supervisor).select(team_id=s.team_id, supervisor_id=s.staff_id)


def spans_supervision(force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """Spans for supervisors of a team member who was assigned to the person's occurrence."""
    assigned = spans_assigned(force, cfg)
    members = force.staff.select(member_id=force.staff.staff_id, team_id=force.staff.team_id)
    sups = team_supervisors(force, cfg)
    joined = assigned.join(members, assigned.staff_id == members.member_id).join(
        sups, members.team_id == sups.team_id
    )
    joined = joined.filter(joined.supervisor_id != joined.member_id)
    return joined.select(
        staff_id=joined.supervisor_id,
        person_id=joined.person_id,
        occurrence_id=joined.occurrence_id,
        start_at=joined.start_at,
        end_at=joined.end_at,
        path=ibis.literal("supervision"),
    )


def person_associates(force: ForceTables) -> ir.Table:
    """(person_id, associate_id): two different people on the same occurrence."""
    op = force.occurrence_persons
    left = op.select(occurrence_id=op.occurrence_id, person_id=op.person_id)
    right = op.select(link_occurrence_id=op.occurrence_id, associate_id=op.person_id)
    joined = left.join(right, left.occurrence_id == right.link_occurrence_id)
    joined = joined.filter(joined.person_id != joined.associate_id)
    return joined.select("person_id", "associate_id").distinct()


def spans_linked(force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """Spans for people linked through any occurrence to a person in the staff's own work."""
    assigned = spans_assigned(force, cfg)
    assoc = person_associates(force)
    joined = assigned.join(assoc, assigned.person_id == assoc.person_id)
    return joined.select(
        staff_id=joined.staff_id,
        person_id=joined.associate_id,
        occurrence_id=joined.occurrence_id,
        start_at=joined.start_at,
        end_at=joined.end_at,
        path=ibis.literal("linked_person"),
    )


def involvement_spans(force: ForceTables, cfg: ExplanationConfig) -> ir.Table:
    """All specific spans, one row per (staff, person, occurrence, path)."""
    return ibis.union(
        spans_assigned(force, cfg),
        spans_supervision(force, cfg),
        spans_linked(force, cfg),
        distinct=False,
    )
