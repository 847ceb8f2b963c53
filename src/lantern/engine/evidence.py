"""Fetching the evidence behind alerts: the rows, not a recomputation.

Only alerted pairs' rows leave the backend. Each row carries the same flags
that were counted for the indicators, so an indicator's evidence list and the
numbers in its summary come from one source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import ibis.expr.types as ir

from lantern.engine.force import ForceTables

Pair = tuple[str, str | None]

ACCESS_EVIDENCE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "ts",
    "staff_id",
    "person_id",
    "occurrence_id",
    "f_unlinked",
    "f_return",
    "f_off_duty",
    "f_late",
    "f_mismatch",
)
CONTACT_EVIDENCE_COLUMNS: tuple[str, ...] = ("comm_id", "ts", "staff_id", "person_id")


@dataclass
class EvidenceRows:
    """Evidence rows grouped by (staff, person)."""

    access: dict[Pair, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    contact: dict[Pair, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    breadth: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))


def rows_of(expr: ir.Table) -> list[dict[str, Any]]:
    """Execute and return plain Python rows (timestamps made UTC-aware)."""
    return [_row_clean(r) for r in expr.to_pyarrow().to_pylist()]


def _row_clean(row: dict[str, Any]) -> dict[str, Any]:
    for key, value in row.items():
        if isinstance(value, datetime) and value.tzinfo is None:
            row[key] = value.replace(tzinfo=UTC)
        elif isinstance(value, float) and value != value:  # NaN from a pandas round trip
            row[key] = None
    return row


def _sorted(rows: Iterable[dict[str, Any]], id_column: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["ts"], r[id_column]))


def evidence_fetch(
    flagged: ir.Table,
    outside: ir.Table,
    keys: ir.Table,
    breadth_pairs: ir.Table,
) -> EvidenceRows:
    """Rows of the alerted pairs (``keys``: staff_id, person_id) and of breadth alerts.

    ``breadth_pairs`` holds the (staff, person) pairs that count towards the
    breadth of a member of staff who alerts on it.
    """
    found = EvidenceRows()
    k = keys.select(k_staff=keys.staff_id, k_person=keys.person_id)
    acc = flagged.semi_join(k, (flagged.staff_id == k.k_staff) & (flagged.person_id == k.k_person))
    for row in _sorted(rows_of(acc.select(*ACCESS_EVIDENCE_COLUMNS)), "event_id"):
        found.access[(row["staff_id"], row["person_id"])].append(row)
    con = outside.semi_join(k, (outside.staff_id == k.k_staff) & (outside.person_id == k.k_person))
    for row in _sorted(rows_of(con.select(*CONTACT_EVIDENCE_COLUMNS)), "comm_id"):
        found.contact[(row["staff_id"], row["person_id"])].append(row)
    b = breadth_pairs.select(b_staff=breadth_pairs.staff_id, b_person=breadth_pairs.person_id)
    wide = flagged.filter(flagged.f_unlinked)
    wide = wide.semi_join(b, (wide.staff_id == b.b_staff) & (wide.person_id == b.b_person))
    for row in _sorted(rows_of(wide.select(*ACCESS_EVIDENCE_COLUMNS)), "event_id"):
        found.breadth[row["staff_id"]].append(row)
    return found


def person_details(force: ForceTables, person_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Sex, markers and (role, occurrence category) links of the named people."""
    wanted = sorted({p for p in person_ids if p})
    if not wanted:
        return {}
    p = force.persons
    details = {
        r["person_id"]: {"sex": r["sex"], "markers": list(r["markers"] or []), "roles": []}
        for r in rows_of(p.filter(p.person_id.isin(wanted)).select("person_id", "sex", "markers"))
    }
    op, occ = force.occurrence_persons, force.occurrences
    links = op.filter(op.person_id.isin(wanted)).join(occ, op.occurrence_id == occ.occurrence_id)
    for r in rows_of(links.select(person_id=op.person_id, role=op.role, category=occ.category)):
        details.setdefault(r["person_id"], {"sex": None, "markers": [], "roles": []})
        details[r["person_id"]]["roles"].append((r["role"], r["category"]))
    return details


def first_per_person(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The first row for each person, in time order."""
    seen: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        seen.setdefault(str(row["person_id"]), row)
    return sorted(seen.values(), key=lambda r: (r["ts"], r["event_id"]))
