"""The pack (HTML and PDF), the export, and the governance viewer's names-free view."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pypdfium2 as pdfium
import pytest
from django.utils.timezone import now

from lantern.accounts.roles import Role
from lantern.alerts.models import Alert, AlertStatus, Reveal, RevealStatus
from lantern.audit.models import AuditRecord
from lantern.devices.services import device_inventory_import
from lantern.force.models import StaffMember
from tests.factories import account_make, alert_make, client_signed_in, staff_make
from tests.governance.factories import recommendation_with_plans

pytestmark = pytest.mark.django_db
PACK_SECTIONS = (
    "RAG summary",
    "Progress per recommendation",
    "Overdue actions",
    "The unit's figures by quarter",
    "Encrypted apps on police devices",
)


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def _world() -> tuple[list[str], str]:
    """Named people everywhere the unit looks; returns what must never reach the viewer."""
    head = account_make(Role.HEAD_OF_PSD, username="helenhead")
    head.user.first_name, head.user.last_name = "Helen", "Hardcastle"
    head.user.save()
    recommendation_with_plans(head.user, head.user)
    staff = [staff_make(staff_id=f"S77{i}", name=f"Zebedee Quill{i}", team_id="Response North")
             for i in range(3)]  # fmt: skip
    for member in staff:
        alert = alert_make(member)
        Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.DISMISSED, decided_at=now())
        Reveal.objects.create(viewer=head.user, staff=member, alert=alert, reason="r",
                              status=RevealStatus.GRANTED)  # fmt: skip
    device_inventory_import(
        actor=None, source_name="inv.csv", review_date=date(2026, 3, 1),
        text="device_id,holder_staff_id,app_id,app_name,app_version,installed_on\n"
        "D1,S770,com.whatsapp,WhatsApp,1,2026-01-01\n",
    )  # fmt: skip
    forbidden = ["Helen", "Hardcastle", "helenhead", "Zebedee", "Quill", "S770", "S771",
                 "/alerts/", "Going well, per Helen"]  # fmt: skip
    forbidden += [m.pseudonym for m in StaffMember.objects.all()]
    return forbidden, "R1"


def test_governance_viewer_sees_aggregates_and_progress_but_never_a_name() -> None:
    forbidden, reference = _world()
    client = client_signed_in(account_make(Role.GOVERNANCE))
    pages = {
        "index": client.get("/governance/").content.decode(),
        "pack": client.get("/governance/pack/").content.decode(),
        "csv": client.get("/governance/export.csv").content.decode(),
        "json": client.get("/governance/export.json").content.decode(),
    }
    pdf = client.get("/governance/pack.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    pages["pdf"] = pdf_text(pdf.content)
    for name, text in pages.items():
        assert reference in text, name
        for word in forbidden:
            assert word not in text, f"{word!r} appears in the governance viewer's {name}"
    assert "/governance/recommendations/" not in pages["index"]  # no links into records
    assert client.get("/governance/recommendations/new/").status_code == 403
    for path in ("/devices/", "/alerts/"):
        assert client.get(path).status_code == 403


def test_pack_pdf_has_the_sections_and_is_audited_as_disclosure() -> None:
    _world()
    client = client_signed_in(account_make(Role.HEAD_OF_PSD))
    response = client.get("/governance/pack.pdf?as_of=2026-07-01")
    text = pdf_text(response.content)
    for section in PACK_SECTIONS:
        assert section in text
    assert "As at 1 July 2026" in text
    assert "Plan B" in text and "31" in text  # overdue by 31 days
    record = AuditRecord.objects.filter(event="governance.pack_disclosed").latest("seq")
    assert record.category == "disclosure" and record.detail["as_of"] == "2026-07-01"


def test_pack_for_a_past_date_leaves_out_later_updates() -> None:
    _world()
    client = client_signed_in(account_make(Role.ANALYST))
    early = client.get("/governance/pack/?as_of=2026-02-15").content.decode()
    assert "Plan A" in early and "Plan C" not in early and "No action is overdue." in early
    later = client.get("/governance/pack/?as_of=2026-07-01").content.decode()
    assert "Plan C" in later and "No action is overdue." not in later
    assert AuditRecord.objects.filter(event="governance.pack_viewed").count() == 2


def test_export_is_progress_only_and_a_disclosure() -> None:
    _world()
    client = client_signed_in(account_make(Role.HEAD_OF_PSD))
    document = json.loads(client.get("/governance/export.json?as_of=2026-07-01").content)
    assert document["schema"] == "lantern.governance.progress/1"
    r1 = next(r for r in document["recommendations"] if r["reference"] == "R1")
    assert r1["rag"] == "Red"
    assert [(p["action"], p["status"]) for p in r1["plans"]] == [
        ("Plan A", "Complete"), ("Plan B", "Overdue"), ("Plan C", "Not started"),
    ]  # fmt: skip
    rows = list(csv.reader(io.StringIO(client.get("/governance/export.csv?as_of=2026-07-01")
                                       .content.decode())))  # fmt: skip
    assert rows[0][:3] == ["reference", "kind", "source_report"]
    assert len(rows) == 1 + 3 + 1  # header, R1's three plans, AFI1 without a plan
    assert AuditRecord.objects.filter(event="governance.progress_exported",
                                      category="disclosure").count() == 2  # fmt: skip


def _figure_cells(page: str, key: str) -> list[str]:
    import re

    row = re.search(rf'data-figure="{key}">(.*?)</tr>', page, re.S)
    assert row is not None
    return re.findall(r'<td class="govuk-table__cell govuk-table__cell--numeric">(.*?)</td>',
                      row.group(1))  # fmt: skip


def test_pack_page_suppresses_the_last_complete_quarters_three_dismissals() -> None:
    """The viewer's pack is as at the end of the last complete quarter: three dismissals in
    that quarter are "fewer than 5", and the other quarters are withheld with them."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from lantern.alerts.models import ScanRun
    from lantern.strategy.periods import complete_quarter_end

    _world()
    today = timezone.localdate()
    quarter_end = complete_quarter_end(today, today)
    decided = timezone.make_aware(datetime.combine(quarter_end - timedelta(days=5), time(12)))
    ScanRun.objects.update(loaded_at=decided - timedelta(days=1))
    Alert.objects.update(last_seen=decided - timedelta(days=1), decided_at=decided)
    client = client_signed_in(account_make(Role.GOVERNANCE))
    response = client.get(f"/governance/pack/?as_of={today.isoformat()}")
    assert response.context["pack"].as_of == quarter_end
    page = response.content.decode()
    assert _figure_cells(page, "alerts_dismissed") == [
        "withheld", "withheld", "withheld", "fewer than 5", "fewer than 5",
    ]  # fmt: skip
    assert "3<" not in "".join(_figure_cells(page, "alerts_raised"))


