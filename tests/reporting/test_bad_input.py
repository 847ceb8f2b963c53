"""Oversized, malformed and flooding input: a clear page, and nothing stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lantern.audit.models import AuditRecord
from lantern.reporting.models import Attachment, Report
from tests.reporting.helpers import FIELDS, form_token, receipt_post, report_make, report_post

pytestmark = pytest.mark.django_db


def _nothing_stored() -> None:
    assert not Report.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_body_is_refused_unread(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_REQUEST_MAX_BYTES = 50_000
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * 60_000, content_type="image/jpeg")
    response = report_post(client, files=[big])
    assert response.status_code == 413
    assert b"too large" in response.content and b"Nothing was saved" in response.content
    _nothing_stored()


def test_an_oversized_text_is_refused(client: Client) -> None:
    response = report_post(client, what_happened="x" * 1_100_000)
    assert response.status_code == 400
    assert b"could not read" in response.content
    _nothing_stored()


def test_text_over_the_limit_is_a_form_error(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_TEXT_MAX_CHARS = 100
    response = report_post(client, what_happened="y" * 101)
    assert response.status_code == 400 and b"at most 100 characters" in response.content
    _nothing_stored()


def test_a_malformed_multipart_body_is_refused(client: Client) -> None:
    response = client.generic(
        "POST",
        "/report/new/",
        b"--xx\r\nContent-Disposition: form-data; name=\r\n\r\n",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    assert b"Nothing was saved" in response.content
    _nothing_stored()


def test_too_many_fields_are_refused(client: Client) -> None:
    response = client.post("/report/new/", {f"f{i}": "x" for i in range(500)})
    assert response.status_code == 400
    _nothing_stored()


def test_a_bad_file_among_good_ones_stores_nothing(client: Client) -> None:
    from tests.reporting.helpers import jpeg_with_exif

    good = SimpleUploadedFile("a.jpg", jpeg_with_exif(), content_type="image/jpeg")
    bad = SimpleUploadedFile("b.jpg", b"not really a photo", content_type="image/jpeg")
    response = report_post(client, files=[good, bad])
    assert response.status_code == 400
    assert b"b.jpg is not a photo" in response.content
    _nothing_stored()


def test_too_many_files_are_refused(client: Client) -> None:
    from tests.reporting.helpers import jpeg_with_exif

    files = [
        SimpleUploadedFile(f"{i}.jpg", jpeg_with_exif(), content_type="image/jpeg")
        for i in range(4)
    ]
    response = report_post(client, files=files)
    assert response.status_code == 400 and b"3 files or fewer" in response.content
    _nothing_stored()


def test_a_flood_of_reports_is_slowed(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_RATE_LIMITS = {
        **settings.LANTERN_REPORTING_RATE_LIMITS,
        "submit_client": 2,
    }
    statuses = [report_post(client).status_code for _ in range(4)]
    assert statuses == [200, 200, 429, 429]
    assert Report.objects.count() == 2


def test_receipt_guessing_is_rate_limited(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_RATE_LIMITS = {
        **settings.LANTERN_REPORTING_RATE_LIMITS,
        "receipt_client": 3,
    }
    receipt = report_make(client)
    guesses = [receipt_post(client, "A" * 24).status_code for _ in range(3)]
    assert guesses == [200, 200, 200]
    refused = receipt_post(client, receipt)
    assert refused.status_code == 429 and b"too many attempts" in refused.content
    assert AuditRecord.objects.filter(event="reporting.receipt_refused").count() == 3


def test_guessing_from_many_addresses_is_limited_for_everyone(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_RATE_LIMITS = {
        **settings.LANTERN_REPORTING_RATE_LIMITS,
        "receipt_all": 4,
    }
    statuses = [
        receipt_post(Client(REMOTE_ADDR=f"198.51.100.{i}"), "A" * 24).status_code for i in range(6)
    ]
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_an_unknown_field_value_is_a_form_error(client: Client) -> None:
    data = {**FIELDS, "risk_now": "maybe", "form_token": form_token(client)}
    response = client.post("/report/new/", data)
    assert response.status_code == 400
    _nothing_stored()
