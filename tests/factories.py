"""Factories for tests: accounts with roles, enrolled or not, and signed-in clients."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.accounts.services import account_create

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
