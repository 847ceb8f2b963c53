"""Every change to an account, and every step of signing in, with its audit record.

Each function takes the acting user (``actor``) as a keyword and writes the
audit record in the same transaction as the change.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import RoleGrant, User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append

SECURITY = AuditCategory.SECURITY


class SignInOutcome(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LOCKED = "locked"


@dataclass(frozen=True)
class SignInResult:
    outcome: SignInOutcome
    user: User | None = None


def _register_failure(user: User, *, event: str, reason: str) -> SignInOutcome:
    """Count a failed attempt; lock the account once the limit is reached."""
    user.failed_sign_ins += 1
    locked = user.failed_sign_ins >= settings.LANTERN_SIGN_IN_MAX_FAILURES
    if locked:
        minutes = settings.LANTERN_SIGN_IN_LOCKOUT_MINUTES
        user.locked_until = timezone.now() + timedelta(minutes=minutes)
    user.save(update_fields=["failed_sign_ins", "locked_until"])
    audit_append(
        actor=user,
        event=event,
        category=SECURITY,
        object_type="account",
        object_id=str(user.pk),
        reason=reason,
        detail={"failures": user.failed_sign_ins},
    )
    if locked:
        audit_append(
            actor=user,
            event="auth.account_locked",
            category=SECURITY,
            object_type="account",
            object_id=str(user.pk),
            reason=f"{user.failed_sign_ins} failed attempts",
        )
        return SignInOutcome.LOCKED
    return SignInOutcome.REJECTED


def sign_in_password_check(*, username: str, password: str) -> SignInResult:
    """First step of sign-in. A locked account is refused even with the right password."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username__iexact=username).first()
        if user is None:
            make_password(password)  # same work as a real check, so timing reveals nothing
            audit_append(
                actor=None,
                actor_label=username,
                event="auth.sign_in_failed",
                category=SECURITY,
                reason="unknown username",
            )
            return SignInResult(SignInOutcome.REJECTED)
        if user.is_locked():
            audit_append(
                actor=user,
                event="auth.sign_in_refused",
                category=SECURITY,
                object_type="account",
                object_id=str(user.pk),
                reason="account locked",
            )
            return SignInResult(SignInOutcome.LOCKED)
        if not (user.check_password(password) and user.is_active):
            reason = "wrong password" if user.is_active else "account deactivated"
            outcome = _register_failure(user, event="auth.sign_in_failed", reason=reason)
            return SignInResult(outcome)
        user.failed_sign_ins, user.locked_until = 0, None
        user.save(update_fields=["failed_sign_ins", "locked_until"])
        audit_append(
            actor=user,
            event="auth.password_accepted",
            category=SECURITY,
            object_type="account",
            object_id=str(user.pk),
        )
        return SignInResult(SignInOutcome.ACCEPTED, user)


def second_factor_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_enrolment_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for ``user`` (replacing any unfinished one)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        audit_append(
            actor=user,
            event="auth.second_factor_enrolment_started",
            category=SECURITY,
            object_type="account",
            object_id=str(user.pk),
        )
        return device


