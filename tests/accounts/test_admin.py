"""The system administrator manages accounts; every change is audited with its reason."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from tests.factories import account_make, client_signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():  # type: ignore[no-untyped-def]
    return client_signed_in(account_make(Role.SYSTEM_ADMIN, username="admin"))


def test_admin_creates_an_account_with_several_roles(admin_client) -> None:  # type: ignore[no-untyped-def]
    response = admin_client.post(
        "/account/admin/new/",
        {
            "username": "newbie",
            "full_name": "New Person",
            "email": "n@example.invalid",
            "roles": [Role.ANALYST, Role.INVESTIGATOR],
        },
    )
    assert response.status_code == 200
    user = User.objects.get(username="newbie")
    assert user.roles == {Role.ANALYST, Role.INVESTIGATOR}
    assert response.context["password"]  # shown once to hand over
    record = AuditRecord.objects.filter(event="account.created").order_by("seq").last()
    assert record is not None
    assert record.actor_label == "admin"
    assert record.detail["roles"] == ["cc_analyst", "cc_investigator"]


def test_invalid_create_is_a_400_and_stores_nothing(admin_client) -> None:  # type: ignore[no-untyped-def]
    before = User.objects.count()
    response = admin_client.post("/account/admin/new/", {"username": "bad name!", "roles": ["x"]})
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert User.objects.count() == before


def test_roles_change_unlock_reset_and_deactivate(admin_client) -> None:  # type: ignore[no-untyped-def]
    target = account_make(Role.ANALYST)
    url = f"/account/admin/{target.user.pk}/"
    admin_client.post(url, {"action": "roles", "roles": [Role.AUDITOR], "reason": "moved team"})
    target.user.refresh_from_db()
    assert User.objects.get(pk=target.user.pk).roles == {Role.AUDITOR}
    admin_client.post(url, {"action": "reset_second_factor", "reason": "lost phone"})
    assert not TOTPDevice.objects.filter(user=target.user).exists()
    admin_client.post(url, {"action": "deactivate", "reason": "left the force"})
    assert not User.objects.get(pk=target.user.pk).is_active
    events = list(
        AuditRecord.objects.filter(object_id=str(target.user.pk))
        .exclude(event="account.viewed")
        .order_by("seq")
        .values_list("event", "reason")
    )
    assert events[-3:] == [
        ("account.roles_changed", "moved team"),
        ("account.second_factor_reset", "lost phone"),
        ("account.deactivated", "left the force"),
    ]


def test_viewing_an_account_is_audited(admin_client) -> None:  # type: ignore[no-untyped-def]
    target = account_make(Role.ANALYST)
    admin_client.get(f"/account/admin/{target.user.pk}/")
    viewed = AuditRecord.objects.filter(event="account.viewed", object_id=str(target.user.pk))
    assert viewed.get().actor_label == "admin"


def test_action_without_reason_is_refused(admin_client) -> None:  # type: ignore[no-untyped-def]
    target = account_make(Role.ANALYST)
    response = admin_client.post(f"/account/admin/{target.user.pk}/", {"action": "deactivate"})
    assert response.status_code == 400
    assert User.objects.get(pk=target.user.pk).is_active


def test_admin_sees_account_health_but_no_other_area(admin_client) -> None:  # type: ignore[no-untyped-def]
    account_make(Role.ANALYST, enrolled=False)
    home = admin_client.get("/")
    assert home.context["figures"].account_health.without_second_factor == 1
    assert admin_client.get("/audit/").status_code == 403


def test_linking_an_account_to_its_staff_record_hides_alerts_about_its_holder(admin_client) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import alert_make, staff_make

    analyst = account_make(Role.ANALYST)
    member = staff_make()
    about_them = alert_make(member)
    url = f"/account/admin/{analyst.user.pk}/"
    admin_client.post(url, {"action": "link", "link-staff_id": "NOPE", "link-reason": "HR match"})
    assert not type(member).objects.filter(account=analyst.user).exists()
    admin_client.post(
        url, {"action": "link", "link-staff_id": member.staff_id, "link-reason": "HR"}
    )
    member.refresh_from_db()
    assert member.account == analyst.user
    assert client_signed_in(analyst).get(f"/alerts/{about_them.pk}/").status_code == 404
    assert AuditRecord.objects.filter(event="account.staff_linked").count() == 1
