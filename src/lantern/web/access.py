"""Deny by default: every view declares who may use it, or nobody can.

Decorate each view with exactly one of:

* ``@allow(Role.X, Role.Y)`` – signed-in users, with the second factor passed,
  who hold at least one of these roles;
* ``@allow_any_role`` – any signed-in user with the second factor passed;
* ``@signing_in`` – a user part-way through sign-in (password accepted, second
  factor not yet given): the enrolment and verification pages;
* ``@public`` – anyone (the sign-in page, error pages).

:class:`AccessPolicyMiddleware` refuses any view with no declaration, so a new
page that forgets its rule is shut, and the role-by-URL test fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from lantern.accounts.roles import ALL_ROLES, Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append

logger = logging.getLogger(__name__)
View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class AccessRule:
    roles: frozenset[Role] = frozenset()
    public: bool = False
    signing_in: bool = False

    def admits_roles(self, held: frozenset[Role]) -> bool:
        return bool(self.roles & held)


def declare(view: Callable[..., Any], rule: AccessRule) -> None:
    """Attach ``rule`` to ``view`` (for views built elsewhere, such as the API's)."""
    view.access_rule = rule  # type: ignore[attr-defined]


def _declare(rule: AccessRule) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        declare(view, rule)
        return view

    return decorate


def allow(*roles: Role) -> Callable[[View], View]:
    if not roles:
        raise ValueError("allow() needs at least one role; use allow_any_role for all.")
    return _declare(AccessRule(roles=frozenset(roles)))


allow_any_role = _declare(AccessRule(roles=ALL_ROLES))
signing_in = _declare(AccessRule(signing_in=True))
public = _declare(AccessRule(public=True))


def access_rule_of(view: Callable[..., Any]) -> AccessRule | None:
    rule = getattr(view, "access_rule", None)
    return rule if isinstance(rule, AccessRule) else None


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        rule = access_rule_of(view)
        if rule is None:
            logger.error("View %s declares no access rule; refused.", request.path)
            raise PermissionDenied("This page has no access rule.")
        if rule.public:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule.signing_in:
            return None
        if not user.is_verified():
            return redirect("accounts:second_factor")
        if rule.admits_roles(user.roles):
            return None
        audit_append(
            actor=user,
            event="access.refused",
            category=AuditCategory.SECURITY,
            object_type="url",
            object_id=request.path[:80],
            reason="role not permitted",
        )
        raise PermissionDenied("Your roles do not include this page.")


def url_if_allowed(name: str, roles: frozenset[Role], *args: object) -> str | None:
    """The URL of the view ``name`` when ``roles`` pass its access rule, else None.

    For links to another part of Lantern: a page offers only what the viewer may open.
    """
    from django.urls import NoReverseMatch, resolve, reverse

    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    rule = access_rule_of(resolve(url).func)
    return url if rule is not None and rule.admits_roles(roles) else None
