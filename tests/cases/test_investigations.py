"""Investigations: need-to-know, IOPC referral before closing, evidence hashed with custody."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.cases.models import CustodyEntry, EvidenceFile
from lantern.cases.services import investigation_open
from tests.factories import account_make, client_signed_in, staff_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_team():  # type: ignore[no-untyped-def]
    officer = account_make(Role.INVESTIGATOR, username="io")
    head = account_make(Role.HEAD_OF_PSD, username="head")
    case = investigation_open(
        actor=head.user,
        subject=staff_make(),
        categories=["sexual_misconduct"],
        summary="Contact with a victim after the case closed.",
        investigating_officer=officer.user,
    )
    return case, officer, head


def test_only_the_case_team_and_the_head_see_a_case(case_and_team) -> None:  # type: ignore[no-untyped-def]
    case, officer, head = case_and_team
    outsider = account_make(Role.INVESTIGATOR)
    analyst = account_make(Role.ANALYST)
    for account, expected in ((officer, 200), (head, 200), (outsider, 404), (analyst, 404)):
        assert client_signed_in(account).get(f"/cases/{case.pk}/").status_code == expected
    assert list(client_signed_in(outsider).get("/cases/").context["cases"]) == []
    assert AuditRecord.objects.filter(event="case.viewed", actor_label="io").exists()


def test_the_subject_never_sees_their_case_even_as_head(case_and_team) -> None:  # type: ignore[no-untyped-def]
    case, _, _ = case_and_team
    head_who_is_subject = account_make(Role.HEAD_OF_PSD)
    case.subject.account = head_who_is_subject.user
    case.subject.save()
    client = client_signed_in(head_who_is_subject)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert list(client.get("/cases/").context["cases"]) == []


def test_an_apsp_case_cannot_close_before_the_iopc_referral(case_and_team) -> None:  # type: ignore[no-untyped-def]
    case, officer, _ = case_and_team
    client = client_signed_in(officer)
    page = client.get(f"/cases/{case.pk}/")
    assert b"refer this case to the IOPC" in page.content
    client.post(
        f"/cases/{case.pk}/close/", {"close-outcome": "misconduct", "close-rationale": "Proven."}
    )
    case.refresh_from_db()
    assert case.closed_at is None
    client.post(
        f"/cases/{case.pk}/iopc/", {"iopc-reference": "IOPC-2026-77", "iopc-decision": "local"}
    )
    client.post(
        f"/cases/{case.pk}/decisions/",
        {"decision": "Interview under caution", "rationale": "Messages found."},
    )
    client.post(
        f"/cases/{case.pk}/close/",
        {
            "close-outcome": "gross_misconduct",
            "close-rationale": "Proven at hearing.",
            "close-barred_list_referral": "on",
        },
    )
    case.refresh_from_db()
    assert case.outcome == "gross_misconduct" and case.barred_list_referral
    assert case.iopc_reference == "IOPC-2026-77"
    assert case.decisions.get().rationale == "Messages found."


def test_evidence_is_stored_with_its_hash_and_every_handling_is_in_custody(case_and_team) -> None:  # type: ignore[no-untyped-def]
    case, officer, _ = case_and_team
    client = client_signed_in(officer)
    content = b"call data records"
    client.post(
        f"/cases/{case.pk}/evidence/",
        {
            "evidence-file": SimpleUploadedFile("cdr.csv", content),
            "evidence-description": "Work phone records",
        },
    )
    evidence = EvidenceFile.objects.get()
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    response = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/")
    assert response.content == content
    assert list(CustodyEntry.objects.values_list("action", flat=True)) == ["received", "downloaded"]
    assert AuditRecord.objects.filter(event="case.evidence_opened", category="disclosure").exists()
    outsider = client_signed_in(account_make(Role.INVESTIGATOR))
    assert outsider.get(f"/cases/{case.pk}/evidence/{evidence.pk}/").status_code == 404


def test_the_head_cannot_allocate_someone_in_the_subjects_line_management(case_and_team) -> None:  # type: ignore[no-untyped-def]
    case, _, head = case_and_team
    inspector = account_make(Role.INVESTIGATOR)
    staff_make(account=inspector.user, team_id="T77", area=case.subject.area, rank="inspector")
    client_signed_in(head).post(
        f"/cases/{case.pk}/allocate/",
        {
            "allocate-officer": inspector.user.pk,
            "allocate-reason": "workload",
        },
    )
    case.refresh_from_db()
    assert case.investigating_officer != inspector.user


def test_case_page_prompts_safeguarding_and_list_query_count_is_flat(case_and_team) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case, _, head = case_and_team
    client = client_signed_in(head)
    assert b"No safeguarding action is recorded" in client.get(f"/cases/{case.pk}/").content
    with CaptureQueriesContext(connection) as one:
        client.get("/cases/")
    for _ in range(10):
        investigation_open(
            actor=head.user,
            subject=staff_make(),
            categories=["other"],
            summary="x",
            investigating_officer=case.investigating_officer,
        )
    with CaptureQueriesContext(connection) as eleven:
        client.get("/cases/")
    assert len(eleven) == len(one)
