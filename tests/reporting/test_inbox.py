"""The handlers' inbox: queues, opening (audited), replies, safeguarding, closing, figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.reporting import selectors
from lantern.reporting.models import Attachment, MessageKind, Outcome, Report, Status
from lantern.reporting.services import (
    ContactDetails,
    ReportContent,
    handler_message_send,
    report_close,
    report_safeguarding_record,
    report_submit,
)
from tests.factories import account_make, client_signed_in
from tests.reporting.helpers import (
    REPORT_TEXT,
    jpeg_with_exif,
    receipt_post,
    report_make,
    report_post,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler():  # type: ignore[no-untyped-def]
    return account_make(Role.REPORTING_HANDLER)


def _submit(**kwargs: object) -> Report:
    defaults: dict[str, object] = {
        "content": ReportContent(what_happened="Officer keeps texting a victim."),
        "channel": "public",
        "risk_now": "no",
        "contact": None,
    }
    return report_submit(**{**defaults, **kwargs}).report  # type: ignore[arg-type]


def test_inbox_lists_urgent_first_and_shows_nothing_decrypted(handler) -> None:  # type: ignore[no-untyped-def]
    calm = _submit()
    urgent = _submit(risk_now="yes")
    client = client_signed_in(handler)
    body = client.get("/reporting/").content.decode()
    assert body.index(urgent.reference) < body.index(calm.reference)
    assert "Urgent: someone may be at risk" in body
    assert "keeps texting" not in body
    assert not AuditRecord.objects.filter(event="reporting.report_opened").exists()
    urgent_queue = client.get("/reporting/?queue=urgent").content.decode()
    assert urgent.reference in urgent_queue and calm.reference not in urgent_queue


def test_opening_a_report_decrypts_it_and_is_audited(handler) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    report_make(client)
    report = Report.objects.get()
    response = client_signed_in(handler).get(f"/reporting/{report.pk}/")
    assert response.status_code == 200
    assert REPORT_TEXT in response.content.decode()
    record = AuditRecord.objects.get(event="reporting.report_opened")
    assert record.actor == handler.user and record.object_id == report.reference
    assert record.category == "consultation"


def test_a_reply_reaches_the_reporter_and_a_note_does_not(handler) -> None:  # type: ignore[no-untyped-def]
    reporter = Client()
    receipt = report_make(reporter)
    report = Report.objects.get()
    client = client_signed_in(handler)
    client.post(
        f"/reporting/{report.pk}/message/", {"kind": "question", "body": "Which station was he at?"}
    )
    client.post(f"/reporting/{report.pk}/message/", {"kind": "note", "body": "Internal-Only-Note"})
    report.refresh_from_db()
    assert report.status == Status.AWAITING_REPORTER
    assert report.first_response_at is not None
    page = receipt_post(reporter, receipt).content.decode()
    assert "Which station was he at?" in page
    assert "Internal-Only-Note" not in page
    assert "The team has asked you a question" in page


def test_a_note_is_not_a_first_response(handler) -> None:  # type: ignore[no-untyped-def]
    report = _submit()
    handler_message_send(actor=handler.user, report=report, body="n", kind=MessageKind.NOTE)
    report.refresh_from_db()
    assert report.first_response_at is None


def test_an_urgent_report_cannot_close_before_safeguarding(handler) -> None:  # type: ignore[no-untyped-def]
    report = _submit(risk_now="not_sure")
    assert report.urgent
    with pytest.raises(ValidationError):
        report_close(actor=handler.user, report=report, outcome=Outcome.NO_FURTHER_ACTION)
    report_safeguarding_record(actor=handler.user, report=report, action="Called the PPU.")
    report_close(actor=handler.user, report=report, outcome=Outcome.REFERRED, note="to PSD")
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.outcome == Outcome.REFERRED
    assert not selectors.inbox_for_handler(viewer=handler.user, queue=selectors.Queue.URGENT)


def test_close_and_safeguarding_through_the_pages(handler) -> None:  # type: ignore[no-untyped-def]
    report = _submit(risk_now="yes")
    client = client_signed_in(handler)
    refused = client.post(f"/reporting/{report.pk}/close/", {"outcome": "duplicate"})
    assert refused.status_code == 400
    assert b"record the safeguarding action" in refused.content
    client.post(f"/reporting/{report.pk}/safeguarding/", {"action": "Officer moved; victim told."})
    done = client.post(f"/reporting/{report.pk}/close/", {"outcome": "duplicate"})
    assert done.status_code == 302
    assert Report.objects.get().status == Status.CLOSED


def test_a_handler_can_mark_a_report_urgent(handler) -> None:  # type: ignore[no-untyped-def]
    report = _submit()
    client = client_signed_in(handler)
    client.post(f"/reporting/{report.pk}/urgent/", {"urgent_reason": "Reporter hinted at threats."})
    assert Report.objects.get().urgent
    assert AuditRecord.objects.get(event="reporting.urgent_marked").reason


def test_contact_details_need_a_reason_and_are_audited(handler) -> None:  # type: ignore[no-untyped-def]
    report = _submit(contact=ContactDetails(name="Jo Contact", phone="07700 900999"))
    client = client_signed_in(handler)
    page = client.get(f"/reporting/{report.pk}/").content.decode()
    assert "Jo Contact" not in page
    assert client.post(f"/reporting/{report.pk}/contact/", {}).status_code == 400
    shown = client.post(
        f"/reporting/{report.pk}/contact/", {"contact_reason": "Call back about risk"}
    )
    assert "Jo Contact" in shown.content.decode()
    record = AuditRecord.objects.get(event="reporting.contact_opened")
    assert record.reason == "Call back about risk"


def test_attachment_download_is_clean_and_audited(handler) -> None:  # type: ignore[no-untyped-def]
    photo = SimpleUploadedFile("x.jpg", jpeg_with_exif(), content_type="image/jpeg")
    assert report_post(Client(), files=[photo]).status_code == 200
    attachment = Attachment.objects.get()
    client = client_signed_in(handler)
    response = client.get(f"/reporting/{attachment.report_id}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.startswith(b"\xff\xd8") and b"PhoneMakerUnique" not in response.content
    assert AuditRecord.objects.filter(event="reporting.attachment_opened").count() == 1


def test_figures_count_volume_first_response_and_outcomes(handler) -> None:  # type: ignore[no-untyped-def]
    first, second = _submit(), _submit(channel="staff")
    _submit(channel="staff")
    handler_message_send(actor=handler.user, report=first, body="Thanks", kind=MessageKind.REPLY)
    report_close(actor=handler.user, report=second, outcome=Outcome.NO_FURTHER_ACTION)
    figures = selectors.reporting_figures(viewer=handler.user)
    assert figures.total == 3 and figures.last_30_days == 3 and figures.open == 2
    assert figures.first_response.answered == 1 and figures.first_response.unanswered == 2
    assert figures.first_response.median_hours is not None
    assert dict(figures.by_channel)["Police officer or staff"] == 2
    assert dict(figures.outcomes) == {"No further action (not enough to act on)": 1}
    page = client_signed_in(handler).get("/reporting/figures/")
    assert page.status_code == 200 and b"Time to first response" in page.content


@pytest.mark.parametrize("role", [r for r in Role if r != Role.REPORTING_HANDLER])
def test_only_handlers_read_reports(role: Role) -> None:
    report = _submit()
    other = account_make(role).user
    with pytest.raises(PermissionDenied):
        selectors.report_for_handler(viewer=other, report_id=report.pk)
    with pytest.raises(PermissionDenied):
        handler_message_send(actor=other, report=report, body="x", kind=MessageKind.REPLY)
