"""Partner-agency users send concerns and see only their own, with the replies."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.partners.models import OrganisationKind
from lantern.partners.selectors import concern_for_partner, concerns_for_partner
from lantern.partners.services import membership_link, organisation_create
from lantern.reporting.models import MessageKind, Report, Status
from lantern.reporting.services import handler_message_send
from tests.factories import account_make, client_signed_in
from tests.reporting.helpers import FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():  # type: ignore[no-untyped-def]
    handler = account_make(Role.REPORTING_HANDLER)
    organisation = organisation_create(
        actor=handler.user, name="Eastfield Women's Aid", kind=OrganisationKind.DOMESTIC_ABUSE
    )
    partner = account_make(Role.PARTNER)
    colleague = account_make(Role.PARTNER)
    for account in (partner, colleague):
        membership_link(actor=handler.user, organisation=organisation, user=account.user)
    return handler, organisation, partner, colleague


def _concern(client, text: str = "Victim says DC Marsh messaged her on social media."):  # type: ignore[no-untyped-def]
    data = {k: v for k, v in FIELDS.items() if k not in ("reporter_kind", "contact_choice")}
    return client.post("/partners/concerns/new/", {**data, "what_happened": text})


def test_a_partner_sends_a_concern_and_the_handler_sees_it(setting) -> None:  # type: ignore[no-untyped-def]
    handler, organisation, partner, _ = setting
    response = _concern(client_signed_in(partner))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.partner_organisation == organisation and report.submitted_by == partner.user
    assert report.channel == "partner_agency" and report.receipt_lookup is None
    inbox = client_signed_in(handler).get("/reporting/").content.decode()
    assert report.reference in inbox and "Eastfield Women" in inbox


def test_a_partner_sees_only_her_own_concerns_and_the_replies(setting) -> None:  # type: ignore[no-untyped-def]
    handler, _, partner, colleague = setting
    _concern(client_signed_in(partner), "Mine-Unique")
    _concern(client_signed_in(colleague), "Colleague-Unique")
    mine = Report.objects.get(submitted_by=partner.user)
    theirs = Report.objects.get(submitted_by=colleague.user)
    handler_message_send(
        actor=handler.user,
        report=mine,
        body="Can the victim speak to us?",
        kind=MessageKind.QUESTION,
    )
    assert list(concerns_for_partner(viewer=partner.user)) == [mine]
    client = client_signed_in(partner)
    page = client.get(f"/partners/concerns/{mine.pk}/").content.decode()
    assert "Can the victim speak to us?" in page and "Mine-Unique" in page
    assert client.get(f"/partners/concerns/{theirs.pk}/").status_code == 404
    assert "Colleague-Unique" not in client.get("/partners/concerns/").content.decode()
    assert AuditRecord.objects.filter(event="reporting.partner_concern_opened").count() == 1
    reply = client.post(f"/partners/concerns/{mine.pk}/reply/", {"body": "Yes, through me."})
    assert reply.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.AWAITING_HANDLER
    assert client.post(f"/partners/concerns/{theirs.pk}/reply/", {"body": "x"}).status_code == 404


def test_a_partner_without_an_organisation_cannot_send(setting) -> None:  # type: ignore[no-untyped-def]
    loner = account_make(Role.PARTNER)
    client = client_signed_in(loner)
    page = client.get("/partners/concerns/new/")
    assert b"not linked to a partner organisation" in page.content
    assert _concern(client).status_code == 200
    assert not Report.objects.exists()


def test_only_partners_read_concerns_this_way(setting) -> None:  # type: ignore[no-untyped-def]
    handler, _, partner, _ = setting
    _concern(client_signed_in(partner))
    report = Report.objects.get()
    with pytest.raises(PermissionDenied):
        concern_for_partner(viewer=handler.user, report_id=report.pk)


def test_a_partner_cannot_be_linked_unless_she_holds_the_role(setting) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    handler, organisation, _, _ = setting
    with pytest.raises(ValidationError):
        membership_link(
            actor=handler.user, organisation=organisation, user=account_make(Role.ANALYST).user
        )
