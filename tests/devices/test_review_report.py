"""The review report: risk per device and unit, changes, apps to classify, pseudonyms."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lantern.accounts.roles import Role
from lantern.alerts.models import Reveal, RevealStatus
from lantern.audit.models import AuditRecord
from lantern.devices.selectors import ClassifiedSince, review_report
from lantern.devices.services import catalogue_entry_save, device_inventory_import
from lantern.force.models import StaffMember
from tests.factories import account_make, alert_make, client_signed_in, staff_make

pytestmark = pytest.mark.django_db
HEADER = "device_id,holder_staff_id,app_id,app_name,app_version,installed_on\n"

EARLIER = (
    "D1,S1,com.whatsapp,WhatsApp,1,2025-12-01\n"
    "D1,S1,com.snapchat.android,Snapchat,1,2025-12-01\n"
    "D2,S2,com.microsoft.teams,Teams,1,2025-12-01\n"
)
LATEST = (
    "D1,S1,com.whatsapp,WhatsApp,1,2025-12-01\n"  # kept; Snapchat removed
    "D1,S1,com.tinder,Tinder,1,2026-02-01\n"  # added
    "D2,S2,com.microsoft.teams,Teams,1,2025-12-01\n"
    "D2,S2,com.nordvpn.android,NordVPN,1,2026-02-10\n"  # added
    "D2,S2,com.android.chrome,Chrome,1,2026-02-12\n"  # added, but class "other": not a change
    "D3,S3,com.discord,Discord,1,2026-02-11\n"  # not in the catalogue
    "D4,S9,org.thoughtcrime.securesms,Signal,1,2026-01-11\n"  # holder not in the directory
)


def _reviews() -> str:
    staff_make(staff_id="S1", name="Alice Example", team_id="Response North")
    staff_make(staff_id="S2", name="Bob Example", team_id="Response North")
    staff_make(staff_id="S3", name="Carol Example", team_id="CID")
    device_inventory_import(actor=None, source_name="a.csv", text=HEADER + EARLIER,
                            review_date=date(2026, 1, 1))  # fmt: skip
    latest = device_inventory_import(actor=None, source_name="b.csv", text=HEADER + LATEST,
                                     review_date=date(2026, 3, 1))  # fmt: skip
    return str(latest.pk)


def test_report_figures_match_the_hand_count() -> None:
    pk = _reviews()
    viewer = account_make(Role.ANALYST).user
    report = review_report(viewer=viewer, review_pk=pk)
    assert report.devices_total == 4
    by_device = {d.device_id: d.classes for d in report.risky}
    assert by_device == {
        "D1": ["e2e_messaging", "dating"],
        "D2": ["vpn"],
        "D4": ["e2e_messaging"],
    }
    assert report.class_counts == {"e2e_messaging": 2, "ephemeral_messaging": 0, "social": 0,
                                   "dating": 1, "vpn": 1}  # fmt: skip
    assert report.units == [
        ("Holder not in the staff directory", [1, 0, 0, 0, 0], 1),
        ("Response North", [1, 0, 0, 1, 1], 2),
    ]
    changes = {c.device_id: (c.added, c.removed) for c in report.changes}
    assert changes == {
        "D1": (["Tinder"], ["Snapchat"]),
        "D2": (["NordVPN"], []),
        "D3": (["Discord"], []),
        "D4": (["Signal"], []),
    }
    assert [(u.app_id, u.devices) for u in report.uncatalogued] == [("com.discord", 1)]
    assert AuditRecord.objects.filter(event="devices.review_viewed", object_id=pk).exists()


def test_a_review_reads_the_same_after_the_catalogue_changes() -> None:
    """Classified with the catalogue as it stood on the review's date, not today's."""
    pk = _reviews()
    head = account_make(Role.HEAD_OF_PSD)
    viewer = head.user
    catalogue_entry_save(actor=viewer, app_id="com.discord", name="Discord", platform="android",
                         risk_class="social", reason="Has private messaging")  # fmt: skip
    catalogue_entry_save(actor=viewer, app_id="com.whatsapp", name="WhatsApp", platform="android",
                         risk_class="other", reason="Force-managed build")  # fmt: skip
    report = review_report(viewer=viewer, review_pk=pk)
    by_device = {d.device_id: d.classes for d in report.risky}
    assert by_device == {"D1": ["e2e_messaging", "dating"], "D2": ["vpn"],
                         "D4": ["e2e_messaging"]}  # fmt: skip
    assert report.class_counts["social"] == 0 and report.class_counts["e2e_messaging"] == 2
    # Classified since: listed apart, and no longer among the apps to classify.
    assert report.uncatalogued == []
    assert report.classified_since == [
        ClassifiedSince("com.discord", "Discord", "", "Social media", 1),
        ClassifiedSince("com.whatsapp", "WhatsApp", "End-to-end encrypted messaging", "Other", 1),
    ]
    page = client_signed_in(head).get(f"/devices/reviews/{pk}/").content.decode()
    assert "Classified since this review" in page and "Not in the catalogue" in page
    # The next review, dated after the changes, is classified with them.
    later = device_inventory_import(actor=None, source_name="c.csv", text=HEADER + LATEST,
                                    review_date=timezone.localdate())  # fmt: skip
    report = review_report(viewer=viewer, review_pk=str(later.pk))
    assert {d.device_id: d.classes for d in report.risky} == {
        "D1": ["dating"],
        "D2": ["vpn"],
        "D3": ["social"],
        "D4": ["e2e_messaging"],
    }
    assert report.classified_since == []


def test_nobody_sees_their_own_device() -> None:
    pk = _reviews()
    analyst = account_make(Role.ANALYST)
    StaffMember.objects.filter(staff_id="S1").update(account=analyst.user)
    report = review_report(viewer=analyst.user, review_pk=pk)
    assert "D1" not in {d.device_id for d in report.risky}
    assert "D1" not in {c.device_id for c in report.changes}


def test_other_roles_are_refused() -> None:
    pk = _reviews()
    for role in (Role.GOVERNANCE, Role.INVESTIGATOR, Role.AUDITOR, Role.VETTING_OFFICER):
        with pytest.raises(PermissionDenied):
            review_report(viewer=account_make(role).user, review_pk=pk)


def test_holders_show_as_pseudonyms_unless_revealed() -> None:
    pk = _reviews()
    analyst = account_make(Role.ANALYST)
    client = client_signed_in(analyst)
    alice = StaffMember.objects.get(staff_id="S1")
    page = client.get(f"/devices/reviews/{pk}/").content.decode()
    assert alice.pseudonym in page
    assert "Alice Example" not in page and "Bob Example" not in page and "S1<" not in page
    Reveal.objects.create(viewer=analyst.user, staff=alice, alert=alert_make(alice),
                          reason="needed", status=RevealStatus.GRANTED)  # fmt: skip
    page = client.get(f"/devices/reviews/{pk}/").content.decode()
    assert "Alice Example (S1)" in page and "Bob Example" not in page
