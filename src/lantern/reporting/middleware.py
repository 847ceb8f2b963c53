"""Reporter requests carry no address, browser details or cookies past this point.

First in the middleware stack. For paths under ``LANTERN_REPORTING_PATH_PREFIX``
it turns the client address into a rate-limit key (a keyed hash held only in
memory, see ``rate_limits``) and then removes from the request everything that
could identify the reporter: the address, forwarding headers, the user agent and
client hints, the referrer and any cookie. Nothing later (sessions, sign-in,
views, error logging, the audit trail) can record what it never sees.

Responses get ``Cache-Control: no-store`` (a receipt or a report must not stay
in a shared or browser cache), ``Referrer-Policy: same-origin``, a script-free
Content Security Policy and no cookies.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from lantern.reporting.rate_limits import LIMITER

CLIENT_KEY_ATTRIBUTE = "reporting_client"
_IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "REMOTE_PORT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_COOKIE",
    "HTTP_FROM",
    "HTTP_VIA",
)
_IDENTIFYING_PREFIXES = ("HTTP_SEC_CH_UA",)  # client hints: browser, platform, model


def is_reporter_path(path: str) -> bool:
    return path.startswith(settings.LANTERN_REPORTING_PATH_PREFIX)


def reporter_request_scrub(request: HttpRequest) -> None:
    """Keep only a rotating keyed hash of the address; drop every identifying header."""
    meta = request.META
    if not hasattr(request, CLIENT_KEY_ATTRIBUTE):
        setattr(request, CLIENT_KEY_ATTRIBUTE, LIMITER.client_key(meta.get("REMOTE_ADDR", "")))
    for name in _IDENTIFYING_META:
        meta.pop(name, None)
    for name in [k for k in meta if k.startswith(_IDENTIFYING_PREFIXES)]:
        del meta[name]
    # WSGI servers leave the address in these too; Django reads only META. The
    # unspecified address stands for "no address": nothing after this can log the reporter's.
    meta["REMOTE_ADDR"] = "0.0.0.0"  # noqa: S104 - the unspecified address, not a bind
    request.COOKIES = {}


# No script at all; styles and images from this host only; forms post only here.
REPORTER_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def reporter_response_harden(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    # Same-origin keeps the Origin header on our own form posts (checked in the views);
    # nothing at all is sent to any other site.
    response["Referrer-Policy"] = "same-origin"
    response["Content-Security-Policy"] = REPORTER_CSP
    response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    response["X-Robots-Tag"] = "noarchive"
    for name in list(response.cookies):
        del response.cookies[name]
    return response


class ReporterTracesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_reporter_path(request.path_info):
            return self.get_response(request)
        reporter_request_scrub(request)
        return reporter_response_harden(self.get_response(request))
