"""Two-step sign-in: password, then TOTP or a recovery code; lock-out; idle timeout."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.middleware import LAST_ACTIVITY_KEY
from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from tests.factories import PASSWORD, account_make, client_signed_in

pytestmark = pytest.mark.django_db


def _events() -> list[str]:
    return list(AuditRecord.objects.order_by("seq").values_list("event", flat=True))


def _password_step(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/account/sign-in/", {"username": username, "password": password})


def test_full_sign_in_with_authenticator_code() -> None:
    account = account_make(Role.ANALYST)
    client = Client()
    response = _password_step(client, account.user.username)
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/code/"
    assert client.get("/").status_code == 302  # not in yet: second factor missing
    response = client.post("/account/sign-in/code/", {"code": account.code()})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert _events()[-2:] == ["auth.password_accepted", "auth.signed_in"]


def test_wrong_password_is_refused_and_audited() -> None:
    account = account_make(Role.ANALYST)
    response = _password_step(Client(), account.user.username, "wrong password!!")
    assert response.status_code == 400
    assert b"The username or password is not right" in response.content
    assert _events()[-1] == "auth.sign_in_failed"


def test_unknown_username_is_audited_with_the_name_tried() -> None:
    _password_step(Client(), "nobody-here")
    record = AuditRecord.objects.order_by("seq").last()
    assert record is not None
    assert (record.event, record.actor_label, record.actor_id) == (
        "auth.sign_in_failed",
        "nobody-here",
        None,
    )


def test_lock_out_after_repeated_failures_even_with_the_right_password(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_SIGN_IN_MAX_FAILURES = 3
    account = account_make(Role.ANALYST)
    client = Client()
    for _ in range(3):
        _password_step(client, account.user.username, "wrong password!!")
    account.user.refresh_from_db()
    assert account.user.is_locked()
    response = _password_step(client, account.user.username)
    assert response.status_code == 403
    assert b"locked" in response.content
    assert "auth.account_locked" in _events()
    assert _events()[-1] == "auth.sign_in_refused"


def test_wrong_codes_count_towards_lock_out(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_SIGN_IN_MAX_FAILURES = 2
    account = account_make(Role.ANALYST)
    client = Client()
    _password_step(client, account.user.username)
    assert client.post("/account/sign-in/code/", {"code": "000000"}).status_code == 400
    response = client.post("/account/sign-in/code/", {"code": "000001"})
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/"
    account.user.refresh_from_db()
    assert account.user.is_locked()


def test_replayed_code_is_refused_and_audited() -> None:
    account = account_make(Role.ANALYST)
    code = account.code()
    first = Client()
    _password_step(first, account.user.username)
    assert first.post("/account/sign-in/code/", {"code": code}).status_code == 302
    second = Client()
    _password_step(second, account.user.username)
    response = second.post("/account/sign-in/code/", {"code": code})
    assert response.status_code == 400
    assert _events()[-1] == "auth.second_factor_replayed"


def test_recovery_code_works_once() -> None:
    account = account_make(Role.ANALYST, enrolled=False)
    client = Client()
    _password_step(client, account.user.username)
    assert client.get("/account/sign-in/code/")["Location"] == "/account/sign-in/enrol/"
    page = client.get("/account/sign-in/enrol/")
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=account.user, confirmed=False)
    account.device = device
    response = client.post("/account/sign-in/enrol/", {"code": account.code()})
    assert response["Location"] == "/account/sign-in/recovery-codes/"
    codes_page = client.get("/account/sign-in/recovery-codes/")
    codes = codes_page.context["codes"]
    assert len(codes) == 10
    assert client.get("/account/sign-in/recovery-codes/").status_code == 302  # shown once
    for attempt, expected in ((1, 302), (2, 400)):
        fresh = Client()
        _password_step(fresh, account.user.username)
        response = fresh.post("/account/sign-in/code/", {"code": codes[0]})
        assert response.status_code == expected, attempt
    signed_in = [r for r in AuditRecord.objects.filter(event="auth.signed_in")]
    assert signed_in[-1].detail == {"method": "recovery code", "recovery_codes_left": 9}


def test_idle_session_is_ended_and_audited(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_SESSION_IDLE_MINUTES = 15
    client = client_signed_in(account_make(Role.AUDITOR))
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - 16 * 60
    session.save()
    response = client.get("/audit/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?expired=1"
    assert _events()[-1] == "auth.session_expired"
    assert client.get("/").status_code == 302


def test_sign_out_is_post_only_and_audited() -> None:
    client = client_signed_in(account_make(Role.ANALYST))
    assert client.get("/account/sign-out/").status_code == 405
    assert client.post("/account/sign-out/").status_code == 302
    assert _events()[-1] == "auth.signed_out"
    assert client.get("/").status_code == 302


def test_forged_csrf_token_is_refused_and_audited() -> None:
    account = account_make(Role.SYSTEM_ADMIN)
    client = client_signed_in(account)
    client.handler.enforce_csrf_checks = True
    response = client.post(
        f"/account/admin/{account.user.pk}/",
        {"action": "deactivate", "reason": "x", "csrfmiddlewaretoken": "forged"},
    )
    assert response.status_code == 403
    assert _events()[-1] == "security.csrf_refused"
    account.user.refresh_from_db()
    assert account.user.is_active


def test_next_url_is_kept_but_never_offsite() -> None:
    account = account_make(Role.AUDITOR)
    client = Client()
    client.post(
        "/account/sign-in/?next=https://evil.example/",
        {"username": account.user.username, "password": PASSWORD},
    )
    response = client.post("/account/sign-in/code/", {"code": account.code()})
    assert response["Location"] == "/"
    other = Client()
    other.post(
        "/account/sign-in/?next=/audit/", {"username": account.user.username, "password": PASSWORD}
    )
    account.device.refresh_from_db()  # type: ignore[union-attr]
    response = other.post("/account/sign-in/code/", {"code": account.code(offset_steps=1)})
    assert response["Location"] == "/audit/"
