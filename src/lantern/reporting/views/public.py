"""The reporter-facing site: no account, no cookies, no JavaScript, no traces.

Every view here is public and exempt from Django's cookie-based CSRF check:
forms carry a signed single-use token instead (``tokens``), because a cookie
would be a trace in the reporter's browser. Bodies are parsed in memory only
(no temporary files of plaintext on disk); a body too large is refused unread;
anything malformed gets this site's own page, never the internal app's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt

from lantern.reporting.crypto import line_key_configured
from lantern.reporting.forms import ReceiptForm, ReplyForm, ReporterReportForm
from lantern.reporting.middleware import CLIENT_KEY_ATTRIBUTE
from lantern.reporting.models import Report
from lantern.reporting.rate_limits import LIMITER
from lantern.reporting.selectors import conversation_for_reporter
from lantern.reporting.services import report_submit, reporter_message_add
from lantern.reporting.tokens import (
    conversation_token_new,
    conversation_token_report,
    form_token_new,
    form_token_valid,
)
from lantern.reporting.uploads import MemoryOnlyUploadHandler, body_too_large
from lantern.web.access import public

View = Callable[..., HttpResponse]


def reporter_view(view: View) -> View:
    """Public, cookie-less CSRF (form tokens), and the same answer for every bad request."""
    return public(csrf_exempt(view))


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"reporting/public/{template}", context, status=status)


def problem(request: HttpRequest, status: int, title: str, body: str) -> HttpResponse:
    return _page(request, "problem.html", {"title": title, "body": body}, status=status)


def _too_large(request: HttpRequest) -> HttpResponse:
    limit = settings.LANTERN_REPORTING_REQUEST_MAX_BYTES // (1024 * 1024)
    return problem(
        request,
        413,
        "What you sent was too large",
        f"Nothing was saved. Everything together must be under {limit} MB: send fewer or "
        "smaller files, and try again.",
    )


def _malformed(request: HttpRequest) -> HttpResponse:
    return problem(
        request,
        400,
        "Sorry, we could not read what was sent",
        "Nothing was saved. Go back to the form and try again.",
    )


def _slow_down(request: HttpRequest) -> HttpResponse:
    minutes = settings.LANTERN_REPORTING_RATE_WINDOW_SECONDS // 60
    return problem(
        request,
        429,
        "Please wait before trying again",
        f"There have been too many attempts. Nothing was saved. Wait {minutes} minutes and "
        "try again. If someone is in immediate danger, call 999.",
    )


def _line_off(request: HttpRequest) -> HttpResponse:
    return problem(
        request,
        503,
        "This reporting line is not open",
        "Reports cannot be taken here yet. If someone is in immediate danger, call 999.",
    )


def _cross_site(request: HttpRequest) -> bool:
    if request.headers.get("Sec-Fetch-Site", "same-origin") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin != f"{request.scheme}://{request.get_host()}"
    return False


def _post_parsed(request: HttpRequest) -> tuple[QueryDict, MultiValueDict[str, Any]] | HttpResponse:
    """The body, read in memory; or the page that says why it was refused."""
    if body_too_large(request):
        return _too_large(request)
    if _cross_site(request):
        return _malformed(request)
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]
    try:
        return request.POST, request.FILES
    except (SuspiciousOperation, MultiPartParserError, UnreadablePostError, ValueError):
        # Too many fields or files, a text part too large, or a broken multipart body.
        return _malformed(request)


def _client(request: HttpRequest) -> str:
    return str(getattr(request, CLIENT_KEY_ATTRIBUTE, ""))


@reporter_view
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem(
        request, 404, "Page not found", "Check the address, or start again from the first page."
    )


@reporter_view
def start(request: HttpRequest) -> HttpResponse:
    return _page(request, "start.html", {"line_open": line_key_configured()})


@reporter_view
def report_new(request: HttpRequest) -> HttpResponse:
    if not line_key_configured():
        return _line_off(request)
    if request.method != "POST":
        return _report_form(request, ReporterReportForm())
    parsed = _post_parsed(request)
    if isinstance(parsed, HttpResponse):
        return parsed
    data, files = parsed
    if not LIMITER.allow("submit", _client(request)):
        return _slow_down(request)
    form = ReporterReportForm(data, files)
    if not form_token_valid(data.get("form_token", "")):
        form.is_valid()
        return _report_form(request, form, expired=True)
    if not form.is_valid():
        return _report_form(request, form)
    received = report_submit(
        content=form.content(),
        channel=form.reporter_channel(),
        risk_now=form.cleaned_data["risk_now"],
        contact=form.reporter_contact(),
        attachments=form.cleaned_data["attachments"],
    )
    return _page(
        request,
        "receipt.html",
        {
            "receipt": str(received.receipt),
            "urgent": received.report.urgent,
            "anonymous": received.report.anonymous,
        },
    )


def _report_form(
    request: HttpRequest, form: ReporterReportForm, *, expired: bool = False
) -> HttpResponse:
    context = {"form": form, "form_token": form_token_new(), "expired": expired}
    status = 400 if form.is_bound else 200
    return _page(request, "report_form.html", context, status=status)


@reporter_view
def report_return(request: HttpRequest) -> HttpResponse:
    """Come back with a receipt. Right or wrong, the same page, status and least time."""
    if request.method != "POST":
        return _return_page(request, ReceiptForm(), None)
    started = time.monotonic()
    parsed = _post_parsed(request)
    if isinstance(parsed, HttpResponse):
        return parsed
    data, _ = parsed
    if not LIMITER.allow("receipt", _client(request)):
        return _slow_down(request)
    form = ReceiptForm(data)
    view = None
    if form.is_valid() and form_token_valid(data.get("form_token", "")):
        view = conversation_for_reporter(receipt_text=form.cleaned_data["receipt"])
    else:
        conversation_for_reporter(receipt_text="")  # the same work and audit as a wrong receipt
    response = _return_page(request, form, view, tried=True)
    remaining = settings.LANTERN_REPORTING_RECEIPT_MIN_SECONDS - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)
    return response


def _return_page(
    request: HttpRequest, form: ReceiptForm, view: Any, *, tried: bool = False
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": ReceiptForm() if tried else form,
        "form_token": form_token_new(),
        "view": view,
        "not_recognised": tried and view is None,
    }
    if view is not None:
        context["reply_form"] = ReplyForm()
        context["conversation"] = conversation_token_new(view.report.pk)
    return _page(request, "return.html", context)


@reporter_view
def report_reply(request: HttpRequest) -> HttpResponse:
    """The reporter answers or adds information; then reads replies next time with the receipt."""
    if request.method != "POST":
        return redirect("report:return")
    parsed = _post_parsed(request)
    if isinstance(parsed, HttpResponse):
        return parsed
    data, files = parsed
    if not LIMITER.allow("submit", _client(request)):
        return _slow_down(request)
    report_id = conversation_token_report(data.get("conversation", ""))
    report = Report.objects.filter(pk=report_id).first() if report_id else None
    if report is None:
        return problem(
            request,
            403,
            "This page has expired",
            "For your safety, a conversation stays open for a short time only. Nothing was "
            "saved. Come back with your receipt and send your reply again.",
        )
    form = ReplyForm(data, files)
    token_ok = form_token_valid(data.get("form_token", ""))
    if not (token_ok and form.is_valid()):
        context = {
            "form": form,
            "form_token": form_token_new(),
            "conversation": data.get("conversation", ""),
            "expired": not token_ok,
        }
        return _page(request, "reply_form.html", context, status=400)
    try:
        reporter_message_add(
            report_id=report.pk,
            body=form.cleaned_data["body"],
            attachments=form.cleaned_data["attachments"],
        )
    except ValidationError:
        return problem(
            request,
            409,
            "This report is closed",
            "Nothing was saved. If you have something new to tell us, make a new report.",
        )
    return _page(request, "reply_sent.html", {"sent_on": timezone.localdate()})