def _recovery_codes_issue(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.LANTERN_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _code_is_replay(device: TOTPDevice, token: str) -> bool:
    if device.last_t < 0:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = device.t0 + device.last_t * device.step
    return str(totp.token()).zfill(device.digits) == token


def second_factor_enrolment_confirm(
    *, user: User, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the authenticator with a first code; returns the recovery codes, shown once."""
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        if locked_user.is_locked() or not device.verify_token(token):
            _register_failure(
                locked_user,
                event="auth.second_factor_failed",
                reason="enrolment code did not match",
            )
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_issue(locked_user)
        locked_user.failed_sign_ins = 0
        locked_user.save(update_fields=["failed_sign_ins"])
        audit_append(
            actor=locked_user,
            event="auth.second_factor_enrolled",
            category=SECURITY,
            object_type="account",
            object_id=str(user.pk),
            detail={"recovery_codes_issued": len(codes)},
        )
        return codes


def second_factor_verify(*, user: User, token: str) -> TOTPDevice | StaticDevice | None:
    """Second step of sign-in: a code from the authenticator app or one recovery code."""
    token = token.strip().replace(" ", "")
    with transaction.atomic():
        locked_user = User.objects.select_for_update().get(pk=user.pk)
        if locked_user.is_locked():
            audit_append(
                actor=locked_user,
                event="auth.sign_in_refused",
                category=SECURITY,
                object_type="account",
                object_id=str(user.pk),
                reason="account locked",
            )
            return None
        for totp in TOTPDevice.objects.filter(user=locked_user, confirmed=True):
            if totp.verify_token(token):
                return _second_factor_accepted(locked_user, totp, "authenticator")
            if _code_is_replay(totp, token):
                _register_failure(
                    locked_user,
                    event="auth.second_factor_replayed",
                    reason="a code that was already used",
                )
                return None
        for static in StaticDevice.objects.filter(user=locked_user, confirmed=True):
            if static.verify_token(token):
                return _second_factor_accepted(locked_user, static, "recovery code")
        _register_failure(
            locked_user, event="auth.second_factor_failed", reason="code did not match"
        )
        return None


def _second_factor_accepted(
    user: User, device: TOTPDevice | StaticDevice, method: str
) -> TOTPDevice | StaticDevice:
    user.failed_sign_ins = 0
    user.last_login = timezone.now()
    user.save(update_fields=["failed_sign_ins", "last_login"])
    detail: dict[str, object] = {"method": method}
    if isinstance(device, StaticDevice):
        detail["recovery_codes_left"] = device.token_set.count()
    audit_append(
        actor=user,
        event="auth.signed_in",
        category=SECURITY,
        object_type="account",
        object_id=str(user.pk),
        detail=detail,
    )
    return device


def sign_out_record(*, user: User, reason: str = "") -> None:
    audit_append(
        actor=user,
        event="auth.signed_out",
        category=SECURITY,
        object_type="account",
        object_id=str(user.pk),
        reason=reason,
    )


def session_expired_record(*, user: User, idle_minutes: int) -> None:
    audit_append(
        actor=user,
        event="auth.session_expired",
        category=SECURITY,
        object_type="account",
        object_id=str(user.pk),
        reason=f"idle for more than {idle_minutes} minutes",
    )


# --- Account administration (system administrator) -------------------------


def _grants_replace(*, actor: User | None, user: User, roles: frozenset[Role]) -> None:
    RoleGrant.objects.filter(user=user).exclude(role__in=roles).delete()
    held = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    RoleGrant.objects.bulk_create(
        RoleGrant(user=user, role=r, granted_by=actor) for r in sorted(roles) if r not in held
    )
    user.__dict__.pop("roles", None)


def account_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    email: str,
    roles: frozenset[Role],
    password: str,
    is_demo: bool = False,
) -> User:
    """Create an account. It must enrol two-factor sign-in at its first sign-in."""
    first, _, last = full_name.strip().partition(" ")
    user = User(username=username, first_name=first, last_name=last, email=email, is_demo=is_demo)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        _grants_replace(actor=actor, user=user, roles=roles)
        audit_append(
            actor=actor,
            event="account.created",
            category=AuditCategory.COLLECTION,
            object_type="account",
            object_id=str(user.pk),
            detail={"username": username, "roles": sorted(roles)},
        )
    return user


def account_roles_update(*, actor: User, user: User, roles: frozenset[Role], reason: str) -> None:
    with transaction.atomic():
        before = sorted(user.roles)
        _grants_replace(actor=actor, user=user, roles=roles)
        audit_append(
            actor=actor,
            event="account.roles_changed",
            category=AuditCategory.ALTERATION,
            object_type="account",
            object_id=str(user.pk),
            reason=reason,
            detail={"before": before, "after": sorted(roles)},
        )


def account_unlock(*, actor: User, user: User, reason: str) -> None:
    with transaction.atomic():
        user.failed_sign_ins, user.locked_until = 0, None
        user.save(update_fields=["failed_sign_ins", "locked_until"])
        audit_append(
            actor=actor,
            event="account.unlocked",
            category=AuditCategory.ALTERATION,
            object_type="account",
            object_id=str(user.pk),
            reason=reason,
        )


def account_second_factor_reset(*, actor: User, user: User, reason: str) -> None:
    """Remove the authenticator and recovery codes; the user enrols again at next sign-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_append(
            actor=actor,
            event="account.second_factor_reset",
            category=AuditCategory.ERASURE,
            object_type="account",
            object_id=str(user.pk),
            reason=reason,
        )


def account_active_set(*, actor: User, user: User, active: bool, reason: str) -> None:
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_append(
            actor=actor,
            event="account.reactivated" if active else "account.deactivated",
            category=AuditCategory.ALTERATION,
            object_type="account",
            object_id=str(user.pk),
            reason=reason,
        )


def account_password_set(*, actor: User, user: User, password: str, reason: str) -> None:
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_append(
            actor=actor,
            event="account.password_set",
            category=AuditCategory.ALTERATION,
            object_type="account",
            object_id=str(user.pk),
            reason=reason,
        )


def account_staff_link(*, actor: User, user: User, staff_id: str, reason: str) -> None:
    """Link an account to the holder's force staff record (or unlink with an empty id).

    The link is what keeps anyone from seeing an alert, report or case about
    themselves, and what the conflict checks for investigations compare.
    """
    from lantern.force.models import StaffMember

    with transaction.atomic():
        StaffMember.objects.filter(account=user).update(account=None)
        if staff_id:
            member = StaffMember.objects.select_for_update().filter(staff_id=staff_id).first()
            if member is None:
                raise ValidationError(f"No member of staff has the number {staff_id!r}.")
            if member.account_id not in (None, user.pk):
                raise ValidationError(f"{staff_id} is already linked to another account.")
            member.account = user
            member.save(update_fields=["account"])
        audit_append(
            actor=actor,
            event="account.staff_linked",
            category=AuditCategory.ALTERATION,
            object_type="account",
            object_id=str(user.pk),
            reason=reason,
            detail={"staff_id": staff_id or None},
        )


def random_password() -> str:
    return secrets.token_urlsafe(15)
