"""Vetting in a real browser: the non-compliant found, a renewal recorded, a packet exported
and packets imported between two demo forces; a member of staff declares, and sees only theirs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lantern.synth.config import ForceConfig
from lantern.synth.force import build_staff
from lantern.synth.hr import hr_export_write
from tests.browser.conftest import ROOT, AccessiblePage, LiveServer
from tests.browser.test_alert_to_outcome import _signed_in

pytestmark = pytest.mark.browser


def _run(server: LiveServer, *args: str) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=server.env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def hr_force(live_server_process: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic force's HR export, imported the way the demo does it."""
    out = tmp_path_factory.mktemp("hr-force")
    config = ForceConfig(staff=60, days=7, seed=11)
    hr_export_write(out, config, build_staff(config, np.random.default_rng(config.seed)))
    lantern = str(Path(sys.executable).with_name("lantern"))
    imported = _run(
        live_server_process, lantern, "vetting", "import-hr", str(out / "hr"), "--as-of-today"
    )
    assert "lists.csv (lists): 3 rows read, 3 accepted" in imported
    _run(
        live_server_process,
        lantern,
        "vetting",
        "demo-neighbour-packet",
        str(out / "neighbour.json"),
        "--forenames",
        "Jordan Lee",
        "--surname",
        "Hartley",
        "--born",
        "1988-04-12",
    )
    return out


def _figure(page: AccessiblePage) -> int:
    return int(page.page.locator("[data-testid=figure-non-compliant]").inner_text())  # type: ignore[attr-defined]


