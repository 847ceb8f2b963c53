"""The auditor searches and exports the trail; the export is itself audited."""

from __future__ import annotations

import csv
import io

import pytest

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from tests.factories import account_make, client_signed_in

pytestmark = pytest.mark.django_db


def test_auditor_searches_by_event_and_actor() -> None:
    account_make(Role.ANALYST, username="someone")
    client = client_signed_in(account_make(Role.AUDITOR, username="aud"))
    response = client.get("/audit/", {"event": "account.created"})
    assert response.status_code == 200
    events = {r.event for r in response.context["page"]}
    assert events == {"account.created"}
    assert AuditRecord.objects.filter(event="audit.searched", actor_label="aud").exists()


def test_invalid_search_date_is_a_400() -> None:
    client = client_signed_in(account_make(Role.AUDITOR))
    response = client.get("/audit/", {"date_from": "not-a-date"})
    assert response.status_code == 400


def test_export_is_csv_and_is_audited() -> None:
    client = client_signed_in(account_make(Role.AUDITOR, username="aud"))
    response = client.get("/audit/export.csv", {"event": "account."})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["seq", "at", "actor_label", "event"]
    assert {r[3] for r in rows[1:]} == {"account.created"}
    export = AuditRecord.objects.filter(event="audit.exported").get()
    assert export.category == "disclosure"
    assert export.detail["rows"] == len(rows) - 1


def test_verify_button_reports_an_intact_chain() -> None:
    client = client_signed_in(account_make(Role.AUDITOR))
    response = client.post("/audit/verify/")
    assert response.status_code == 200
    assert b"The audit chain is intact" in response.content


def test_only_auditors_read_the_trail() -> None:
    for role in set(Role) - {Role.AUDITOR}:
        client = client_signed_in(account_make(role))
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export.csv").status_code == 403
