"""An alert walked from the queue to an outcome in a real browser, and a refused user."""

from __future__ import annotations

import pytest

from lantern.accounts.demo import DEMO_PASSWORD
from tests.browser.conftest import AccessiblePage, LiveServer
from tests.browser.test_sign_in import _sign_in

pytestmark = pytest.mark.browser


def _signed_in(page: AccessiblePage, server: LiveServer, username: str) -> None:
    _sign_in(page, username, DEMO_PASSWORD)
    page.page.fill("#id_code", server.code(username))  # type: ignore[attr-defined]
    page.page.click("button:has-text('Sign in')")  # type: ignore[attr-defined]


def test_alert_from_queue_to_outcome(page: AccessiblePage, live_server_process: LiveServer) -> None:
    p = page.page
    _signed_in(page, live_server_process, "analyst")
    page.goto("/alerts/")
    page.check("queue")
    assert "Officer" not in p.locator("table").inner_text()  # type: ignore[attr-defined]
    p.click("table a")  # type: ignore[attr-defined]
    assert p.locator("[data-testid=alert-summary]").inner_text().startswith("viewed her record")  # type: ignore[attr-defined]
    assert p.locator(".lantern-timeline svg rect.lantern-mark--unexplained").count() >= 2  # type: ignore[attr-defined]
    page.check("alert")
    # Safeguarding before anything else.
    p.click("a.govuk-button:has-text('Record a safeguarding action')")  # type: ignore[attr-defined]
    p.fill("#id_action", "Refer to the IDVA and arrange a welfare visit.")  # type: ignore[attr-defined]
    p.fill("#id_due_on", "2099-01-01")  # type: ignore[attr-defined]
    page.check("safeguarding-new")
    p.click("button:has-text('Record action')")  # type: ignore[attr-defined]
    assert p.locator("text=Safeguarding action recorded").is_visible()  # type: ignore[attr-defined]
    # Reveal with a reason.
    p.click("text=Reveal the name")  # type: ignore[attr-defined]
    p.fill("#id_reason", "Needed to check the duty roster with the unit.")  # type: ignore[attr-defined]
    p.click("button:has-text('Record reason and reveal')")  # type: ignore[attr-defined]
    assert "Ann Smith" in p.locator("[data-testid=staff-label]").inner_text()  # type: ignore[attr-defined]
    # Raise intelligence with the evidence attached.
    p.click("a:has-text('Raise an intelligence report')")  # type: ignore[attr-defined]
    page.check("escalate-intelligence")
    p.check("input[value=misusing_force_systems]")  # type: ignore[attr-defined]
    p.click("button:has-text('Save')")  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text().startswith("INT-")  # type: ignore[attr-defined]
    page.check("intelligence")
    # Develop it into an investigation allocated to the investigator.
    p.click("a:has-text('Open an investigation')")  # type: ignore[attr-defined]
    p.select_option("#id_investigating_officer", label="Ian Investigator")  # type: ignore[attr-defined]
    p.click("button:has-text('Open investigation')")  # type: ignore[attr-defined]
    assert p.locator("text=was opened from this report").is_visible()  # type: ignore[attr-defined]
    p.click("button:has-text('Sign out')")  # type: ignore[attr-defined]
    # The investigator works the case to its outcome.
    _signed_in(page, live_server_process, "investigator")
    page.goto("/cases/")
    p.click("table a")  # type: ignore[attr-defined]
    assert p.locator("text=refer this case to the IOPC").is_visible()  # type: ignore[attr-defined]
    page.check("case")
    p.fill("#id_iopc-reference", "IOPC/2026/0042")  # type: ignore[attr-defined]
    p.select_option("#id_iopc-decision", value="local")  # type: ignore[attr-defined]
    p.click("button:has-text('Record referral')")  # type: ignore[attr-defined]
    p.fill("#id_decision", "Obtain the work phone records")  # type: ignore[attr-defined]
    p.fill("#id_rationale", "The alert shows messages to the victim's number.")  # type: ignore[attr-defined]
    p.click("button:has-text('Record decision')")  # type: ignore[attr-defined]
    p.select_option("#id_close-outcome", value="gross_misconduct")  # type: ignore[attr-defined]
    p.fill("#id_close-rationale", "Proven at a misconduct hearing.")  # type: ignore[attr-defined]
    p.click("button:has-text('Close case')")  # type: ignore[attr-defined]
    assert p.locator("text=Case closed with its outcome").is_visible()  # type: ignore[attr-defined]
    assert "Gross misconduct" in p.locator(".govuk-summary-list").inner_text()  # type: ignore[attr-defined]
    page.check("case-closed")


def test_a_refused_user_sees_nothing(page: AccessiblePage, live_server_process: LiveServer) -> None:
    p = page.page
    _signed_in(page, live_server_process, "vetting")
    for path in ("/alerts/", "/intelligence/", "/cases/", "/api/v1/alerts"):
        response = page.goto(path)
        assert response.status == 403, path  # type: ignore[attr-defined]
        assert "Ann Smith" not in p.content()  # type: ignore[attr-defined]
    nav = p.locator("nav").inner_text()  # type: ignore[attr-defined]
    assert "Alerts" not in nav and "Intelligence" not in nav
