"""Demo accounts: one per role, enrolled for two-factor sign-in, easy to try.

Only accounts created here carry ``is_demo``; ``demo_current_code`` refuses any
other account, so the helper can never print a real user's code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.accounts.services import account_create
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append

DEMO_PASSWORD = "lantern-demo-2026"  # noqa: S105 - printed for the demo on purpose

DEMO_ACCOUNTS: tuple[tuple[str, str, Role], ...] = (
    ("analyst", "Amira Analyst", Role.ANALYST),
    ("investigator", "Ian Investigator", Role.INVESTIGATOR),
    ("head", "Helen Head-of-PSD", Role.HEAD_OF_PSD),
    ("vetting", "Vera Vetting", Role.VETTING_OFFICER),
    ("handler", "Hamid Handler", Role.REPORTING_HANDLER),
    ("partner", "Pat Partner", Role.PARTNER),
    ("governance", "Gwen Governance", Role.GOVERNANCE),
    ("auditor", "Aled Auditor", Role.AUDITOR),
    ("sysadmin", "Sam Sysadmin", Role.SYSTEM_ADMIN),
    ("staff", "Stacey Staff", Role.STAFF),
)
# The demo member of staff's own record in the staff directory (for declarations).
DEMO_STAFF_ID = "DEMO-S0001"


@dataclass(frozen=True)
class DemoSignIn:
    username: str
    role: str
    password: str
    totp_secret: str


def _secret_of(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode("ascii")


def demo_accounts_ensure() -> list[DemoSignIn]:
    """Create any missing demo account (idempotent) and return their sign-ins."""
    sign_ins = []
    for username, full_name, role in DEMO_ACCOUNTS:
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = account_create(
                    actor=None,
                    username=username,
                    full_name=full_name,
                    email=f"{username}@demo.lantern.invalid",
                    roles=frozenset({role}),
                    password=DEMO_PASSWORD,
                    is_demo=True,
                )
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="Demo authenticator")
                audit_append(
                    actor=None,
                    actor_label="demo setup",
                    event="auth.second_factor_enrolled",
                    category=AuditCategory.SECURITY,
                    object_type="account",
                    object_id=str(user.pk),
                    detail={"demo": True},
                )
        if role == Role.STAFF:
            _demo_staff_record_link(user, full_name)
        sign_ins.append(DemoSignIn(username, role.label, DEMO_PASSWORD, _secret_of(device)))
    return sign_ins


def _demo_staff_record_link(user: User, full_name: str) -> None:
    """Give the demo member of staff a staff record of their own (idempotent)."""
    from lantern.force.models import StaffMember

    member, _ = StaffMember.objects.get_or_create(
        staff_id=DEMO_STAFF_ID,
        defaults={"name": full_name, "role": "police_staff", "rank": "staff",
                  "team_id": "DEMO", "area": "A01"},
    )  # fmt: skip
    if member.account_id != user.pk:
        member.account = user
        member.save(update_fields=["account"])


def demo_current_code(username: str) -> str:
    """The current TOTP code of a demo account. Refuses every other account."""
    user = User.objects.filter(username=username, is_demo=True).first()
    if user is None:
        raise LookupError(f"{username!r} is not a demo account; codes are shown only for those.")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise LookupError(f"{username!r} has no authenticator enrolled.")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)
