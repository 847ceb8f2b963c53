"""The handlers' inbox: queues, a report and its conversation, actions, figures."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.reporting import selectors
from lantern.reporting.crypto import line_key_configured
from lantern.reporting.forms import (
    CloseForm,
    ContactRevealForm,
    ConvertForm,
    HandlerMessageForm,
    SafeguardingForm,
    UrgentForm,
)
from lantern.reporting.models import MessageKind, Outcome, Report
from lantern.reporting.selectors import QUEUE_LABELS, Queue
from lantern.reporting.services import (
    handler_message_send,
    report_close,
    report_intelligence_convert,
    report_safeguarding_record,
    report_urgent_mark,
)
from lantern.web.access import allow

HANDLER = Role.REPORTING_HANDLER


def _viewer(request: HttpRequest) -> User:
    """The signed-in user (the access rule has already refused anyone else)."""
    return cast(User, request.user)


@allow(HANDLER)
def inbox(request: HttpRequest) -> HttpResponse:
    try:
        queue = Queue(request.GET.get("queue", Queue.OPEN.value))
    except ValueError:
        queue = Queue.OPEN
    counts = selectors.inbox_counts(viewer=_viewer(request))
    context = {
        "queue": queue,
        "queue_label": QUEUE_LABELS[queue],
        "queues": [(q, QUEUE_LABELS[q], counts[q]) for q in Queue],
        "reports": selectors.inbox_for_handler(viewer=_viewer(request), queue=queue)[:200],
        "line_open": line_key_configured(),
    }
    return render(request, "reporting/inbox/inbox.html", context)


def _detail(request: HttpRequest, report_id: object, **forms: Any) -> HttpResponse:
    view = selectors.report_for_handler(viewer=_viewer(request), report_id=report_id)
    content = view.content
    draft_subject = ", ".join(
        part
        for part in (content.subject_name, content.subject_number, content.subject_force)
        if part
    )
    context = {
        "view": view,
        "report": view.report,
        "message_form": forms.get("message_form") or HandlerMessageForm(),
        "safeguarding_form": forms.get("safeguarding_form") or SafeguardingForm(),
        "urgent_form": forms.get("urgent_form") or UrgentForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "contact_form": forms.get("contact_form") or ContactRevealForm(),
        "contact": forms.get("contact"),
        "draft_subject": draft_subject,
    }
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "reporting/inbox/report.html", context, status=status)


@allow(HANDLER)
def report_detail(request: HttpRequest, report_id: object) -> HttpResponse:
    return _detail(request, report_id)


def _report(report_id: object) -> Report:
    return get_object_or_404(Report, pk=report_id)


@allow(HANDLER)
@require_POST
def report_message(request: HttpRequest, report_id: object) -> HttpResponse:
    report = _report(report_id)
    form = HandlerMessageForm(request.POST)
    if not form.is_valid():
        return _detail(request, report_id, message_form=form)
    kind = MessageKind(form.cleaned_data["kind"])
    try:
        handler_message_send(
            actor=_viewer(request), report=report, body=form.cleaned_data["body"], kind=kind
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _detail(request, report_id, message_form=form)
    done = {
        MessageKind.REPLY: "Reply sent. The reporter reads it when they return with the receipt.",
        MessageKind.QUESTION: "Question sent. The report waits for the reporter's answer.",
        MessageKind.NOTE: "Note added. Only handlers can see it.",
    }
    messages.success(request, done[kind])
    return redirect("reporting:report", report_id=report.pk)


@allow(HANDLER)
@require_POST
def report_safeguarding(request: HttpRequest, report_id: object) -> HttpResponse:
    report = _report(report_id)
    form = SafeguardingForm(request.POST)
    if not form.is_valid():
        return _detail(request, report_id, safeguarding_form=form)
    report_safeguarding_record(
        actor=_viewer(request), report=report, action=form.cleaned_data["action"]
    )
    messages.success(request, "Safeguarding action recorded.")
    return redirect("reporting:report", report_id=report.pk)


@allow(HANDLER)
@require_POST
def report_urgent(request: HttpRequest, report_id: object) -> HttpResponse:
    report = _report(report_id)
    form = UrgentForm(request.POST)
    if not form.is_valid():
        return _detail(request, report_id, urgent_form=form)
    report_urgent_mark(
        actor=_viewer(request), report=report, reason=form.cleaned_data["urgent_reason"]
    )
    messages.success(request, "Marked urgent: someone may be at risk.")
    return redirect("reporting:report", report_id=report.pk)


@allow(HANDLER)
@require_POST
def report_close_view(request: HttpRequest, report_id: object) -> HttpResponse:
    report = _report(report_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _detail(request, report_id, close_form=form)
    try:
        report_close(
            actor=_viewer(request),
            report=report,
            outcome=Outcome(form.cleaned_data["outcome"]),
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _detail(request, report_id, close_form=form)
    messages.success(request, "Report closed.")
    return redirect("reporting:report", report_id=report.pk)


@allow(HANDLER)
@require_POST
def report_contact(request: HttpRequest, report_id: object) -> HttpResponse:
    form = ContactRevealForm(request.POST)
    if not form.is_valid():
        return _detail(request, report_id, contact_form=form)
    contact = selectors.report_contact_for_handler(
        viewer=_viewer(request),
        report_id=report_id,
        reason=form.cleaned_data["contact_reason"],
    )
    return _detail(request, report_id, contact=contact)


@allow(HANDLER)
def report_attachment(
    request: HttpRequest, report_id: object, attachment_id: object
) -> HttpResponse:
    found = selectors.attachment_for_handler(
        viewer=_viewer(request),
        report_id=report_id,
        attachment_id=attachment_id,
    )
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
    response = HttpResponse(found.data, content_type=found.content_type)
    name = f"attachment-{str(attachment_id)[:8]}.{extension.get(found.content_type, 'bin')}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@allow(HANDLER)
def report_convert(request: HttpRequest, report_id: object) -> HttpResponse:
    view = selectors.report_for_handler(viewer=_viewer(request), report_id=report_id)
    report = view.report
    if report.intelligence_reference:
        messages.info(request, f"Already intelligence report {report.intelligence_reference}.")
        return redirect("reporting:report", report_id=report.pk)
    if request.method == "POST":
        form = ConvertForm(request.POST)
        if form.is_valid():
            try:
                reference = report_intelligence_convert(
                    actor=_viewer(request),
                    report=report,
                    draft=form.draft(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Recorded as intelligence report {reference}.")
                return redirect("reporting:report", report_id=report.pk)
    else:
        content = view.content
        form = ConvertForm(
            initial={
                "subject_description": ", ".join(
                    p
                    for p in (content.subject_name, content.subject_number, content.subject_force)
                    if p
                ),
                "sanitised_text": content.what_happened,
            }
        )
    status = 400 if form.is_bound else 200
    return render(
        request,
        "reporting/inbox/convert.html",
        {"form": form, "view": view, "report": report},
        status=status,
    )


@allow(HANDLER)
def figures(request: HttpRequest) -> HttpResponse:
    data = selectors.reporting_figures(viewer=_viewer(request))
    return render(request, "reporting/inbox/figures.html", {"figures": data})
