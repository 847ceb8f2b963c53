"""Reading accounts: only the system administrator sees other people's accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import RoleGrant, User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import StaffMember


@dataclass(frozen=True)
class AccountRow:
    user: User
    roles: list[str]
    enrolled: bool
    locked: bool
    last_login: datetime | None
    staff: StaffMember | None = None


def _require_admin(viewer: User) -> None:
    if Role.SYSTEM_ADMIN not in viewer.roles:
        raise PermissionDenied("Only system administrators manage accounts.")


def accounts_for_admin(*, viewer: User) -> list[AccountRow]:
    _require_admin(viewer)
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    users = (
        User.objects.annotate(enrolled=Exists(enrolled))
        .prefetch_related(Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")))
        .order_by("username")
    )
    return [
        AccountRow(
            user=u,
            roles=[Role(g.role).label for g in u.role_grants.all()],
            enrolled=u.enrolled,
            locked=u.is_locked(),
            last_login=u.last_login,
        )
        for u in users
    ]


def account_for_admin(*, viewer: User, user_id: str) -> AccountRow:
    _require_admin(viewer)
    user = get_object_or_404(User, pk=user_id)
    audit_append(
        actor=viewer,
        event="account.viewed",
        category=AuditCategory.CONSULTATION,
        object_type="account",
        object_id=str(user.pk),
    )
    return AccountRow(
        user=user,
        roles=sorted(user.roles),
        enrolled=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        locked=user.is_locked(),
        last_login=user.last_login,
        staff=StaffMember.objects.filter(account=user).first(),
    )
