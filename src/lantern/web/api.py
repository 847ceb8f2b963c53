"""The JSON API (django-ninja, OpenAPI at /api/v1/docs).

Each bounded context adds its router here. Access is enforced by the same
deny-by-default middleware as the pages: ``api_urlpatterns`` stamps the rule
on every API URL, and the session authentication checks CSRF on writes.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.security import django_auth

api = NinjaAPI(
    title="Lantern API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    description="Programmatic access for signed-in Lantern users, scoped by role.",
)


@api.exception_handler(ValidationError)
def _invalid_body(request: HttpRequest, exc: ValidationError):
    """Malformed bodies get 400 with the fields at fault, and nothing is stored."""
    return api.create_response(
        request, {"detail": "The request body is not valid.", "errors": exc.errors}, status=400
    )


from lantern.web.api_domain import router as domain_router  # noqa: E402

api.add_router("/", domain_router)


class Me(Schema):
    username: str
    roles: list[str]


@api.get("/me", response=Me, summary="The signed-in user and their roles")
def me(request: HttpRequest) -> Me:
    user = request.user
    return Me(username=user.get_username(), roles=sorted(user.roles))  # type: ignore[union-attr]