def test_vetting_officer_finds_renews_and_moves_packets(
    page: AccessiblePage, live_server_process: LiveServer, hr_force: Path
) -> None:
    p = page.page
    _signed_in(page, live_server_process, "vetting")
    p.click("nav[aria-label='Main menu'] a:has-text('Vetting')")  # type: ignore[attr-defined]
    page.check("vetting-dashboard")
    before = _figure(page)
    assert before > 0
    assert p.locator("figure svg rect.lantern-mark--unexplained").count() >= 1  # type: ignore[attr-defined]
    # The first person whose clearance has expired: open, renew.
    p.click("[data-testid=people-table] tr:has-text('Expired') a")  # type: ignore[attr-defined]
    page.check("vetting-person")
    staff_id = p.locator("h1").inner_text().split("(")[-1].rstrip(")")  # type: ignore[attr-defined]
    p.click("[data-testid=clearances] a:has-text('renew or withdraw')")  # type: ignore[attr-defined]
    page.check("vetting-clearance")
    p.fill("#id_rationale", "Renewal checks complete: PNC, PND and financial checks clear.")  # type: ignore[attr-defined]
    p.click("button:has-text('Record the renewal')")  # type: ignore[attr-defined]
    assert p.locator("text=Renewal recorded").is_visible()  # type: ignore[attr-defined]
    assert "Compliant" in p.locator("[data-testid=status]").first.inner_text()  # type: ignore[attr-defined]
    page.goto("/vetting/")
    assert _figure(page) == before - 1
    # Aftercare: this year's annual reviews, and a reproducible random draw.
    p.click("a:has-text('Aftercare')")  # type: ignore[attr-defined]
    p.click("button:has-text('Schedule this year')")  # type: ignore[attr-defined]
    assert p.locator("text=annual integrity reviews scheduled").is_visible()  # type: ignore[attr-defined]
    page.check("vetting-aftercare")
    p.fill("#id_count", "3")  # type: ignore[attr-defined]
    p.click("button:has-text('Draw')")  # type: ignore[attr-defined]
    assert "Same result" in p.locator("[data-testid=reproduced]").inner_text()  # type: ignore[attr-defined]
    page.check("vetting-revetting")
    # Export this person's standard information set to the neighbouring force.
    p.click("a:has-text('Transfers')")  # type: ignore[attr-defined]
    page.check("vetting-transfers")
    p.fill("#id_staff_id", staff_id)  # type: ignore[attr-defined]
    p.fill("#id_receiving_force", "NEIGHBOUR")  # type: ignore[attr-defined]
    p.click("button:has-text('Sign the transfer packet')")  # type: ignore[attr-defined]
    assert p.locator("text=Transfer packet signed").is_visible()  # type: ignore[attr-defined]
    page.check("vetting-packet")
    with p.expect_download() as download:  # type: ignore[attr-defined]
        p.click("a:has-text('Download the signed packet')")  # type: ignore[attr-defined]
    exported = hr_force / "exported.json"
    download.value.save_as(exported)
    envelope = json.loads(exported.read_text())
    assert envelope["document"]["schema"] == "lantern.transfer-packet/1"
    assert envelope["signature"]["key_id"] == "DEMO"
    assert envelope["document"]["receiving_force"] == "NEIGHBOUR"
    # The neighbouring force, a second instance with its own database, accepts it.
    neighbour_dir = hr_force / "neighbour-force"
    neighbour_dir.mkdir(exist_ok=True)
    received = subprocess.run(
        [
            str(Path(sys.executable).with_name("lantern")),
            "vetting",
            "demo-receive-as-neighbour",
            str(exported),
        ],
        cwd=ROOT,
        env={
            **live_server_process.env,
            "LANTERN_FORCE_CODE": "NEIGHBOUR",
            "LANTERN_FORCE_NAME": "Neighbouring Demo Police",
            "LANTERN_DATA_DIR": str(neighbour_dir),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert received.returncode == 0, received.stdout + received.stderr
    assert "from DEMO verified and received by NEIGHBOUR" in received.stdout
    assert "signature and schema OK" in received.stdout
    assert "appointment: May proceed (no list match)" in received.stdout
    assert (neighbour_dir / "lantern.sqlite3").exists()  # its own database, not this force's
    with p.expect_download() as pdf:  # type: ignore[attr-defined]
        p.click("a:has-text('Download the readable copy')")  # type: ignore[attr-defined]
    pdf.value.save_as(hr_force / "exported.pdf")
    assert (hr_force / "exported.pdf").read_bytes().startswith(b"%PDF")
    # A tampered packet is refused with the reason.
    envelope["document"]["subject"]["surname"] = "Someone-Else"
    (hr_force / "tampered.json").write_text(json.dumps(envelope))
    page.goto("/vetting/transfers/")
    p.set_input_files("#id_packet", str(hr_force / "tampered.json"))  # type: ignore[attr-defined]
    p.click("button:has-text('Verify and receive')")  # type: ignore[attr-defined]
    assert p.locator("text=Packet refused: The signature does not match").first.is_visible()  # type: ignore[attr-defined]
    page.check("vetting-transfer-refused")
    # The neighbouring force's packet: verified, but its subject is on the barred list.
    p.set_input_files("#id_packet", str(hr_force / "neighbour.json"))  # type: ignore[attr-defined]
    p.click("button:has-text('Verify and receive')")  # type: ignore[attr-defined]
    assert p.locator("text=verified and received").is_visible()  # type: ignore[attr-defined]
    assert "Appointment stopped" in p.locator("[data-testid=stopped]").inner_text()  # type: ignore[attr-defined]
    page.check("vetting-incoming-stopped")
    # This force's own packet is addressed to the neighbouring force: not ours to receive.
    page.goto("/vetting/transfers/")
    p.set_input_files("#id_packet", str(exported))  # type: ignore[attr-defined]
    p.click("button:has-text('Verify and receive')")  # type: ignore[attr-defined]
    assert p.locator(  # type: ignore[attr-defined]
        "text=addressed to 'NEIGHBOUR', not to this force (DEMO)"
    ).first.is_visible()
    p.click("button:has-text('Sign out')")  # type: ignore[attr-defined]
    # The head of professional standards sees the escalation and the history.
    _signed_in(page, live_server_process, "head")
    p.click("nav[aria-label='Main menu'] a:has-text('Transferees')")  # type: ignore[attr-defined]
    assert p.locator("text=1 appointment stopped").is_visible()  # type: ignore[attr-defined]
    page.check("vetting-psd")
    p.click("a:has-text('Jordan Lee Hartley')")  # type: ignore[attr-defined]
    p.fill("#id_note", "Barred-list match confirmed; appointment refused; history filed.")  # type: ignore[attr-defined]
    p.click("button:has-text('Record the disciplinary history')")  # type: ignore[attr-defined]
    assert p.locator("text=recorded by professional standards").is_visible()  # type: ignore[attr-defined]
    page.check("vetting-psd-recorded")


def test_staff_member_declares_and_sees_only_their_own(
    page: AccessiblePage, live_server_process: LiveServer, hr_force: Path
) -> None:
    p = page.page
    other = _run(
        live_server_process,
        sys.executable,
        "manage.py",
        "shell",
        "-v",
        "0",
        "-c",
        "from lantern.vetting.models import Declaration; "
        "print(Declaration.objects.exclude(staff__staff_id='DEMO-S0001').first().pk)",
    ).strip()
    _signed_in(page, live_server_process, "staff")
    p.click("nav[aria-label='Main menu'] a:has-text('Your declarations')")  # type: ignore[attr-defined]
    page.check("declarations-own")
    p.select_option("#id_kind", value="business_interest")  # type: ignore[attr-defined]
    p.fill("#id_description", "Co-owner of a dog-grooming business in Leeds since 2024.")  # type: ignore[attr-defined]
    p.click("button:has-text('Submit the declaration')")  # type: ignore[attr-defined]
    assert p.locator("text=Declaration submitted").is_visible()  # type: ignore[attr-defined]
    rows = p.locator("[data-testid=my-declarations] tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == 1 and "dog-grooming" in rows.inner_text()
    page.check("declarations-own-submitted")
    assert page.goto(f"/vetting/my-declarations/{other}/").status == 404  # type: ignore[attr-defined]
    assert page.goto("/vetting/declarations/").status == 403  # type: ignore[attr-defined]
    assert page.goto("/vetting/").status == 403  # type: ignore[attr-defined]
