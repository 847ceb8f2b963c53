"""Governance pages: the register, a recommendation and its plans, the pack, the export.

Who may do what (docs/governance.md): the head of professional standards records
recommendations and action plans; the head and the counter-corruption analysts
add dated updates and evidence (they run the work); the governance viewer (PCC
office) reads the register, the pack and the export, which carry no names.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.governance import selectors, services
from lantern.governance.charts import figures_chart, rag_chart
from lantern.governance.models import ActionPlan
from lantern.governance.pdf import pack_pdf
from lantern.governance.progress import progress_as_of
from lantern.governance.vocabulary import DeclaredStatus, EvidenceKind, FindingKind
from lantern.web.access import allow
from lantern.web.forms import GovukForm

EDITORS = (Role.HEAD_OF_PSD,)
CONTRIBUTORS = (Role.HEAD_OF_PSD, Role.ANALYST)
READERS = (Role.HEAD_OF_PSD, Role.ANALYST, Role.GOVERNANCE)


class RecommendationForm(GovukForm):
    reference = forms.CharField(label="Reference", max_length=30)
    kind = forms.ChoiceField(label="Kind", choices=FindingKind.choices)
    source_report = forms.CharField(label="Source report", max_length=300)
    text = forms.CharField(label="Text", widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label="Deadline (YYYY-MM-DD)", required=False)


class PlanForm(GovukForm):
    action = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="Owner")
    due_on = forms.DateField(label="Due (YYYY-MM-DD)")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role_grants__role__in=[Role.HEAD_OF_PSD, Role.ANALYST]
        ).distinct()
        field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


def _as_of(request: HttpRequest) -> date:
    """The date asked for, never after today (the selectors move it back further for the
    governance viewer: to the end of the last complete quarter)."""
    today = timezone.localdate()
    try:
        return min(date.fromisoformat(request.GET.get("as_of", "")), today)
    except ValueError:
        return today


@allow(*READERS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    context = {
        "progress": selectors.governance_register(viewer=viewer, as_of=today), "today": today,
        "is_unit": selectors.is_unit(viewer), "can_edit": Role.HEAD_OF_PSD in viewer.roles,
        "can_export": True,
    }  # fmt: skip
    return render(request, "governance/index.html", context)


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rec = services.recommendation_create(actor=viewer, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{rec.reference} recorded.")
            return redirect("governance:recommendation", recommendation_pk=rec.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/recommendation_new.html", {"form": form}, status=status)


def _recommendation_page(
    request: HttpRequest, recommendation_pk: uuid.UUID, plan_form: PlanForm, status: int = 200
) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    rec = selectors.recommendation_detail(viewer=viewer, recommendation_pk=str(recommendation_pk))
    progress = next(r for r in progress_as_of(timezone.localdate()) if r.pk == str(rec.pk))
    by_pk = {p.pk: p for p in progress.plans}
    context = {
        "rec": rec, "progress": progress, "plan_form": plan_form,
        "plans": [(plan, by_pk[str(plan.pk)]) for plan in rec.plans.all() if str(plan.pk) in by_pk],
        "statuses": DeclaredStatus.choices, "evidence_kinds": EvidenceKind.choices,
        "can_edit": Role.HEAD_OF_PSD in viewer.roles,
    }  # fmt: skip
    return render(request, "governance/recommendation.html", context, status=status)


@allow(*CONTRIBUTORS)
@require_GET
def recommendation(request: HttpRequest, recommendation_pk: uuid.UUID) -> HttpResponse:
    return _recommendation_page(request, recommendation_pk, PlanForm())


@allow(*EDITORS)
@require_POST
def plan_add(request: HttpRequest, recommendation_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    rec = selectors.recommendation_detail(viewer=viewer, recommendation_pk=str(recommendation_pk))
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.action_plan_add(actor=viewer, recommendation=rec, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Action plan added.")
            return redirect("governance:recommendation", recommendation_pk=rec.pk)
    return _recommendation_page(request, recommendation_pk, form, status=400)


def _plan_for(viewer: User, plan_pk: uuid.UUID) -> ActionPlan:
    plan = get_object_or_404(ActionPlan, pk=plan_pk)
    selectors.recommendation_detail(viewer=viewer, recommendation_pk=str(plan.recommendation_id))
    return plan


@allow(*CONTRIBUTORS)
@require_POST
def plan_update(request: HttpRequest, plan_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    plan = _plan_for(viewer, plan_pk)
    try:
        services.plan_update_add(
            actor=viewer, plan=plan, status=request.POST.get("status", ""),
            text=request.POST.get("text", "")[:4000],
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Update added.")
    return redirect("governance:recommendation", recommendation_pk=plan.recommendation_id)


@allow(*CONTRIBUTORS)
@require_POST
def evidence_add(request: HttpRequest, plan_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    plan = _plan_for(viewer, plan_pk)
    try:
        services.evidence_link_add(
            actor=viewer, plan=plan, kind=request.POST.get("kind", ""),
            label=request.POST.get("label", "")[:200], target=request.POST.get("target", "")[:500],
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Evidence linked.")
    return redirect("governance:recommendation", recommendation_pk=plan.recommendation_id)


def pack_context(pack: selectors.Pack) -> dict[str, object]:
    return {
        "pack": pack,
        "rag_chart": rag_chart(pack.rag),
        "figures_chart": figures_chart(pack.figures),
    }


@allow(*READERS)
@require_GET
def pack(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    read = selectors.pack_read(viewer=viewer, as_of=_as_of(request), fmt="html")
    return render(request, "governance/pack.html", pack_context(read))


@allow(*READERS)
@require_GET
def pack_pdf_download(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    read = selectors.pack_read(viewer=viewer, as_of=_as_of(request), fmt="pdf")
    response = HttpResponse(pack_pdf(pack_context(read)), content_type="application/pdf")
    name = f"lantern-governance-pack-{read.as_of:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_csv_text(document: dict[str, object]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(selectors.export_rows(document))
    return out.getvalue()


@allow(*READERS)
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    document = selectors.progress_export(viewer=viewer, as_of=_as_of(request), fmt="csv")
    response = HttpResponse(export_csv_text(document), content_type="text/csv")
    name = f"lantern-governance-progress-{document['as_of']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@allow(*READERS)
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    document = selectors.progress_export(viewer=viewer, as_of=_as_of(request), fmt="json")
    response = HttpResponse(json.dumps(document, indent=1), content_type="application/json")
    name = f"lantern-governance-progress-{document['as_of']}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
