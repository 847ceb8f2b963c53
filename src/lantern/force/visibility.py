"""Who a viewer is in the force, so nobody ever sees a matter about themselves."""

from __future__ import annotations

from lantern.accounts.models import User
from lantern.force.models import StaffMember


def viewer_staff(viewer: User) -> StaffMember | None:
    """The force staff record linked to this account, if any."""
    return StaffMember.objects.filter(account=viewer).first()


def viewer_staff_pk(viewer: User) -> int | None:
    member = viewer_staff(viewer)
    return member.pk if member else None
