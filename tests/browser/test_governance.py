"""Governance and the encrypted-apps review in a real browser.

The governance viewer (PCC office) sees aggregates and progress, never a name,
and downloads the pack; the head of professional standards adds an update to an
action plan; the device review pages pass the accessibility and CSP checks.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.browser.conftest import ROOT, AccessiblePage, LiveServer
from tests.browser.test_alert_to_outcome import _signed_in

pytestmark = pytest.mark.browser
HEADER = "device_id,holder_staff_id,app_id,app_name,app_version,installed_on\n"
INVENTORIES = {
    "2026-01-10": "D1,S1,com.whatsapp,WhatsApp,2.1,2025-12-01\n"
    "D1,S1,com.snapchat.android,Snapchat,12.1,2025-12-01\n"
    "D2,S2,com.microsoft.teams,Microsoft Teams,1.0,2025-11-01\n",
    "2026-04-10": "D1,S1,com.whatsapp,WhatsApp,2.2,2025-12-01\n"
    "D1,S1,com.tinder,Tinder,15.0,2026-03-01\n"
    "D2,S2,com.microsoft.teams,Microsoft Teams,1.1,2025-11-01\n"
    "D2,S2,com.nordvpn.android,NordVPN,6.0,2026-02-01\n"
    "D2,S2,com.discord,Discord,200.1,2026-02-02\n"
    "D3,S99,org.thoughtcrime.securesms,Signal,7.1,2026-13-01\n",
}
NAMES = ("Ann Smith", "Bob Jones", "Amira", "Helen", "Ian Investigator", "Gwen")
PSEUDONYM = re.compile(r"Staff [A-Z]{4}-\d{3}")


@pytest.fixture(scope="module")
def governance_data(
    live_server_process: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    lantern, env = str(Path(sys.executable).with_name("lantern")), live_server_process.env
    folder = tmp_path_factory.mktemp("mdm")
    for day, body in INVENTORIES.items():
        path = folder / f"inventory-{day}.csv"
        path.write_text(HEADER + body)
        command = [lantern, "devices", "import", str(path), "--review-date", day]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    command = [lantern, "governance", "demo-seed"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def _no_names(text: str, where: str) -> None:
    for name in NAMES:
        assert name not in text, f"{name} appears on the governance viewer's {where}"
    assert not PSEUDONYM.search(text), f"a pseudonym appears on the governance viewer's {where}"
    assert not re.search(r"\bS\d+\b", text), f"a staff number appears on {where}"


def test_governance_viewer_sees_aggregates_only_and_downloads_the_pack(
    page: AccessiblePage, live_server_process: LiveServer, governance_data: None,
    tmp_path: Path,
) -> None:  # fmt: skip
    p = page.page
    _signed_in(page, live_server_process, "governance")
    page.goto("/governance/")
    page.check("governance-viewer-register")
    main = p.locator("main").inner_text()  # type: ignore[attr-defined]
    assert "R1" in main and "AFI1" in main
    _no_names(main, "register")
    assert p.locator("main a[href*='/governance/recommendations/']").count() == 0  # type: ignore[attr-defined]
    p.click("a:has-text('Governance-meeting pack')")  # type: ignore[attr-defined]
    page.check("governance-pack")
    main = p.locator("main").inner_text()  # type: ignore[attr-defined]
    for section in ("RAG summary", "Overdue actions", "The unit's figures by quarter"):
        assert section in main
    _no_names(main, "pack")
    with p.expect_download() as download:  # type: ignore[attr-defined]
        p.click("[data-testid=pack-download]")  # type: ignore[attr-defined]
    saved = tmp_path / "pack.pdf"
    download.value.save_as(saved)
    pdf = pdfium.PdfDocument(saved.read_bytes())
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Progress per recommendation" in text and "Encrypted apps on police devices" in text
    _no_names(text, "PDF pack")
    assert page.goto("/devices/").status == 403  # type: ignore[attr-defined]
    p.click("button:has-text('Sign out')")  # type: ignore[attr-defined]


def test_head_adds_an_update_and_reviews_devices(
    page: AccessiblePage, live_server_process: LiveServer, governance_data: None
) -> None:
    p = page.page
    _signed_in(page, live_server_process, "head")
    page.goto("/governance/")
    page.check("governance-register")
    p.click("a:has-text('R2')")  # type: ignore[attr-defined]
    page.check("governance-recommendation")
    first = p.locator("[data-testid=plan]").first  # type: ignore[attr-defined]
    first.locator("select[name=status]").select_option("on_track")
    first.locator("textarea[name=text]").fill("Second analyst starts on Monday.")
    first.locator("button:has-text('Add update')").click()
    assert p.locator("text=Update added.").is_visible()  # type: ignore[attr-defined]
    assert "Second analyst starts on Monday." in p.locator("[data-testid=plan]").first.inner_text()  # type: ignore[attr-defined]
    page.goto("/governance/pack/")
    page.check("governance-pack-head")
    # The encrypted-apps review.
    page.goto("/devices/")
    page.check("devices-reviews")
    p.click("a:has-text('10 Apr 2026')")  # type: ignore[attr-defined]
    page.check("devices-review")
    changes = p.locator("[data-testid=changes]").inner_text()  # type: ignore[attr-defined]
    assert "Tinder" in changes and "Snapchat" in changes
    assert "Ann Smith" not in p.locator("main").inner_text()  # type: ignore[attr-defined]
    assert "2026-13-01" in p.locator("[data-testid=rejected]").inner_text()  # type: ignore[attr-defined]
    p.click("a:has-text('Classify')")  # type: ignore[attr-defined]
    page.check("devices-catalogue")
    p.select_option("#id_risk_class", "social")  # type: ignore[attr-defined]
    p.fill("#id_reason", "Private messaging between users.")  # type: ignore[attr-defined]
    p.click("button:has-text('Add to the catalogue')")  # type: ignore[attr-defined]
    assert p.locator("text=Discord added to the catalogue").is_visible()  # type: ignore[attr-defined]
    p.click("a:has-text('Discord')")  # type: ignore[attr-defined]
    page.check("devices-catalogue-entry")
