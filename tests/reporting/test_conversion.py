"""Converting a report into corruption intelligence without the reporter's identity."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.intelligence.models import IntelligenceReport, RestrictedSource
from lantern.reporting.models import Report
from lantern.reporting.services import (
    ContactDetails,
    IntelligenceDraft,
    ReportContent,
    report_intelligence_convert,
    report_submit,
)
from tests.factories import account_make, client_signed_in

pytestmark = pytest.mark.django_db

CONTACT = ContactDetails(name="Alex Whistler", phone="07700 900321", email="alex@example.invalid")


def _report(contact: ContactDetails | None = CONTACT) -> Report:
    return report_submit(
        content=ReportContent(
            what_happened="PC 4471 messages a domestic abuse victim from his work phone.",
            subject_number="4471",
        ),
        channel="staff",  # type: ignore[arg-type]
        risk_now="no",
        contact=contact,
    ).report


def _draft(
    text: str = "A PC is reported to message a DA victim from a work phone.",
) -> IntelligenceDraft:
    return IntelligenceDraft(
        categories=["sexual_misconduct", "misusing_force_systems"],
        source_evaluation="2",
        intelligence_assessment="C",
        handling="P",
        sanitised_text=text,
        subject_description="PC, collar number 4471",
    )


def test_conversion_records_intelligence_from_the_line_without_identity() -> None:
    handler = account_make(Role.REPORTING_HANDLER).user
    report = _report()
    reference = report_intelligence_convert(actor=handler, report=report, draft=_draft())
    intelligence = IntelligenceReport.objects.get(reference=reference)
    assert intelligence.source_type == "confidential_line"
    assert intelligence.origin_reference == report.reference
    assert intelligence.grading == "2CP"
    assert not RestrictedSource.objects.filter(report=intelligence).exists()
    stored = " ".join(
        str(v)
        for v in IntelligenceReport.objects.filter(pk=intelligence.pk).values().get().values()
    )
    for identity in ("Alex", "Whistler", "900321", "example.invalid", report.receipt_lookup or "x"):
        assert identity not in stored
    report.refresh_from_db()
    assert report.intelligence_reference == reference and report.converted_at
    assert AuditRecord.objects.get(event="reporting.converted_to_intelligence").detail == {
        "intelligence_reference": reference,
        "source_type": "confidential_line",
    }


@pytest.mark.parametrize(
    "leak", ["Reported by Alex Whistler.", "Call 07700-900321 back", "alex@example.invalid"]
)
def test_text_repeating_the_reporters_contact_details_is_refused(leak: str) -> None:
    handler = account_make(Role.REPORTING_HANDLER).user
    report = _report()
    with pytest.raises(ValidationError, match="contact details"):
        report_intelligence_convert(actor=handler, report=report, draft=_draft(leak))
    assert not IntelligenceReport.objects.exists()


def test_a_report_is_converted_once() -> None:
    handler = account_make(Role.REPORTING_HANDLER).user
    report = _report(contact=None)
    report_intelligence_convert(actor=handler, report=report, draft=_draft())
    with pytest.raises(ValidationError, match="already"):
        report_intelligence_convert(actor=handler, report=report, draft=_draft())


def test_conversion_through_the_page() -> None:
    handler = account_make(Role.REPORTING_HANDLER)
    report = _report()
    client = client_signed_in(handler)
    form = client.get(f"/reporting/{report.pk}/intelligence/")
    assert form.status_code == 200 and b"Sanitised intelligence text" in form.content
    bad = client.post(f"/reporting/{report.pk}/intelligence/", {"sanitised_text": "x"})
    assert bad.status_code == 400
    done = client.post(
        f"/reporting/{report.pk}/intelligence/",
        {
            "categories": ["sexual_misconduct"],
            "source_evaluation": "2",
            "intelligence_assessment": "C",
            "handling": "C",
            "handling_conditions": "Not to be shared outside the CCU.",
            "subject_description": "PC 4471",
            "sanitised_text": "A PC is said to message a victim from a work phone.",
        },
    )
    assert done.status_code == 302, done.content.decode()[:3000]
    report.refresh_from_db()
    assert report.intelligence_reference.startswith("INT-")
