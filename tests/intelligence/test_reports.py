"""Intelligence: restricted source details, review dates from configuration, scoped reading."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.intelligence.services import intelligence_report_create, review_due_for
from tests.factories import account_make, client_signed_in, staff_make

pytestmark = pytest.mark.django_db


def _report(author, **values):  # type: ignore[no-untyped-def]
    fields = {
        "categories": ["sexual_misconduct"], "source_type": "colleague", "source_evaluation": "2",
        "intelligence_assessment": "C", "handling": "P", "sanitised_text": "Seen meeting a victim.",
        "restricted_source_details": "PC Jones, team 4, phone 07700 900111",
        "subjects": [staff_make()],
    }  # fmt: skip
    fields.update(values)
    return intelligence_report_create(actor=author, **fields)


def test_restricted_source_is_shown_only_to_author_and_head() -> None:
    author = account_make(Role.ANALYST)
    report = _report(author.user)
    colleague = account_make(Role.ANALYST)
    head = account_make(Role.HEAD_OF_PSD)
    assert b"PC Jones" in client_signed_in(author).get(f"/intelligence/{report.pk}/").content
    assert b"PC Jones" in client_signed_in(head).get(f"/intelligence/{report.pk}/").content
    page = client_signed_in(colleague).get(f"/intelligence/{report.pk}/")
    assert page.status_code == 200
    assert b"PC Jones" not in page.content
    assert b"Seen meeting a victim." in page.content
    assert AuditRecord.objects.filter(event="intelligence.source_read").count() == 2


def test_review_date_follows_the_configured_rules(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_INTELLIGENCE_REVIEW_MONTHS = {"default": 12, "sexual_misconduct": 3}
    assert review_due_for(["theft_and_fraud"], from_day=date(2026, 1, 31)) == date(2027, 1, 31)
    assert review_due_for(
        ["theft_and_fraud", "sexual_misconduct"], from_day=date(2026, 11, 30)
    ) == date(2027, 2, 28)


def test_bad_grading_and_missing_conditions_are_refused() -> None:
    author = account_make(Role.ANALYST).user
    with pytest.raises(ValidationError, match="Unknown source evaluation"):
        _report(author, source_evaluation="5")
    with pytest.raises(ValidationError, match="conditions"):
        _report(author, handling="C")
    with pytest.raises(ValidationError, match="category"):
        _report(author, categories=["gossip"])


def test_investigators_see_only_intelligence_linked_to_their_cases() -> None:
    report = _report(account_make(Role.ANALYST).user)
    investigator = account_make(Role.INVESTIGATOR)
    assert client_signed_in(investigator).get(f"/intelligence/{report.pk}/").status_code == 404
    assert list(client_signed_in(investigator).get("/intelligence/").context["page"]) == []


def test_subject_of_a_report_never_sees_it() -> None:
    analyst = account_make(Role.ANALYST)
    report = _report(account_make(Role.ANALYST).user, subjects=[staff_make(account=analyst.user)])
    assert client_signed_in(analyst).get(f"/intelligence/{report.pk}/").status_code == 404


def test_register_query_count_is_flat() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analyst = account_make(Role.ANALYST)
    client = client_signed_in(analyst)
    _report(analyst.user)
    with CaptureQueriesContext(connection) as one:
        client.get("/intelligence/")
    for _ in range(10):
        _report(analyst.user)
    with CaptureQueriesContext(connection) as eleven:
        client.get("/intelligence/")
    assert len(eleven) == len(one)
