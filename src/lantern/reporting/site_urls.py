"""ROOT_URLCONF of the reporting line's own host (``lantern.config.settings.reporting``).

Only the reporter-facing pages, and error pages of their own: nothing of the
internal app is reachable or linked from this host.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

from lantern.reporting.views import public
from lantern.web.access import public as public_page


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return redirect("report:start")


urlpatterns = [
    path("", home),
    path("report/", include("lantern.reporting.public_urls")),
]


@public_page
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return public.problem(
        request, 400, "Sorry, we could not read what was sent", "Nothing was saved. Try again."
    )


@public_page
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return public.problem(request, 403, "This page cannot be opened", "Nothing was saved.")


@public_page
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return public.problem(
        request, 404, "Page not found", "Check the address, or start again from the first page."
    )


@public_page
def server_error(request: HttpRequest) -> HttpResponse:
    return public.problem(
        request, 500, "Sorry, there is a problem", "Nothing was half-saved. Try again later."
    )


handler400 = bad_request
handler403 = permission_denied
handler404 = page_not_found
handler500 = server_error
