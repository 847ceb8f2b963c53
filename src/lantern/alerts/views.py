"""The analyst's workspace: the queue, an alert's evidence, and the decisions on it."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts import selectors, services
from lantern.alerts.forms import (
    DismissForm,
    GradingForm,
    InvestigationForm,
    QueueFilterForm,
    RevealForm,
    RevokeForm,
)
from lantern.alerts.models import AlertEvidence, AlertStatus, DismissalReason
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.safeguarding.models import SafeguardingSource
from lantern.safeguarding.selectors import safeguarding_for_source
from lantern.web.access import allow, url_if_allowed

TRIAGE = (Role.ANALYST, Role.HEAD_OF_PSD)
PAGE_SIZE = 25


def _viewer(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@allow(*TRIAGE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    options = selectors.alert_queue_options(viewer=viewer)
    data = request.GET.copy()
    data.setdefault("status", AlertStatus.NEW)
    form = QueueFilterForm(data, options=options)
    valid = form.is_valid()
    cleaned = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)} if valid else {}
    filters = selectors.QueueFilters(**{"status": "", **cleaned})
    page = Paginator(selectors.alerts_queue(viewer=viewer, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.staff_alert_counts(viewer=viewer, alerts=list(page.object_list))
    audit_append(
        actor=viewer,
        event="alerts.queue_viewed",
        category=AuditCategory.CONSULTATION,
        object_type="alert_queue",
        detail={**filters.as_detail(), "page": page.number},
    )
    params = data.copy()
    params.pop("page", None)
    context = {
        "form": form, "page": page, "params": params.urlencode(),
        "revealed": selectors.revealed_staff_ids(viewer=viewer),
    }  # fmt: skip
    return render(request, "alerts/queue.html", context, status=200 if valid else 400)


@allow(*TRIAGE)
@require_GET
def detail(request: HttpRequest, alert_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    alert = selectors.alert_detail(viewer=viewer, alert_pk=str(alert_pk))
    evidence = list(alert.evidence.all())
    safeguarding = list(
        safeguarding_for_source(
            viewer=viewer, source=SafeguardingSource.ALERT, source_id=str(alert.pk)
        )
    )
    context = {
        "alert": alert,
        "evidence": evidence,
        "timeline": _timeline_scale(evidence),
        "history": selectors.staff_alert_history(viewer=viewer, alert=alert)[:20],
        "revealed": selectors.revealed_staff_ids(viewer=viewer),
        "pending_reveal": selectors.reveal_pending(viewer=viewer, staff=alert.staff),
        "needs_approval": services.reveal_needs_approval(alert.staff),
        "safeguarding": safeguarding,
        "safeguarding_prompt": alert.person is not None and not safeguarding,
        "reveal_form": RevealForm(),
        "dismiss_form": DismissForm(initial={"reason": DismissalReason.LEGITIMATE}),
        "work_url": url_if_allowed("strategy:work", viewer.roles),
    }  # fmt: skip
    return render(request, "alerts/detail.html", context)


def _timeline_scale(evidence: list[AlertEvidence]) -> dict[str, object]:
    """Positions (percent of the span) so the timeline is a picture, not only a table."""
    if not evidence:
        return {"rows": []}
    start = min(e.at for e in evidence)
    end = max((e.until or e.at) for e in evidence)
    span = max((end - start).total_seconds(), 1.0)
    lanes = ["duty", "assignment", "occurrence", "access", "communication"]
    rows = []
    for index, lane in enumerate(lanes):
        marks = []
        for e in evidence:
            if e.kind != lane:
                continue
            left = (e.at - start).total_seconds() / span * 100
            width = ((e.until - e.at).total_seconds() / span * 100) if e.until else 0
            marks.append({"left": round(left, 2), "width": round(max(width, 0.4), 2), "item": e})
        rows.append({"lane": lane, "marks": marks, "y": index, "text_y": index * 34 + 22})
    return {"rows": rows, "start": start, "end": end}


@allow(*TRIAGE)
@require_POST
def reveal(request: HttpRequest, alert_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    alert = selectors.alert_detail(viewer=viewer, alert_pk=str(alert_pk))
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            result = services.staff_reveal_request(
                actor=viewer, staff=alert.staff, reason=form.cleaned_data["reason"], alert=alert
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("alerts:detail", alert_pk=alert_pk)
        messages.success(
            request,
            "Name revealed."
            if result.status == "granted"
            else "Request sent to the head of professional standards for approval.",
        )
        return redirect("alerts:detail", alert_pk=alert_pk)
    messages.error(request, "Say why you need the name.")
    return redirect("alerts:detail", alert_pk=alert_pk)


@allow(*TRIAGE)
@require_POST
def dismiss(request: HttpRequest, alert_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    alert = selectors.alert_detail(viewer=viewer, alert_pk=str(alert_pk))
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            services.alert_dismiss(
                actor=viewer,
                alert=alert,
                reason=DismissalReason(form.cleaned_data["reason"]),
                note=form.cleaned_data["note"],
                explanation_expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Alert dismissed.")
            return redirect("alerts:queue")
    return render(
        request,
        "alerts/decision_form.html",
        {"alert": alert, "form": form, "title": "Dismiss the alert"},
        status=400,
    )


@allow(*TRIAGE)
@require_http_methods(["GET", "POST"])
def escalate_intelligence(request: HttpRequest, alert_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    alert = selectors.alert_detail(viewer=viewer, alert_pk=str(alert_pk))
    form = GradingForm(request.POST or None, initial={
        "categories": [alert.category], "source_evaluation": "1", "intelligence_assessment": "B",
        "handling": "P", "sanitised_text": alert.summary,
    })  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            report = services.alert_escalate_to_intelligence(
                actor=viewer, alert=alert, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Intelligence report {report.reference} recorded.")
            return redirect("intelligence:detail", report_pk=report.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "alerts/decision_form.html",
        {"alert": alert, "form": form, "title": "Raise an intelligence report"},
        status=status,
    )


@allow(*TRIAGE)
@require_http_methods(["GET", "POST"])
def escalate_investigation(request: HttpRequest, alert_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    alert = selectors.alert_detail(viewer=viewer, alert_pk=str(alert_pk))
    form = InvestigationForm(
        request.POST or None, initial={"categories": [alert.category], "summary": alert.summary}
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.alert_escalate_to_investigation(
                actor=viewer, alert=alert, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Investigation {case.reference} opened.")
            return redirect("alerts:detail", alert_pk=alert.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "alerts/decision_form.html",
        {"alert": alert, "form": form, "title": "Open an investigation"},
        status=status,
    )


@allow(*TRIAGE)
@require_GET
def explanations(request: HttpRequest) -> HttpResponse:
    rows = selectors.explanations_list(viewer=_viewer(request))
    return render(request, "alerts/explanations.html", {"rows": rows, "form": RevokeForm()})


@allow(*TRIAGE)
@require_POST
def explanation_revoke(request: HttpRequest, explanation_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    explanation = get_object_or_404(selectors.explanations_list(viewer=viewer), pk=explanation_pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the explanation is revoked.")
        return redirect("alerts:explanations")
    returned = services.explanation_revoke(
        actor=viewer, explanation=explanation, reason=form.cleaned_data["reason"]
    )
    messages.success(request, f"Explanation revoked; {returned} alerts returned to the queue.")
    return redirect("alerts:explanations")


@allow(*TRIAGE)
@require_GET
def performance(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    context = {
        "indicators": selectors.indicator_effectiveness(viewer=viewer),
        "weeks": selectors.unit_throughput(viewer=viewer),
    }
    return render(request, "alerts/performance.html", context)


@allow(Role.HEAD_OF_PSD)
@require_GET
def reveal_approvals(request: HttpRequest) -> HttpResponse:
    rows = selectors.reveals_awaiting_approval(viewer=_viewer(request))
    return render(request, "alerts/reveal_approvals.html", {"rows": rows})


@allow(Role.HEAD_OF_PSD)
@require_POST
def reveal_decide(request: HttpRequest, reveal_pk: int) -> HttpResponse:
    viewer = _viewer(request)
    pending = get_object_or_404(selectors.reveals_awaiting_approval(viewer=viewer), pk=reveal_pk)
    approve = request.POST.get("decision") == "approve"
    services.staff_reveal_decide(
        actor=viewer, reveal=pending, approve=approve, reason=request.POST.get("reason", "")[:1000]
    )
    messages.success(request, "Reveal approved." if approve else "Reveal refused.")
    return redirect("alerts:reveal_approvals")
