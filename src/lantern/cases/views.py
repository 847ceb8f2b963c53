"""Investigation pages: need-to-know, every change through a service."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.selectors import revealed_staff_ids
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.cases import services
from lantern.cases.forms import (
    AllocateForm,
    CloseForm,
    DecisionForm,
    EvidenceForm,
    IopcForm,
    MemberForm,
    TaskForm,
)
from lantern.cases.selectors import case_detail, case_evidence, cases_visible
from lantern.safeguarding.models import SafeguardingSource
from lantern.safeguarding.selectors import safeguarding_for_source
from lantern.web.access import allow

CASE_ROLES = (Role.INVESTIGATOR, Role.HEAD_OF_PSD, Role.ANALYST)


def _viewer(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@allow(*CASE_ROLES)
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    cases = list(cases_visible(viewer=viewer)[:200])
    audit_append(
        actor=viewer,
        event="case.list_viewed",
        category=AuditCategory.CONSULTATION,
        object_type="investigations",
        detail={"shown": len(cases)},
    )
    return render(
        request, "cases/list.html", {"cases": cases, "revealed": revealed_staff_ids(viewer=viewer)}
    )


@allow(*CASE_ROLES)
@require_GET
def detail(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    case = case_detail(viewer=viewer, case_pk=str(case_pk))
    context = {
        "case": case, "revealed": revealed_staff_ids(viewer=viewer) | {case.subject_id},
        "member_form": MemberForm(), "task_form": TaskForm(), "decision_form": DecisionForm(),
        "iopc_form": IopcForm(), "evidence_form": EvidenceForm(), "close_form": CloseForm(),
        "allocate_form": AllocateForm() if Role.HEAD_OF_PSD in viewer.roles else None,
        "safeguarding": safeguarding_for_source(
            viewer=viewer, source=SafeguardingSource.INVESTIGATION, source_id=str(case.pk)
        ),
        "safeguarding_source": SafeguardingSource.INVESTIGATION,
        "safeguarding_source_id": case.pk,
        "safeguarding_person": (
            case.origin_alert.person.person_id
            if case.origin_alert and case.origin_alert.person else ""
        ),
    }  # fmt: skip
    return render(request, "cases/detail.html", context)


def _act(
    request: HttpRequest, case_pk: uuid.UUID, form_class: type, done: str, apply: Callable[..., Any]
) -> HttpResponse:
    viewer = _viewer(request)
    case = case_detail(viewer=viewer, case_pk=str(case_pk))
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}"
            for k, v in form.errors.items()
        )
        messages.error(request, f"Nothing was saved. {problems}")
        return redirect("cases:detail", case_pk=case_pk)
    try:
        apply(viewer, case, form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("cases:detail", case_pk=case_pk)


@allow(*CASE_ROLES)
@require_POST
def member_add(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        case_pk,
        MemberForm,
        "Added to the case team.",
        lambda v, c, d: services.case_member_add(actor=v, case=c, user=d["user"]),
    )


@allow(*CASE_ROLES)
@require_POST
def task_add(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        case_pk,
        TaskForm,
        "Task added.",
        lambda v, c, d: services.case_task_add(actor=v, case=c, **d),
    )


@allow(*CASE_ROLES)
@require_POST
def task_done(request: HttpRequest, case_pk: uuid.UUID, task_pk: int) -> HttpResponse:
    viewer = _viewer(request)
    case = case_detail(viewer=viewer, case_pk=str(case_pk))
    services.case_task_complete(actor=viewer, task=get_object_or_404(case.tasks, pk=task_pk))
    messages.success(request, "Task completed.")
    return redirect("cases:detail", case_pk=case_pk)


@allow(*CASE_ROLES)
@require_POST
def decision_add(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        case_pk,
        DecisionForm,
        "Decision recorded.",
        lambda v, c, d: services.case_decision_record(actor=v, case=c, **d),
    )


@allow(*CASE_ROLES)
@require_POST
def iopc_referral(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        case_pk,
        IopcForm,
        "IOPC referral recorded.",
        lambda v, c, d: services.case_iopc_referral_record(actor=v, case=c, **d),
    )


@allow(*CASE_ROLES)
@require_POST
def evidence_add(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    def apply(viewer: User, case: Any, data: dict[str, Any]) -> None:
        upload = data["file"]
        services.case_evidence_add(
            actor=viewer,
            case=case,
            name=upload.name,
            content=upload.read(),
            description=data["description"],
        )

    return _act(request, case_pk, EvidenceForm, "Evidence stored with its SHA-256 hash.", apply)


@allow(*CASE_ROLES)
@require_GET
def evidence_download(
    request: HttpRequest, case_pk: uuid.UUID, evidence_pk: uuid.UUID
) -> HttpResponse:
    viewer = _viewer(request)
    evidence = case_evidence(viewer=viewer, evidence_pk=str(evidence_pk))
    content = services.case_evidence_open(actor=viewer, evidence=evidence)
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{evidence.name}"'
    return response


@allow(*CASE_ROLES)
@require_POST
def close(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        case_pk,
        CloseForm,
        "Case closed with its outcome.",
        lambda v, c, d: services.case_close(actor=v, case=c, **d),
    )


@allow(Role.HEAD_OF_PSD)
@require_POST
def allocate(request: HttpRequest, case_pk: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        case_pk,
        AllocateForm,
        "Investigating officer allocated.",
        lambda v, c, d: services.case_officer_allocate(actor=v, case=c, **d),
    )
