"""Every URL pattern against every role: deny by default, allow only as declared."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from lantern.accounts.roles import Role
from lantern.web.access import AccessRule, access_rule_of
from tests.factories import account_make, client_signed_in

SAMPLE_VALUES = {"uuid": str(uuid.uuid4()), "int": "1", "str": "x", "slug": "x", "path": "x"}


def _walk(patterns: list, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def _concrete(route: str, pattern: URLPattern) -> str:
    """Turn 'audit/<uuid:id>/' into a URL with a sample value for each converter."""
    path = route
    converters = getattr(pattern.pattern, "converters", {})
    for name, conv in converters.items():
        kind = type(conv).__name__.replace("Converter", "").lower()
        value = SAMPLE_VALUES.get(kind, "x")
        for spelled in (f"<{kind}:{name}>", f"<{name}>"):
            path = path.replace(spelled, value)
    return "/" + path.replace("^", "").replace("$", "")


ALL_PATTERNS = list(_walk(get_resolver().url_patterns))


def test_url_map_is_not_empty() -> None:
    assert len(ALL_PATTERNS) >= 10


@pytest.mark.parametrize(("route", "pattern"), ALL_PATTERNS, ids=[r for r, _ in ALL_PATTERNS])
def test_every_url_declares_an_access_rule(route: str, pattern: URLPattern) -> None:
    assert isinstance(access_rule_of(pattern.callback), AccessRule), (
        f"{route} has no access rule: decorate its view with allow(), allow_any_role, "
        "signing_in or public."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_every_url_against_role(role: Role) -> None:
    client = client_signed_in(account_make(role))
    for route, pattern in ALL_PATTERNS:
        rule = access_rule_of(pattern.callback)
        assert rule is not None
        url = _concrete(route, pattern)
        response = client.get(url)
        admitted = rule.public or rule.signing_in or role in rule.roles
        if admitted:
            assert response.status_code != 403, f"{role} refused {url}"
        else:
            assert response.status_code == 403, f"{role} was let into {url}"


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_for_every_non_public_url(client) -> None:  # type: ignore[no-untyped-def]
    for route, pattern in ALL_PATTERNS:
        rule = access_rule_of(pattern.callback)
        assert rule is not None
        if rule.public:
            continue
        response = client.get(_concrete(route, pattern))
        assert response.status_code == 302
        assert response["Location"].startswith("/account/sign-in/")


@pytest.mark.django_db
def test_half_signed_in_user_reaches_only_sign_in_pages() -> None:
    """Password accepted but no second factor: only enrolment/verification pages open."""
    from django.test import Client

    account = account_make(Role.AUDITOR)
    client = Client()
    client.force_login(account.user, backend="django.contrib.auth.backends.ModelBackend")
    for route, pattern in ALL_PATTERNS:
        rule = access_rule_of(pattern.callback)
        assert rule is not None
        if rule.public or rule.signing_in:
            continue
        response = client.get(_concrete(route, pattern))
        assert response.status_code == 302, route
        assert response["Location"] == "/account/sign-in/code/"


def test_a_view_without_a_rule_is_refused(rf) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from lantern.web.access import AccessPolicyMiddleware

    def undeclared(request):  # type: ignore[no-untyped-def]
        return HttpResponse("secret")

    middleware = AccessPolicyMiddleware(lambda r: HttpResponse())
    with pytest.raises(PermissionDenied):
        middleware.process_view(rf.get("/x"), undeclared, (), {})
