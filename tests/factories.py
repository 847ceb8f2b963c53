"""Factories for tests: accounts with roles, enrolled or not, and signed-in clients."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.accounts.services import account_create
from lantern.alerts.models import Alert, AlertIndicator, ScanRun
from lantern.force.models import Person, StaffMember

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


@dataclass
class Account:
    user: User
    device: TOTPDevice | None

    def code(self, *, offset_steps: int = 0) -> str:
        assert self.device is not None
        d = self.device
        d.refresh_from_db()
        totp = TOTP(d.bin_key, d.step, d.t0, d.digits, d.drift)
        totp.time = totp.time + offset_steps * d.step
        return str(totp.token()).zfill(d.digits)


def account_make(*roles: Role, enrolled: bool = True, username: str | None = None) -> Account:
    name = username or f"user{next(_numbers)}"
    user = account_create(
        actor=None,
        username=name,
        full_name=f"Test {name}",
        email=f"{name}@example.invalid",
        roles=frozenset(roles),
        password=PASSWORD,
    )
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True) if enrolled else None
    return Account(user, device)


def client_signed_in(account: Account) -> Client:
    """A client past both factors, as if the user had signed in fully."""
    assert account.device is not None
    client = Client()
    client.force_login(account.user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = account.device.persistent_id
    session.save()
    return client


# --- The force and its alerts ----------------------------------------------

_staff_numbers = itertools.count(1000)


def staff_make(**values: object) -> StaffMember:
    number = next(_staff_numbers)
    fields: dict[str, object] = {
        "staff_id": f"S{number}", "name": f"Officer {number}", "role": "response_officer",
        "rank": "constable", "team_id": "T1", "area": "north",
    }  # fmt: skip
    fields.update(values)
    return StaffMember.objects.create(**fields)


def person_make(markers: tuple[str, ...] = ("domestic_abuse_victim",), **values: object) -> Person:
    fields: dict[str, object] = {
        "person_id": f"P{next(_staff_numbers)}",
        "sex": "f",
        "markers": list(markers),
    }
    fields.update(values)
    return Person.objects.create(**fields)


def alert_make(
    staff: StaffMember | None = None,
    person: Person | None = None,
    *,
    score: float = 10.0,
    category: str = "sexual_misconduct",
    codes: tuple[str, ...] = ("return_after_involvement",),
    **values: object,
) -> Alert:
    run = ScanRun.objects.first() or ScanRun.objects.create(source="test")
    staff = staff or staff_make()
    now = timezone.now()
    indicators = [
        {"code": c, "summary": f"{c} happened 3 times", "weight": 1.0, "evidence": [f"E-{c}"]}
        for c in codes
    ]
    alert = Alert.objects.create(
        alert_id=f"A{next(_staff_numbers)}",
        run=run,
        staff=staff,
        person=person,
        score=score,
        category=category,
        indicators=indicators,
        summary="; ".join(i["summary"] for i in indicators),
        first_seen=now - timedelta(days=30),
        last_seen=now,
        **values,
    )
    AlertIndicator.objects.bulk_create(
        AlertIndicator(alert=alert, code=c, weight=1.0) for c in codes
    )
    return alert


# --- Vetting ----------------------------------------------------------------


def post_make(required_level: str = "RV", **values: object) -> object:
    from lantern.vetting.models import Post

    number = next(_staff_numbers)
    fields: dict[str, object] = {
        "post_id": f"POST{number}", "title": f"Post {number}", "unit": "Response",
        "area": "north", "high_contact": False, "required_level": required_level,
    }  # fmt: skip
    fields.update(values)
    return Post.objects.create(**fields)


def posting_make(staff: StaffMember, post: object, **values: object) -> object:
    from lantern.vetting.models import Posting

    fields: dict[str, object] = {"started_on": timezone.localdate() - timedelta(days=400)}
    fields.update(values)
    return Posting.objects.create(staff=staff, post=post, **fields)


def clearance_make(staff: StaffMember, level: str = "RV", **values: object) -> object:
    from lantern.vetting.models import Clearance

    today = timezone.localdate()
    fields: dict[str, object] = {
        "granted_on": today - timedelta(days=365), "expires_on": today + timedelta(days=1000),
        "rationale": "Granted in a test.", "source": "hr_import",
    }  # fmt: skip
    fields.update(values)
    return Clearance.objects.create(staff=staff, level=level, **fields)
