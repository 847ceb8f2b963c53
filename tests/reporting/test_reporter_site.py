"""The reporter-facing site: making a report, the receipt, coming back, replying."""

from __future__ import annotations

import pytest
from django.test import Client

from lantern.audit.models import AuditRecord
from lantern.reporting.models import Attachment, Message, Report, ReporterContact, Status
from tests.reporting.helpers import (
    FIELDS,
    REPORT_TEXT,
    conversation_token,
    form_token,
    receipt_post,
    report_make,
    report_post,
)

pytestmark = pytest.mark.django_db


def test_start_page_sets_no_cookie_and_runs_no_script(client: Client) -> None:
    response = client.get("/report/")
    assert response.status_code == 200
    assert not response.cookies
    body = response.content.decode()
    assert "<script" not in body
    assert "Make a report" in body
    assert response["Cache-Control"] == "no-store"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_reporter_pages_link_only_to_the_reporter_site(client: Client) -> None:
    import re

    for path in ("/report/", "/report/new/", "/report/return/"):
        body = client.get(path).content.decode()
        for href in re.findall(r'(?:href|action|src)="([^"]+)"', body):
            assert href.startswith(("/report/", "/static/", "#")), (path, href)


def test_an_anonymous_report_gets_a_receipt_and_is_stored_sealed(client: Client) -> None:
    receipt = report_make(client)
    assert len(receipt) == 29 and receipt.count("-") == 5
    report = Report.objects.get()
    assert report.anonymous and not report.urgent and report.status == Status.NEW
    assert report.receipt_lookup == receipt.replace("-", "")[:8]
    assert receipt.replace("-", "")[8:].encode() not in bytes(report.receipt_verifier or b"")
    assert REPORT_TEXT.encode() not in bytes(report.content_sealed)
    assert not ReporterContact.objects.exists()
    record = AuditRecord.objects.filter(event="reporting.report_received").get()
    assert record.actor is None and record.actor_label == "reporter"
    assert record.object_id == report.reference


def test_someone_at_risk_raises_the_urgent_flag(client: Client) -> None:
    report_make(client, risk_now="yes", risk_details="He knows where she lives.")
    assert Report.objects.get().urgent


def test_confidential_contact_details_are_stored_apart_and_sealed(client: Client) -> None:
    report_make(
        client,
        contact_choice="confidential",
        contact_name="Jo Reporter-Unique",
        contact_phone="07700 900123",
    )
    report = Report.objects.get()
    assert not report.anonymous
    contact = ReporterContact.objects.get(report=report)
    assert b"Jo Reporter-Unique" not in bytes(contact.details_sealed)


def test_contact_typed_by_an_anonymous_reporter_is_not_kept(client: Client) -> None:
    report_make(client, contact_choice="anonymous", contact_name="Should Not Be Kept")
    assert Report.objects.get().anonymous
    assert not ReporterContact.objects.exists()


def test_confidential_without_a_way_to_contact_is_refused(client: Client) -> None:
    response = report_post(client, contact_choice="confidential")
    assert response.status_code == 400
    assert b"Give a phone number" in response.content
    assert not Report.objects.exists()


def test_missing_answer_keeps_what_was_typed_and_stores_nothing(client: Client) -> None:
    response = report_post(client, what_happened="", where="Kept-Where-Text")
    assert response.status_code == 400
    assert b"Tell us what happened" in response.content
    assert b"Kept-Where-Text" in response.content
    assert not Report.objects.exists()


def test_a_form_token_works_once(client: Client) -> None:
    token = form_token(client)
    first = client.post("/report/new/", {**FIELDS, "form_token": token})
    assert first.status_code == 200
    again = client.post("/report/new/", {**FIELDS, "form_token": token})
    assert again.status_code == 400
    assert b"has not been sent yet" in again.content
    assert Report.objects.count() == 1


