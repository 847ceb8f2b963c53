"""The reporting line in a real browser, every page checked by axe-core and for CSP errors.

A partner sends a concern; a reporter makes an anonymous report with a photo
and gets a receipt; the handler records safeguarding and asks a question; the
reporter comes back (a wrong receipt first), reads it and answers; the handler
reads the answer and converts the report into an intelligence report.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from lantern.accounts.demo import DEMO_PASSWORD
from tests.browser.conftest import AXE, AccessiblePage, LiveServer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SEED = "from lantern.reporting.demo import reporting_demo_seed; reporting_demo_seed()"
STORY = "Browser-Story: PC 5123 keeps texting a victim from the Eastfield job late at night."


@pytest.fixture(scope="module")
def server(live_server_process: LiveServer) -> LiveServer:
    """The shared server, with the reporting-line demo data (a partner organisation)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SEED],
        cwd=ROOT,
        env=live_server_process.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return live_server_process


@pytest.fixture
def new_page(browser: Any, server: LiveServer) -> Iterator[Any]:
    contexts = []

    def make() -> AccessiblePage:
        context = browser.new_context()
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        return AccessiblePage(context.new_page(), server.url)

    yield make
    for context in contexts:
        context.close()


def _sign_in(page: AccessiblePage, server: LiveServer, username: str) -> None:
    p = page.page
    page.goto("/")
    p.fill("#id_username", username)
    p.fill("#id_password", DEMO_PASSWORD)
    p.click("button:has-text('Continue')")
    p.fill("#id_code", server.code(username))
    p.click("button:has-text('Sign in')")
    assert p.locator("h1").inner_text() == "Your Lantern"


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "IMG_2041.jpg"
    exif = Image.Exif()
    exif[0x010F] = "BrowserPhoneMaker"
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (20, 90, 160)).save(out, "JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path


def test_a_partner_sends_a_concern_and_reads_her_own(new_page: Any, server: LiveServer) -> None:
    page = new_page()
    p = page.page
    _sign_in(page, server, "partner")
    p.click("nav >> text=Your concerns")
    page.check("partner-concerns")
    p.click("text=Send a concern")
    page.check("partner-concern-form")
    p.click("button:has-text('Send concern')")
    assert p.locator(".govuk-error-summary").is_visible()
    page.check("partner-concern-errors")
    p.fill(
        "#id_what_happened", "Client says DC Marsh added her on social media after her statement."
    )
    p.fill("#id_subject_name", "DC Marsh")
    p.check("#id_risk_now_1")
    p.fill("#id_contact_safe", "Only through her IDVA.")
    p.click("button:has-text('Send concern')")
    assert "sent to the reporting line team" in p.locator(".govuk-notification-banner").inner_text()
    assert "DC Marsh added her" in p.content()
    page.check("partner-concern-sent")


def test_report_reply_return_answer_and_conversion(
    new_page: Any, server: LiveServer, tmp_path: Path
) -> None:
    reporter = new_page()
    r = reporter.page
    response = reporter.goto("/report/")
    assert response.headers.get("set-cookie") is None
    reporter.check("report-start")
    r.click("text=Make a report")
    reporter.check("report-form")
    r.click("button:has-text('Send report')")
    assert r.locator(".govuk-error-summary").is_visible()
    reporter.check("report-form-errors")
    r.fill("#id_what_happened", STORY)
    r.fill("#id_subject_number", "5123")
    r.check("#id_risk_now_0")  # yes: someone is at risk now
    r.fill("#id_risk_details", "He turned up at her door on Saturday.")
    r.set_input_files("#id_attachments", str(_photo(tmp_path)))
    r.check("#id_reporter_kind_1")
    r.click("button:has-text('Send report')")
    receipt = r.locator("[data-testid=receipt]").get_attribute("data-receipt")
    assert receipt and re.fullmatch(r"([0-9A-Z]{4}-){5}[0-9A-Z]{4}", receipt)
    reporter.check("report-receipt")
    assert not r.context.cookies()

    handler = new_page()
    h = handler.page
    _sign_in(handler, server, "handler")
    h.click("nav >> text=Reporting line")
    assert "Client says DC Marsh" not in h.content()  # nothing decrypted in the list
    handler.check("inbox")
    h.click("text=Urgent (")
    h.locator("table a.govuk-link").last.click()  # oldest first: ours arrived last
    assert STORY in h.content()
    assert h.locator("text=IMG_2041.jpg").count() == 1
    handler.check("report-urgent")
    h.fill("#id_action", "Public protection unit told; officer's access suspended.")
    h.click("button:has-text('Record safeguarding action')")
    h.check("#id_kind_1")  # a question
    h.fill("#id_body", "Thank you. Which evenings did this happen?")
    h.click("button:has-text('Send')")
    assert "Question sent" in h.content()
    handler.check("report-question-sent")

    back = new_page()
    b = back.page
    back.goto("/report/return/")
    back.check("return")
    b.fill("#id_receipt", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    b.click("button:has-text('Open my report')")
    assert "We could not open a report with that receipt" in b.content()
    back.check("return-wrong-receipt")
    b.fill("#id_receipt", receipt.lower())
    b.click("button:has-text('Open my report')")
    assert "Which evenings did this happen?" in b.content()
    assert "Public protection unit told" not in b.content()  # handlers' notes stay internal
    back.check("return-conversation")
    b.fill("#id_body", "Friday and Saturday, after 10pm.")
    b.click("button:has-text('Send')")
    assert b.locator("h1").inner_text() == "Sent"
    back.check("reply-sent")
    assert not b.context.cookies()

    h.reload()
    assert "Friday and Saturday, after 10pm." in h.content()
    h.click("text=Convert into an intelligence report")
    handler.check("convert")
    h.check("input[value=sexual_misconduct]")
    h.check("input[name=intelligence_assessment][value=C]")
    h.fill("#id_handling_conditions", "Counter-corruption unit only.")
    h.fill("#id_sanitised_text", "A PC (5123) is reported to contact a DA victim late at night.")
    h.click("button:has-text('Record intelligence report')")
    reference = h.locator("[data-testid=intelligence-reference]").inner_text()
    assert reference.startswith("INT-")
    handler.check("report-converted")
    h.click("text=Figures")
    handler.check("figures")
    h.click("nav >> text=Partner agencies")
    handler.check("partners-register")
    h.click("text=Northshire Domestic Abuse Service")
    handler.check("partner-organisation")
    h.click("nav >> text=Reporting line")
    assert "Northshire Domestic Abuse Service" in h.content()  # the partner's concern
