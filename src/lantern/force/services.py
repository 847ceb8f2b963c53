"""Keeping the staff directory and the people alerts concern up to date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from lantern.force.models import Person, StaffMember

STAFF_FIELDS = ("name", "role", "rank", "team_id", "area", "joined_on", "left_on")
PERSON_FIELDS = ("sex", "birth_year", "home_area", "markers")


def _as_date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def staff_directory_sync(rows: Iterable[dict[str, Any]]) -> dict[str, StaffMember]:
    """Insert or update staff from the force's staff table; returns them by staff_id.

    Called by the alert loader inside its transaction (which writes the audit record).
    """
    incoming = {str(r["staff_id"]): r for r in rows}
    existing = {s.staff_id: s for s in StaffMember.objects.filter(staff_id__in=incoming)}
    new, changed = [], []
    for staff_id, row in incoming.items():
        values = {
            "name": str(row.get("name") or ""), "role": str(row.get("role") or ""),
            "rank": str(row.get("rank") or ""), "team_id": str(row.get("team_id") or ""),
            "area": str(row.get("area") or ""), "joined_on": _as_date(row.get("joined_on")),
            "left_on": _as_date(row.get("left_on")),
        }  # fmt: skip
        member = existing.get(staff_id)
        if member is None:
            new.append(StaffMember(staff_id=staff_id, **values))
        elif any(getattr(member, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(member, k, v)
            changed.append(member)
    StaffMember.objects.bulk_create(new, batch_size=1000)
    StaffMember.objects.bulk_update(changed, STAFF_FIELDS, batch_size=1000)
    return {s.staff_id: s for s in StaffMember.objects.filter(staff_id__in=incoming)}


def persons_sync(rows: Iterable[dict[str, Any]]) -> dict[str, Person]:
    """Insert or update the (minimised) people that alerts concern."""
    incoming = {str(r["person_id"]): r for r in rows}
    existing = {p.person_id: p for p in Person.objects.filter(person_id__in=incoming)}
    new, changed = [], []
    for person_id, row in incoming.items():
        values = {
            "sex": str(row.get("sex") or ""), "birth_year": row.get("birth_year"),
            "home_area": str(row.get("home_area") or ""), "markers": list(row.get("markers") or []),
        }  # fmt: skip
        person = existing.get(person_id)
        if person is None:
            new.append(Person(person_id=person_id, **values))
        elif any(getattr(person, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(person, k, v)
            changed.append(person)
    Person.objects.bulk_create(new, batch_size=1000)
    Person.objects.bulk_update(changed, PERSON_FIELDS, batch_size=1000)
    return {p.person_id: p for p in Person.objects.filter(person_id__in=incoming)}
