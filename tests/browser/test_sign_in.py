"""Sign-in in a real browser: enrolment by QR code, every role's home, a refused page."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import TOTP

from lantern.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.browser.conftest import AccessiblePage, LiveServer

pytestmark = pytest.mark.browser


def _code(secret: str, offset_steps: int = 0) -> str:
    totp = TOTP(base64.b32decode(secret), step=30, t0=0, digits=6, drift=0)
    totp.time = totp.time + offset_steps * 30
    return str(totp.token()).zfill(6)


def _sign_in(page: AccessiblePage, username: str, password: str) -> None:
    page.goto("/")
    page.page.fill("#id_username", username)  # type: ignore[attr-defined]
    page.page.fill("#id_password", password)  # type: ignore[attr-defined]
    page.page.click("button:has-text('Continue')")  # type: ignore[attr-defined]


def test_first_sign_in_enrols_two_factor_and_shows_recovery_codes(page: AccessiblePage) -> None:
    p = page.page
    page.goto("/")
    assert p.url.endswith("/account/sign-in/?next=/")  # type: ignore[attr-defined]
    page.check("sign-in")
    p.click("button:has-text('Continue')")  # type: ignore[attr-defined]
    page.check("sign-in-errors")
    assert p.locator(".govuk-error-summary").is_visible()  # type: ignore[attr-defined]
    _sign_in(page, "newcomer", "newcomer-password-1")
    assert "/account/sign-in/enrol/" in p.url  # type: ignore[attr-defined]
    assert p.locator(".lantern-qr svg").count() == 1  # type: ignore[attr-defined]
    page.check("enrol")
    secret = p.locator("[data-testid=totp-secret]").inner_text()  # type: ignore[attr-defined]
    p.fill("#id_code", "000000")  # type: ignore[attr-defined]
    p.click("button:has-text('Confirm')")  # type: ignore[attr-defined]
    assert p.locator(".govuk-error-summary").is_visible()  # type: ignore[attr-defined]
    page.check("enrol-error")
    p.fill("#id_code", _code(secret))  # type: ignore[attr-defined]
    p.click("button:has-text('Confirm')")  # type: ignore[attr-defined]
    codes = p.locator("[data-testid=recovery-codes] li").all_inner_texts()  # type: ignore[attr-defined]
    assert len(codes) == 10
    page.check("recovery-codes")
    p.click("text=I have kept my codes")  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text() == "Your Lantern"  # type: ignore[attr-defined]
    page.check("home-analyst")
    p.click("button:has-text('Sign out')")  # type: ignore[attr-defined]
    assert "/account/sign-in/" in p.url  # type: ignore[attr-defined]
    assert p.locator("text=You have signed out").is_visible()  # type: ignore[attr-defined]


@pytest.mark.parametrize("username", [u for u, _, _ in DEMO_ACCOUNTS])
def test_every_demo_role_signs_in(
    page: AccessiblePage, live_server_process: LiveServer, username: str
) -> None:
    p = page.page
    _sign_in(page, username, DEMO_PASSWORD)
    assert "/account/sign-in/code/" in p.url  # type: ignore[attr-defined]
    page.check(f"code-{username}")
    p.fill("#id_code", live_server_process.code(username))  # type: ignore[attr-defined]
    p.click("button:has-text('Sign in')")  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text() == "Your Lantern"  # type: ignore[attr-defined]
    page.check(f"home-{username}")
    for link in p.locator("nav .govuk-service-navigation__link").all():  # type: ignore[attr-defined]
        href = link.get_attribute("href")
        response = page.goto(href)
        assert response.status == 200, href  # type: ignore[attr-defined]
        page.check(f"{username}{href.replace('/', '-')}")


def test_a_refused_page_explains_itself(
    page: AccessiblePage, live_server_process: LiveServer
) -> None:
    p = page.page
    _sign_in(page, "governance", DEMO_PASSWORD)
    p.fill("#id_code", live_server_process.code("governance"))  # type: ignore[attr-defined]
    p.click("button:has-text('Sign in')")  # type: ignore[attr-defined]
    response = page.goto("/audit/")
    assert response.status == 403  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text() == "You cannot open this page"  # type: ignore[attr-defined]
    page.check("refused")
