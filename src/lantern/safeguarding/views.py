"""Safeguarding: record an action for someone at risk, track it, close it with an outcome."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.models import User
from lantern.force.models import Person
from lantern.safeguarding.models import SafeguardingSource
from lantern.safeguarding.selectors import SAFEGUARDING_ROLES, safeguarding_visible
from lantern.safeguarding.services import safeguarding_action_close, safeguarding_action_record
from lantern.web.access import allow
from lantern.web.forms import GovukForm

ROLES = tuple(sorted(SAFEGUARDING_ROLES))


class ActionForm(GovukForm):
    source = forms.ChoiceField(choices=SafeguardingSource.choices, widget=forms.HiddenInput)
    source_id = forms.CharField(max_length=64, widget=forms.HiddenInput)
    person_id = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    person_description = forms.CharField(
        max_length=300,
        required=False,
        label="Who is at risk",
        help_text="Only needed when the person is not on force records.",
    )
    action = forms.CharField(
        label="Safeguarding action",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "For example: refer to the IDVA; welfare check by a named officer outside "
            "the subject's team."
        ),
    )
    assigned_to = forms.ModelChoiceField(queryset=User.objects.none(), label="Who will do it")
    due_on = forms.DateField(label="By (YYYY-MM-DD)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role_grants__role__in=ROLES
        ).distinct()
        field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


@allow(*ROLES)
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    rows = safeguarding_visible(viewer=request.user)  # type: ignore[arg-type]
    return render(request, "safeguarding/list.html", {"rows": rows})


@allow(*ROLES)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    initial = {"source": request.GET.get("source"), "source_id": request.GET.get("id"),
               "person_id": request.GET.get("person", ""), "assigned_to": viewer.pk}  # fmt: skip
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = (
            Person.objects.filter(person_id=data["person_id"]).first()
            if data["person_id"]
            else None
        )
        try:
            safeguarding_action_record(
                actor=viewer,
                source=SafeguardingSource(data["source"]),
                source_id=data["source_id"],
                action=data["action"],
                assigned_to=data["assigned_to"],
                due_on=data["due_on"],
                person=person,
                person_description=data["person_description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Safeguarding action recorded.")
            back = {
                SafeguardingSource.ALERT: ("alerts:detail", "alert_pk"),
                SafeguardingSource.INVESTIGATION: ("cases:detail", "case_pk"),
                SafeguardingSource.INTELLIGENCE: ("intelligence:detail", "report_pk"),
            }.get(SafeguardingSource(data["source"]))
            if back:
                return redirect(back[0], **{back[1]: data["source_id"]})
            return redirect("safeguarding:list")
    status = 400 if request.method == "POST" else 200
    return render(request, "safeguarding/new.html", {"form": form}, status=status)


@allow(*ROLES)
@require_POST
def action_close(request: HttpRequest, action_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    record = get_object_or_404(
        safeguarding_visible(viewer=viewer), pk=action_pk, closed_at__isnull=True
    )
    try:
        safeguarding_action_close(
            actor=viewer, record=record, outcome=request.POST.get("outcome", "")[:2000]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Safeguarding action closed.")
    return redirect("safeguarding:list")
