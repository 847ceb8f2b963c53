"""Demo data for the reporting line: a partner organisation and a few realistic reports.

``reporting_demo_seed`` is called by ``lantern demo seed`` after the demo
accounts exist. It is idempotent: once the demo organisation exists it does
nothing. It returns the receipts of the reports it created, for the demo only,
so that someone trying Lantern can come back to a report as its reporter would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.partners.models import EngagementKind, Organisation, OrganisationKind
from lantern.partners.services import (
    agreement_add,
    engagement_record,
    membership_link,
    organisation_create,
    partner_concern_submit,
)
from lantern.reporting.models import Channel, MessageKind, Risk
from lantern.reporting.services import (
    ContactDetails,
    ReportContent,
    handler_message_send,
    report_safeguarding_record,
    report_submit,
)

DEMO_ORGANISATION = "Northshire Domestic Abuse Service"


@dataclass(frozen=True)
class DemoReport:
    reference: str
    receipt: str


def reporting_demo_seed() -> list[DemoReport]:
    """Create the demo partner organisation, link the demo ``partner`` account, add reports."""
    if Organisation.objects.filter(name=DEMO_ORGANISATION).exists():
        return []
    handler = User.objects.filter(username="handler", is_demo=True).first()
    partner = User.objects.filter(username="partner", is_demo=True).first()
    if handler is None or partner is None:
        raise LookupError("Run the demo accounts seed first: the handler and partner accounts.")
    created: list[DemoReport] = []
    with transaction.atomic():
        organisation = organisation_create(
            actor=handler,
            name=DEMO_ORGANISATION,
            kind=OrganisationKind.DOMESTIC_ABUSE,
            area="Northshire (all districts)",
            contact_name="Service manager",
            contact_email="referrals@northshire-das.example",
        )
        agreement_add(
            actor=handler,
            organisation=organisation,
            title="Information-sharing agreement: concerns about police staff",
            document_reference="ISA-2025-014",
            starts_on=date(2025, 4, 1),
            ends_on=date(2027, 3, 31),
        )
        today = timezone.localdate()
        engagement_record(
            actor=handler,
            organisation=organisation,
            kind=EngagementKind.TRAINING,
            occurred_on=today - timedelta(days=40),
            summary="Briefing for 12 IDVAs on recognising abuse of position by police and "
            "how to send a concern through Lantern.",
        )
        engagement_record(
            actor=handler,
            organisation=organisation,
            kind=EngagementKind.MEETING,
            occurred_on=today - timedelta(days=10),
            summary="Quarterly meeting with the service manager: two concerns discussed, "
            "feedback on response times.",
        )
        membership_link(actor=None, organisation=organisation, user=partner)

        urgent = report_submit(
            content=ReportContent(
                what_happened=(
                    "An officer who came to my house after my ex-partner assaulted me in "
                    "January keeps messaging me from his work phone late at night. He says he "
                    "can make the case go away if I meet him. He turned up outside my flat on "
                    "Saturday when he was not working."
                ),
                subject_name="PC Daniel (surname not known)",
                subject_number="4471",
                subject_force="Northshire Police",
                when="Since January, most evenings after 10pm",
                where="Eastfield",
                risk_details="He knows where I live and I am scared he will come back.",
            ),
            channel=Channel.PUBLIC,
            risk_now=Risk.YES,
            contact=None,
        )
        created.append(DemoReport(urgent.report.reference, str(urgent.receipt)))

        staff = report_submit(
            content=ReportContent(
                what_happened=(
                    "A sergeant on my team looks up women from domestic abuse jobs on the "
                    "records system after the jobs are closed and talks about them in the "
                    "van. I have seen him do it at least four times this month."
                ),
                subject_force="Northshire Police",
                when="This month, mostly on night shifts",
                where="Westgate response base",
            ),
            channel=Channel.STAFF,
            risk_now=Risk.NOT_SURE,
            contact=ContactDetails(safe_contact="Only through this line, please."),
        )
        created.append(DemoReport(staff.report.reference, str(staff.receipt)))
        report_safeguarding_record(
            actor=handler,
            report=staff.report,
            action="Shift pattern checked; public protection unit asked to review contact "
            "with the victims of the named jobs.",
        )
        handler_message_send(
            actor=handler,
            report=staff.report,
            kind=MessageKind.QUESTION,
            body="Thank you for telling us. Can you tell us which shifts, roughly, and which "
            "system he used? You do not need to give your name.",
        )

        partner_concern_submit(
            actor=partner,
            content=ReportContent(
                what_happened=(
                    "A client told me the officer who took her statement added her on social "
                    "media the next day and has sent her messages about her appearance."
                ),
                subject_name="DC Marsh",
                subject_force="Northshire Police",
                when="Three weeks ago",
            ),
            risk_now=Risk.NO,
            contact=ContactDetails(safe_contact="Contact the client only through her IDVA."),
        )
    return created
