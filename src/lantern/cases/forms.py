from __future__ import annotations

from typing import Any

from django import forms

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.cases.models import CaseOutcome, IopcDecision
from lantern.web.forms import GovukForm


def _people(field: forms.ModelChoiceField, *roles: Role) -> None:
    users = User.objects.filter(is_active=True)
    if roles:
        users = users.filter(role_grants__role__in=roles)
    field.queryset = users.distinct()
    field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[method-assign,assignment]


class MemberForm(GovukForm):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label="Add to the case team")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people(self.fields["user"], Role.INVESTIGATOR, Role.ANALYST)  # type: ignore[arg-type]


class TaskForm(GovukForm):
    description = forms.CharField(label="Task", max_length=1000)
    assigned_to = forms.ModelChoiceField(queryset=User.objects.none(), label="Assigned to")
    due_on = forms.DateField(label="Due (YYYY-MM-DD)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people(self.fields["assigned_to"], Role.INVESTIGATOR, Role.ANALYST)  # type: ignore[arg-type]


class DecisionForm(GovukForm):
    decision = forms.CharField(
        label="Decision", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    rationale = forms.CharField(
        label="Rationale", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class IopcForm(GovukForm):
    prefix = "iopc"

    reference = forms.CharField(label="IOPC reference", max_length=50)
    decision = forms.ChoiceField(choices=IopcDecision.choices, label="IOPC decision")


class EvidenceForm(GovukForm):
    prefix = "evidence"

    file = forms.FileField(label="Evidence file")
    description = forms.CharField(label="What it is", max_length=1000, required=False)


class CloseForm(GovukForm):
    prefix = "close"

    outcome = forms.ChoiceField(choices=CaseOutcome.choices, label="Outcome")
    rationale = forms.CharField(
        label="Rationale", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    barred_list_referral = forms.BooleanField(required=False, label="Refer to the barred list")


class AllocateForm(GovukForm):
    prefix = "allocate"

    officer = forms.ModelChoiceField(queryset=User.objects.none(), label="Investigating officer")
    reason = forms.CharField(label="Reason", max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people(self.fields["officer"], Role.INVESTIGATOR)  # type: ignore[arg-type]
