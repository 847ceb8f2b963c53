"""Malformed or oversized input gets a 400 with a clear message and stores nothing."""

from __future__ import annotations

import pytest

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from tests.factories import account_make, client_signed_in

pytestmark = pytest.mark.django_db


def test_oversized_form_post_is_a_400(settings) -> None:  # type: ignore[no-untyped-def]
    client = client_signed_in(account_make(Role.SYSTEM_ADMIN))
    before = User.objects.count()
    response = client.post(
        "/account/admin/new/",
        {
            "username": "big",
            "full_name": "x" * 2_000_000,
            "email": "b@example.invalid",
            "roles": [Role.ANALYST],
        },
    )
    assert response.status_code == 400
    assert b"could not accept" in response.content
    assert User.objects.count() == before


def test_too_many_fields_is_a_400() -> None:
    client = client_signed_in(account_make(Role.SYSTEM_ADMIN))
    response = client.post("/account/admin/new/", {f"f{i}": "x" for i in range(500)})
    assert response.status_code == 400


def test_api_returns_the_signed_in_user() -> None:
    client = client_signed_in(account_make(Role.AUDITOR, username="aud"))
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {"username": "aud", "roles": ["auditor"]}


def test_api_openapi_schema_is_served_to_signed_in_users() -> None:
    client = client_signed_in(account_make(Role.ANALYST))
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"]


def test_api_refuses_anonymous(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/me").status_code == 302


def test_unknown_page_is_a_friendly_404() -> None:
    client = client_signed_in(account_make(Role.ANALYST))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_api_alerts_use_the_same_scope_and_pseudonyms_as_the_pages() -> None:
    from tests.factories import alert_make, staff_make

    analyst = account_make(Role.ANALYST)
    mine = alert_make(staff_make(account=analyst.user))
    other = alert_make(score=5.0)
    rows = client_signed_in(analyst).get("/api/v1/alerts").json()
    assert [r["id"] for r in rows] == [str(other.pk)]
    assert rows[0]["staff"] == other.staff.pseudonym
    assert client_signed_in(analyst).get(f"/api/v1/alerts/{mine.pk}").status_code == 404
    assert (
        client_signed_in(account_make(Role.INVESTIGATOR)).get("/api/v1/alerts").status_code == 403
    )


def test_api_rejects_a_malformed_id_with_400() -> None:
    response = client_signed_in(account_make(Role.ANALYST)).get("/api/v1/alerts/not-a-uuid")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid."