def test_governance_viewer_cannot_pick_a_date_that_reveals_this_quarter() -> None:
    """Dismissals decided today are in no pack the viewer can have, however far ahead the
    date asked for; packs for dates in the same quarter are the same pack."""
    import calendar

    from django.utils import timezone

    from lantern.strategy.periods import complete_quarter_end

    _world()  # three dismissals decided today
    today = timezone.localdate()
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    quarter_end = complete_quarter_end(today, today)
    client = client_signed_in(account_make(Role.GOVERNANCE))
    pages = {}
    for asked in (month_end, date(2999, 1, 1), today, quarter_end):
        response = client.get(f"/governance/pack/?as_of={asked.isoformat()}")
        assert response.context["pack"].as_of == quarter_end
        assert response.context["pack"].figures.counted_to <= quarter_end
        pages[asked] = _figure_cells(response.content.decode(), "alerts_dismissed")
        assert pages[asked] == ["0"] * 5
    page = client.get(f"/governance/pack/?as_of={today.isoformat()}").content.decode()
    assert 'data-testid="pack-as-of-note"' in page
    assert f"these figures are as at {quarter_end:%-d %B %Y}" in page
    document = json.loads(client.get("/governance/export.json?as_of=2999-01-01").content)
    assert document["as_of"] == quarter_end.isoformat()
    assert document["as_of_requested"] == today.isoformat()
    assert "last complete quarter" in document["as_of_note"]
    # The unit's own pack keeps the day asked for, but never a day after today.
    unit = client_signed_in(account_make(Role.HEAD_OF_PSD))
    assert unit.get("/governance/pack/?as_of=2999-01-01").context["pack"].as_of == today
    assert unit.get("/governance/pack/?as_of=2026-07-15").context["pack"].as_of == date(2026, 7, 15)


def test_cli_pack_and_export_are_as_at_the_last_complete_quarter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from lantern.cli import main
    from lantern.strategy.periods import complete_quarter_end

    _world()
    today = timezone.localdate()
    quarter_end = complete_quarter_end(today, today)
    out = tmp_path / "export.json"
    assert main(["governance", "export", "--as-of", "2999-01-01", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["as_of"] == quarter_end.isoformat()
    assert main(["governance", "pack", "--as-of", "2999-01-01", "--out",
                 str(tmp_path / "pack.pdf")]) == 0  # fmt: skip
    record = AuditRecord.objects.filter(event="governance.pack_disclosed").latest("seq")
    assert record.detail["as_of"] == quarter_end.isoformat()
    assert f"As at {quarter_end:%-d %B %Y}" in pdf_text((tmp_path / "pack.pdf").read_bytes())
