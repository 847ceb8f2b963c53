"""The app catalogue: seeded with real identifiers, edited with versions and audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.devices.models import CatalogueEntry, CatalogueVersion
from lantern.devices.services import catalogue_entry_save
from tests.factories import account_make, client_signed_in

pytestmark = pytest.mark.django_db


def test_catalogue_starts_with_real_app_identifiers() -> None:
    classes = dict(CatalogueEntry.objects.values_list("app_id", "risk_class"))
    assert classes["org.thoughtcrime.securesms"] == "e2e_messaging"
    assert classes["com.whatsapp"] == "e2e_messaging"
    assert classes["com.snapchat.android"] == "ephemeral_messaging"
    assert classes["com.grindrapp.android"] == "dating"
    assert classes["com.nordvpn.android"] == "vpn"
    assert CatalogueVersion.objects.filter(version=1).count() == CatalogueEntry.objects.count()


def test_a_change_is_a_new_version_with_its_audit_record() -> None:
    head = account_make(Role.HEAD_OF_PSD).user
    entry = catalogue_entry_save(actor=head, app_id="com.whatsapp", name="WhatsApp",
                                 platform="android", risk_class="ephemeral_messaging",
                                 reason="Disappearing messages on by default")  # fmt: skip
    assert entry.version == 2 and entry.updated_by == head
    assert list(entry.versions.values_list("version", "risk_class")) == [
        (2, "ephemeral_messaging"), (1, "e2e_messaging"),
    ]  # fmt: skip
    record = AuditRecord.objects.get(event="devices.catalogue_changed", object_id="com.whatsapp")
    assert record.detail["before"]["risk_class"] == "e2e_messaging"
    assert record.detail["after"]["risk_class"] == "ephemeral_messaging"
    # Saving the same values again is not a change.
    again = catalogue_entry_save(actor=head, app_id="com.whatsapp", name="WhatsApp",
                                 platform="android", risk_class="ephemeral_messaging")  # fmt: skip
    assert again.version == 2


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        catalogue_entry_save(actor=None, app_id="has space", name="X", platform="android",
                             risk_class="dating")  # fmt: skip
    with pytest.raises(ValidationError):
        catalogue_entry_save(actor=None, app_id="a.b", name="X", platform="android",
                             risk_class="gambling")  # fmt: skip


def test_analyst_edits_an_entry_through_the_page() -> None:
    client = client_signed_in(account_make(Role.ANALYST))
    entry = CatalogueEntry.objects.get(app_id="com.tinder")
    response = client.post(f"/devices/catalogue/{entry.pk}/", {
        "app_id": "ignored", "name": "Tinder", "platform": "android", "risk_class": "social",
        "notes": "", "reason": "Test reclassification",
    })  # fmt: skip
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.app_id, entry.risk_class, entry.version) == ("com.tinder", "social", 2)
    page = client.get(f"/devices/catalogue/{entry.pk}/").content.decode()
    assert "Test reclassification" in page


def test_adding_an_app_from_the_review_page_link() -> None:
    client = client_signed_in(account_make(Role.HEAD_OF_PSD))
    form = client.get("/devices/catalogue/?app_id=com.discord&name=Discord").content.decode()
    assert 'value="com.discord"' in form
    response = client.post("/devices/catalogue/", {
        "app_id": "com.discord", "name": "Discord", "platform": "android",
        "risk_class": "social", "notes": "", "reason": "Listed in the March review",
    })  # fmt: skip
    assert response.status_code == 302
    assert CatalogueEntry.objects.get(app_id="com.discord").risk_class == "social"


def test_upload_through_the_page_and_named_errors() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_signed_in(account_make(Role.ANALYST))
    bad = SimpleUploadedFile("inv.csv", b"device_id,app_id\nD1,x\n", content_type="text/csv")
    response = client.post("/devices/", {"inventory": bad, "review_date": "2026-03-01"})
    assert response.status_code == 400
    assert "inv.csv column holder_staff_id" in response.content.decode()
    good = SimpleUploadedFile(
        "inv.csv",
        b"device_id,holder_staff_id,app_id,app_name,app_version,installed_on\n"
        b"D1,S1,com.whatsapp,WhatsApp,1,2026-01-01\n",
        content_type="text/csv",
    )
    response = client.post("/devices/", {"inventory": good, "review_date": "2026-03-01"})
    assert response.status_code == 302