def test_a_post_without_a_token_is_not_stored(client: Client) -> None:
    response = client.post("/report/new/", FIELDS)
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_cross_site_post_is_refused(client: Client) -> None:
    data = {**FIELDS, "form_token": form_token(client)}
    response = client.post("/report/new/", data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 400
    response = client.post(
        "/report/new/",
        {**FIELDS, "form_token": form_token(client)},
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_return_with_the_receipt_shows_replies_and_takes_an_answer(client: Client) -> None:
    receipt = report_make(client)
    response = receipt_post(client, receipt.lower().replace("-", " "))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your report" in body and REPORT_TEXT in body
    token = conversation_token(response.content)
    reply = client.post(
        "/report/return/reply/",
        {
            "body": "It happened again yesterday.",
            "conversation": token,
            "form_token": form_token(client, "/report/return/"),
        },
    )
    assert reply.status_code == 200, reply.content.decode()[:800]
    assert b"Sent" in reply.content
    report = Report.objects.get()
    assert report.status == Status.AWAITING_HANDLER
    message = Message.objects.get()
    assert message.sent_by is None and message.author == "reporter"
    again = receipt_post(client, receipt)
    assert b"It happened again yesterday." in again.content


def test_a_wrong_receipt_gets_the_same_page(client: Client) -> None:
    report_make(client)
    response = receipt_post(client, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23")
    assert response.status_code == 200
    assert b"We could not open a report with that receipt" in response.content
    assert AuditRecord.objects.filter(event="reporting.receipt_refused").count() == 1


def test_an_expired_conversation_token_stores_nothing(client: Client) -> None:
    report_make(client)
    response = client.post(
        "/report/return/reply/",
        {
            "body": "x",
            "conversation": "forged",
            "form_token": form_token(client, "/report/return/"),
        },
    )
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_a_closed_report_takes_no_more_messages(client: Client) -> None:
    receipt = report_make(client)
    token = conversation_token(receipt_post(client, receipt).content)
    Report.objects.update(status=Status.CLOSED)
    response = client.post(
        "/report/return/reply/",
        {
            "body": "more",
            "conversation": token,
            "form_token": form_token(client, "/report/return/"),
        },
    )
    assert response.status_code == 409
    assert not Message.objects.exists()


def test_reply_get_goes_back_to_the_receipt_page(client: Client) -> None:
    response = client.get("/report/return/reply/")
    assert response.status_code == 302 and response["Location"] == "/report/return/"


def test_the_line_is_closed_without_a_key(client: Client, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lantern.reporting import crypto

    settings.LANTERN_REPORTING_KEY = None
    monkeypatch.setattr(crypto, "DEMO_SETTINGS_MODULES", frozenset())
    assert client.get("/report/new/").status_code == 503
    assert b"not open" in client.get("/report/").content


def test_attachments_are_cleaned_and_sealed(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.reporting.helpers import jpeg_with_exif

    photo = SimpleUploadedFile("IMG_0001 Jane.jpg", jpeg_with_exif(), content_type="image/jpeg")
    receipt = report_post(client, files=[photo])
    assert receipt.status_code == 200, receipt.content.decode()[:2000]
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    assert b"PhoneMakerUnique" not in bytes(attachment.data_sealed)
    assert b"Jane" not in bytes(attachment.name_sealed)


def test_only_what_happened_and_risk_are_required(client: Client) -> None:
    report_make(client, reporter_kind="", contact_choice="")
    report = Report.objects.get()
    assert report.channel == "unstated" and report.anonymous


def test_contact_details_without_a_choice_are_neither_kept_nor_dropped(client: Client) -> None:
    response = report_post(client, contact_choice="", contact_phone="07700 900111")
    assert response.status_code == 400
    assert b"Choose whether you want to stay anonymous" in response.content
    assert not Report.objects.exists()


def test_an_unknown_reporter_page_stays_on_the_reporter_site(client: Client) -> None:
    response = client.get("/report/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Confidential reporting line" in body and "/account/" not in body
