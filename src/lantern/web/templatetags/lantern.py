"""Template helpers: pseudonyms, labels and dates the same way on every page."""

from __future__ import annotations

from django import template

from lantern.force.models import StaffMember

register = template.Library()


@register.simple_tag
def staff_label(staff: StaffMember, revealed: set[int]) -> str:
    """The name when the viewer has a granted reveal for this person; otherwise the pseudonym."""
    if staff.pk in revealed:
        return f"{staff.name} ({staff.staff_id})"
    return staff.pseudonym


@register.filter
def token_label(value: str) -> str:
    return str(value).replace("_", " ").capitalize()
