"""Reading safeguarding actions: for the unit, the investigators and the line's handlers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.safeguarding.models import SafeguardingAction

SAFEGUARDING_ROLES = frozenset(
    {Role.ANALYST, Role.INVESTIGATOR, Role.HEAD_OF_PSD, Role.REPORTING_HANDLER}
)


def safeguarding_visible(*, viewer: User) -> QuerySet[SafeguardingAction]:
    if not viewer.roles & SAFEGUARDING_ROLES:
        raise PermissionDenied("Safeguarding records are for the unit.")
    return SafeguardingAction.objects.select_related("person", "assigned_to", "created_by")


def safeguarding_for_source(
    *, viewer: User, source: str, source_id: str
) -> QuerySet[SafeguardingAction]:
    return safeguarding_visible(viewer=viewer).filter(source=source, source_id=source_id)
