"""Home pages and error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.web.access import allow_any_role, public
from lantern.web.context import nav_items_for
from lantern.web.selectors import home_figures


@allow_any_role
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "roles": sorted(user.roles, key=lambda r: r.label),  # type: ignore[union-attr]
        "figures": home_figures(viewer=user),  # type: ignore[arg-type]
        "sections": [i for i in nav_items_for(request) if i.url != request.path],
    }
    return render(request, "web/home.html", context)


def _error(request: HttpRequest, status: int, title: str, body: str) -> HttpResponse:
    context = {"title": title, "body": body}
    return render(request, "web/error.html", context, status=status)


@public
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        "Sorry, Lantern could not accept that",
        "What was sent was malformed or too large, so nothing was saved. Go back and try again.",
    )


@public
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "You cannot open this page",
        "Your roles do not include this page. If you need it for your work, ask your "
        "system administrator. The attempt has been recorded.",
    )


@public
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "Page not found",
        "Check the address, or go back to your home page.",
    )


@public
def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "Sorry, there is a problem with Lantern",
        "Nothing you were doing has been half-saved. Try again later.",
    )


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A forged or missing CSRF token: refused, recorded, nothing stored."""
    user = request.user if request.user.is_authenticated else None
    audit_append(
        actor=user,
        actor_label=None if user else "anonymous",
        event="security.csrf_refused",
        category=AuditCategory.SECURITY,
        object_type="url",
        object_id=request.path[:80],
        reason=reason[:200],
    )
    return _error(
        request,
        403,
        "This form has expired",
        "The form could not be checked, so nothing was saved. Go back, reload the page "
        "and try again.",
    )
