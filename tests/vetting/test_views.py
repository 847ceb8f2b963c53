"""The vetting pages: dashboard figures, export, renewal, uploads, own declarations only."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.vetting.models import Clearance, Declaration, HrImport
from tests.factories import (
    account_make,
    clearance_make,
    client_signed_in,
    post_make,
    posting_make,
    staff_make,
)

pytestmark = pytest.mark.django_db


def _force():  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    da = post_make("MV", unit="Public protection", high_contact=True, title="DA officer")
    ok, lapsed = staff_make(name="Olive Okay"), staff_make(name="Larry Lapsed")
    posting_make(ok, da)
    posting_make(lapsed, da)
    clearance_make(ok, "MV", expires_on=today + timedelta(days=45))
    old = clearance_make(lapsed, "MV", expires_on=today - timedelta(days=3))
    return ok, lapsed, old


def test_dashboard_shows_figures_chart_and_the_non_compliant() -> None:
    _force()
    page = client_signed_in(account_make(Role.VETTING_OFFICER)).get("/vetting/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="figure-non-compliant">1<' in html
    assert 'data-testid="figure-expiring-90">1<' in html
    assert "<svg" in html and 'class="lantern-mark--unexplained"' in html and "style=" not in html
    assert "Larry Lapsed" in html and "Olive Okay" not in html
    expiring = client_signed_in(account_make(Role.VETTING_OFFICER)).get("/vetting/?show=90")
    assert "Olive Okay" in expiring.content.decode()
    assert AuditRecord.objects.filter(event="vetting.dashboard_viewed").count() == 2


def test_the_people_list_narrows_to_one_unit_from_its_row() -> None:
    _force()
    response = post_make("RV", unit="Response", title="Response officer")
    nobody = staff_make(name="Nina Nocleared")
    posting_make(nobody, response)
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    html = client.get("/vetting/").content.decode()
    assert "Larry Lapsed" in html and "Nina Nocleared" in html
    assert (
        'href="?unit=Public%20protection#people"' in html and 'href="?unit=Response#people"' in html
    )
    only = client.get("/vetting/?unit=Public%20protection").content.decode()
    assert 'data-testid="unit-filter"' in only
    assert "Larry Lapsed" in only and "Nina Nocleared" not in only
    assert "?show=90&amp;unit=Public%20protection#people" in only  # the filter is kept
    response_only = client.get("/vetting/?unit=Response").content.decode()
    assert "Nina Nocleared" in response_only and "Larry Lapsed" not in response_only
    # a unit nobody is posted to is not a filter: everyone is listed
    unknown = client.get("/vetting/?unit=Nowhere").content.decode()
    assert "Larry Lapsed" in unknown and "Nina Nocleared" in unknown


def test_the_dashboard_audit_names_whose_records_the_page_showed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lantern.vetting import selectors

    ok, lapsed, _ = _force()
    others = [staff_make(name=f"Person {i:02d}") for i in range(3)]
    post = post_make("RV", unit="Response")
    for member in others:
        posting_make(member, post)
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    monkeypatch.setattr(selectors, "DASHBOARD_PAGE_SIZE", 2)
    client.get("/vetting/?page=2")
    client.get("/vetting/?unit=Public%20protection")
    client.get("/vetting/?show=90")
    second, unit, expiring = AuditRecord.objects.filter(event="vetting.dashboard_viewed").order_by(
        "seq"
    )
    listed = sorted([lapsed.staff_id, *(m.staff_id for m in others)])
    assert second.detail["page"] == 2 and len(second.detail["staff_ids"]) == 2
    assert set(second.detail["staff_ids"]) < set(listed)
    assert unit.detail["unit"] == "Public protection"
    assert unit.detail["staff_ids"] == [lapsed.staff_id]
    assert expiring.detail["show"] == "90" and expiring.detail["staff_ids"] == [ok.staff_id]


def test_inspectorate_export_has_figures_per_unit_and_nothing_about_a_person() -> None:
    ok, lapsed, _ = _force()
    response = client_signed_in(account_make(Role.VETTING_OFFICER)).get("/vetting/compliance.csv")
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["unit"] for r in rows] == ["Public protection", "Force-wide"]
    unit = rows[0]
    assert (unit["people_in_post"], unit["compliant"], unit["non_compliant"]) == ("2", "1", "1")
    assert (unit["non_compliant_expired"], unit["non_compliant_below_level"]) == ("1", "0")
    assert unit["non_compliant_no_clearance"] == "0"
    assert (unit["expiring_within_30_days"], unit["expiring_within_90_days"]) == ("0", "1")
    assert unit["expiring_within_180_days"] == "1"
    assert "staff_id" not in unit
    for person in (ok, lapsed):
        assert person.staff_id not in text and person.name not in text
    audit = AuditRecord.objects.get(event="vetting.compliance_exported")
    assert audit.category == "disclosure" and audit.detail["units"] == 1


def test_recording_a_renewal_makes_the_person_compliant() -> None:
    _, lapsed, old = _force()
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    assert client.get(f"/vetting/clearances/{old.pk}/").status_code == 200
    assert AuditRecord.objects.filter(event="vetting.clearance_viewed").count() == 1
    bad = client.post(f"/vetting/clearances/{old.pk}/renew/", {"granted_on": "2026-02-30"})
    assert bad.status_code == 400
    response = client.post(
        f"/vetting/clearances/{old.pk}/renew/",
        {
            "granted_on": timezone.localdate().isoformat(),
            "rationale": "Renewal checks clear.",
        },
    )
    assert response.status_code == 302
    assert Clearance.objects.get(staff=lapsed, status="active").renews == old
    assert 'data-testid="figure-non-compliant">0<' in client.get("/vetting/").content.decode()


def test_after_ending_lapsed_clearances_the_holder_still_shows_as_expired_and_can_renew() -> None:
    _, lapsed, old = _force()
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    assert client.post("/vetting/expire/").status_code == 302
    old.refresh_from_db()
    assert old.status == "expired"
    html = client.get("/vetting/").content.decode()
    assert 'data-testid="figure-non-compliant">1<' in html and "Larry Lapsed" in html
    assert "Expired" in html and "End clearances past their expiry" not in html
    person = client.get(f"/vetting/people/{lapsed.pk}/").content.decode()
    assert 'govuk-tag--red">Expired<' in person
    page = client.get(f"/vetting/clearances/{old.pk}/").content.decode()
    assert "Record the renewal" in page and "Withdraw the clearance" not in page
    response = client.post(
        f"/vetting/clearances/{old.pk}/renew/",
        {"granted_on": timezone.localdate().isoformat(), "rationale": "Late renewal, clear."},
    )
    assert response.status_code == 302
    assert Clearance.objects.get(staff=lapsed, status="active").renews == old
    assert 'data-testid="figure-non-compliant">0<' in client.get("/vetting/").content.decode()


def test_upload_page_imports_and_reports_rejections() -> None:
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    upload = SimpleUploadedFile(
        "posts.csv",
        b"post_id,title,unit,area,high_contact,required_level\n"
        b"P1,A,U,A01,no,RV\nP2,B,U,A01,no,XX\n",
    )
    response = client.post("/vetting/imports/", {"kind": "posts", "file": upload}, follow=True)
    assert b"2 rows read, 1 accepted, 1 rejected" in response.content
    assert b"unknown vetting level" in response.content
    missing = SimpleUploadedFile("posts.csv", b"post_id\nP1\n")
    refused = client.post("/vetting/imports/", {"kind": "posts", "file": missing})
    assert refused.status_code == 400 and b"missing column" in refused.content
    assert HrImport.objects.count() == 1


def test_a_member_of_staff_sees_and_submits_only_their_own_declarations() -> None:
    mine, theirs = account_make(Role.STAFF), account_make(Role.STAFF)
    staff_make(account=mine.user)
    other = staff_make(account=theirs.user)
    foreign = Declaration.objects.create(
        staff=other, kind="business_interest", description="Their secret business"
    )
    client = client_signed_in(mine)
    response = client.post(
        "/vetting/my-declarations/",
        {
            "kind": "notifiable_association",
            "description": "My cousin is a known drug supplier",
        },
        follow=True,
    )
    assert b"My cousin is a known drug supplier" in response.content
    assert b"Their secret business" not in response.content
    assert client.get(f"/vetting/my-declarations/{foreign.pk}/").status_code == 404
    own = Declaration.objects.get(description__startswith="My cousin")
    assert client.get(f"/vetting/my-declarations/{own.pk}/").status_code == 200
    assert client.get(f"/vetting/declarations/{own.pk}/").status_code == 403
    officer = client_signed_in(account_make(Role.VETTING_OFFICER))
    decided = officer.post(
        f"/vetting/declarations/{own.pk}/",
        {
            "decision": "approved_with_conditions",
            "conditions": "No contact while on duty.",
            "rationale": "Declared promptly; manageable.",
        },
    )
    assert decided.status_code == 302
    own.refresh_from_db()
    assert own.decision == "approved_with_conditions"
    assert b"No contact while on duty." in client.get(f"/vetting/my-declarations/{own.pk}/").content


def test_a_vetting_officer_never_sees_their_own_record() -> None:
    officer = account_make(Role.VETTING_OFFICER)
    own = staff_make(account=officer.user, name="Vera Self")
    clearance = clearance_make(own)
    client = client_signed_in(officer)
    assert client.get(f"/vetting/people/{own.pk}/").status_code == 404
    assert client.get(f"/vetting/clearances/{clearance.pk}/").status_code == 404
    assert b"Vera Self" not in client.get("/vetting/people/?q=Vera").content


def test_transfer_pages_export_and_import_through_the_browser_forms() -> None:
    member = staff_make(staff_id="S777", name="Tom Transfer")
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    response = client.post(
        "/vetting/transfers/export/", {"staff_id": "S777", "receiving_force": "Neighbouring"}
    )
    assert response.status_code == 302
    packet_url = response["Location"]
    assert b"Tom Transfer" in client.get(packet_url).content
    body = client.get(packet_url + "packet.json").content
    tampered = body.replace(b"Tom", b"Tim")
    refused = client.post(
        "/vetting/transfers/import/", {"packet": SimpleUploadedFile("p.json", tampered)}
    )
    assert (
        refused.status_code == 400
        and b"Packet refused: The signature does not match" in refused.content
    )
    # Addressed to the neighbour: not this force's to receive.
    elsewhere = client.post(
        "/vetting/transfers/import/", {"packet": SimpleUploadedFile("p.json", body)}
    )
    assert elsewhere.status_code == 400
    assert b"addressed to &#x27;NEIGHBOURING&#x27;, not to this force (DEMO)" in elsewhere.content
    bad_code = client.post(
        "/vetting/transfers/export/", {"staff_id": "S777", "receiving_force": "West Yorks"}
    )
    assert bad_code.status_code == 400 and b"Give the force code" in bad_code.content
    # A returning officer's packet, addressed to this force, is received.
    home = client.post(
        "/vetting/transfers/export/", {"staff_id": "S777", "receiving_force": "demo"}
    )
    home_body = client.get(home["Location"] + "packet.json").content
    received = client.post(
        "/vetting/transfers/import/",
        {"packet": SimpleUploadedFile("p.json", home_body)},
        follow=True,
    )
    assert member.name.encode() in received.content
    assert b'data-testid="check-required"' in received.content  # no date of birth held


def test_a_member_of_staff_sees_the_decision_not_the_rationale_or_who_decided() -> None:
    account = account_make(Role.STAFF)
    member = staff_make(account=account.user)
    own = Declaration.objects.create(
        staff=member,
        kind="business_interest",
        description="Part-time tutor",
        decision="approved_with_conditions",
        conditions="Not in working hours.",
        rationale="Low risk; the internal deliberation stays in the unit.",
        decided_by_label="Valerie Vetter",
        decided_at=timezone.now(),
    )
    page = client_signed_in(account).get(f"/vetting/my-declarations/{own.pk}/").content.decode()
    assert "Approved with conditions" in page and "Not in working hours." in page
    assert timezone.localdate().strftime("%Y") in page
    assert "internal deliberation" not in page and "Valerie Vetter" not in page
    officer = client_signed_in(account_make(Role.VETTING_OFFICER))
    unit_page = officer.get(f"/vetting/declarations/{own.pk}/").content.decode()
    assert "internal deliberation" in unit_page and "Valerie Vetter" in unit_page


def test_rejected_hr_rows_about_the_viewing_officer_are_not_shown_to_them() -> None:
    officer = account_make(Role.VETTING_OFFICER)
    staff_make(account=officer.user, staff_id="S-ME")
    staff_make(staff_id="S-OTHER")
    client = client_signed_in(officer)
    upload = SimpleUploadedFile(
        "records.csv",
        b"staff_id,kind,recorded_on,summary\n"
        b"S-ME,complaint,2026-02-30,Complaint about me\n"
        b"S-OTHER,complaint,2026-02-31,Complaint about them\n",
    )
    client.post("/vetting/imports/", {"kind": "records", "file": upload})
    run = HrImport.objects.get()
    mine = client.get(f"/vetting/imports/{run.pk}/").content.decode()
    assert "2026-02-31" in mine and "2026-02-30" not in mine
    assert "1 rejected row is about you and not shown" in mine
    colleague = client_signed_in(account_make(Role.VETTING_OFFICER))
    assert "2026-02-30" in colleague.get(f"/vetting/imports/{run.pk}/").content.decode()
