"""Corruption intelligence pages: the register, a report, and its development."""

from __future__ import annotations

import uuid
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.forms import InvestigationForm
from lantern.alerts.selectors import revealed_staff_ids
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.cases.services import investigation_open
from lantern.intelligence import services
from lantern.intelligence.selectors import (
    intelligence_detail,
    intelligence_visible,
    restricted_source_read,
)
from lantern.intelligence.vocabulary import Outcome
from lantern.safeguarding.models import SafeguardingSource
from lantern.safeguarding.selectors import safeguarding_for_source
from lantern.web.access import allow
from lantern.web.forms import GovukForm

READERS = (Role.ANALYST, Role.HEAD_OF_PSD, Role.INVESTIGATOR)
UNIT = (Role.ANALYST, Role.HEAD_OF_PSD)


class ActionForm(GovukForm):
    description = forms.CharField(label="Development action", max_length=1000)
    due_on = forms.DateField(label="Due (YYYY-MM-DD)")


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(choices=Outcome.choices, label="Outcome")
    note = forms.CharField(label="Note", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


@allow(*READERS)
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    page = Paginator(intelligence_visible(viewer=viewer), 25).get_page(request.GET.get("page"))
    audit_append(
        actor=viewer,
        event="intelligence.register_viewed",
        category=AuditCategory.CONSULTATION,
        object_type="intelligence_register",
        detail={"page": page.number},
    )
    return render(
        request,
        "intelligence/register.html",
        {"page": page, "revealed": revealed_staff_ids(viewer=viewer)},
    )


@allow(*READERS)
@require_GET
def detail(request: HttpRequest, report_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    report = intelligence_detail(viewer=viewer, report_pk=str(report_pk))
    context = {
        "report": report, "restricted": restricted_source_read(viewer=viewer, report=report),
        "revealed": revealed_staff_ids(viewer=viewer), "action_form": ActionForm(),
        "outcome_form": OutcomeForm(initial={"outcome": report.outcome}),
        "can_develop": bool(viewer.roles & set(UNIT)),
        "safeguarding": safeguarding_for_source(
            viewer=viewer, source=SafeguardingSource.INTELLIGENCE, source_id=str(report.pk)
        ),
        "safeguarding_source": SafeguardingSource.INTELLIGENCE,
        "safeguarding_source_id": report.pk,
    }  # fmt: skip
    return render(request, "intelligence/detail.html", context)


@allow(*UNIT)
@require_POST
def action_add(request: HttpRequest, report_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    report = intelligence_detail(viewer=viewer, report_pk=str(report_pk))
    form = ActionForm(request.POST)
    if form.is_valid() and form.cleaned_data["due_on"] >= date.today():
        services.development_action_add(
            actor=viewer, report=report, owner=viewer, **form.cleaned_data
        )
        messages.success(request, "Development action added.")
    else:
        messages.error(request, "Describe the action and give a due date from today on.")
    return redirect("intelligence:detail", report_pk=report_pk)


@allow(*UNIT)
@require_POST
def action_complete(request: HttpRequest, report_pk: uuid.UUID, action_pk: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    report = intelligence_detail(viewer=viewer, report_pk=str(report_pk))
    action = get_object_or_404(report.development_actions, pk=action_pk, done_at__isnull=True)
    services.development_action_complete(
        actor=viewer, action=action, result=request.POST.get("result", "")[:2000]
    )
    messages.success(request, "Development action completed.")
    return redirect("intelligence:detail", report_pk=report_pk)


@allow(*UNIT)
@require_http_methods(["GET", "POST"])
def open_investigation(request: HttpRequest, report_pk: uuid.UUID) -> HttpResponse:
    """Develop a report into an investigation of its subject."""
    viewer: User = request.user  # type: ignore[assignment]
    report = intelligence_detail(viewer=viewer, report_pk=str(report_pk))
    subject = report.subjects.first()
    if subject is None:
        messages.error(request, "Identify the member of staff before opening an investigation.")
        return redirect("intelligence:detail", report_pk=report_pk)
    form = InvestigationForm(
        request.POST or None,
        initial={"categories": report.categories, "summary": report.sanitised_text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                case = investigation_open(
                    actor=viewer, subject=subject, origin_report=report, **form.cleaned_data
                )
                services.intelligence_outcome_record(
                    actor=viewer,
                    report=report,
                    outcome=Outcome.INVESTIGATION,
                    note=f"Investigation {case.reference} opened.",
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Investigation {case.reference} opened.")
            return redirect("intelligence:detail", report_pk=report_pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "intelligence/open_investigation.html",
        {"report": report, "form": form},
        status=status,
    )


@allow(*UNIT)
@require_POST
def outcome(request: HttpRequest, report_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    report = intelligence_detail(viewer=viewer, report_pk=str(report_pk))
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.intelligence_outcome_record(actor=viewer, report=report, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Outcome recorded.")
    else:
        messages.error(request, "Choose an outcome and write a note.")
    return redirect("intelligence:detail", report_pk=report_pk)
