"""The register: organisations, agreements and the engagement log, kept by handlers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.partners.models import (
    Agreement,
    Engagement,
    Membership,
    Organisation,
    OrganisationKind,
)
from lantern.partners.services import organisation_create
from tests.factories import account_make, client_signed_in

pytestmark = pytest.mark.django_db


def test_a_handler_builds_the_register_through_the_pages() -> None:
    handler = account_make(Role.REPORTING_HANDLER)
    partner = account_make(Role.PARTNER)
    client = client_signed_in(handler)
    created = client.post(
        "/partners/new/",
        {"name": "Northshire ISVA Service", "kind": "sexual_violence_adviser", "active": "on"},
    )
    assert created.status_code == 302
    organisation = Organisation.objects.get()
    base = f"/partners/{organisation.pk}/"
    assert (
        client.post(
            base + "agreements/new/",
            {
                "title": "ISA",
                "document_reference": "ISA-1",
                "starts_on": "2025-01-01",
                "ends_on": "2024-01-01",
            },
        ).status_code
        == 400
    )
    client.post(
        base + "agreements/new/",
        {"title": "ISA", "document_reference": "ISA-1", "starts_on": "2025-01-01"},
    )
    client.post(
        base + "engagements/new/",
        {"kind": "training", "occurred_on": "2026-01-10", "summary": "Trained 8 ISVAs."},
    )
    client.post(base + "members/", {"user": str(partner.user.pk)})
    assert Agreement.objects.get().in_force()
    assert Engagement.objects.get().kind == "training"
    assert Membership.objects.get().user == partner.user
    page = client.get(base).content.decode()
    assert "ISA-1" in page and "Trained 8 ISVAs." in page and partner.user.username in page
    register = client.get("/partners/").content.decode()
    assert "Northshire ISVA Service" in register
    edited = client.post(
        base + "change/", {"name": "Northshire ISVAs", "kind": "sexual_violence_adviser"}
    )
    assert edited.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Northshire ISVAs" and not organisation.active
    events = set(AuditRecord.objects.values_list("event", flat=True))
    assert {
        "partners.organisation_created",
        "partners.agreement_added",
        "partners.engagement_recorded",
        "partners.member_linked",
        "partners.organisation_updated",
    } <= events


@pytest.mark.parametrize("role", [Role.ANALYST, Role.PARTNER, Role.AUDITOR, Role.SYSTEM_ADMIN])
def test_others_cannot_keep_the_register(role: Role) -> None:
    with pytest.raises(PermissionDenied):
        organisation_create(actor=account_make(role).user, name="X", kind=OrganisationKind.OTHER)


def test_an_inactive_partner_user_cannot_be_linked() -> None:
    handler = account_make(Role.REPORTING_HANDLER)
    partner = account_make(Role.PARTNER)
    partner.user.is_active = False
    partner.user.save(update_fields=["is_active"])
    client = client_signed_in(handler)
    client.post("/partners/new/", {"name": "Northshire ISVAs", "kind": "sexual_violence_adviser"})
    organisation = Organisation.objects.get()
    client.post(f"/partners/{organisation.pk}/members/", {"user": str(partner.user.pk)})
    assert not Membership.objects.exists()
