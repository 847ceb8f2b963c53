from __future__ import annotations

from typing import Any

from django import forms

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import AlertStatus, DismissalReason
from lantern.intelligence.vocabulary import (
    Category,
    Handling,
    IntelligenceAssessment,
    SourceEvaluation,
)
from lantern.web.forms import GovukForm


def _choices(values: list[str], everything: str) -> list[tuple[str, str]]:
    return [("", everything), *((v, v.replace("_", " ").capitalize()) for v in values)]


class QueueFilterForm(GovukForm):
    status = forms.ChoiceField(choices=AlertStatus.choices, required=False, label="Status")
    category = forms.ChoiceField(choices=[], required=False, label="Category")
    indicator = forms.ChoiceField(choices=[], required=False, label="Indicator")
    area = forms.ChoiceField(choices=[], required=False, label="Area")
    role = forms.ChoiceField(choices=[], required=False, label="Role")
    date_from = forms.DateField(required=False, label="From (YYYY-MM-DD)")
    date_to = forms.DateField(required=False, label="To (YYYY-MM-DD)")

    def __init__(self, *args: Any, options: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("category", "indicator", "area", "role"):
            self.fields[name].choices = _choices(options[name], "Any")  # type: ignore[attr-defined]


class RevealForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need this person's name?",
        max_length=1000,
        help_text="Recorded in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DismissForm(GovukForm):
    reason = forms.ChoiceField(
        choices=DismissalReason.choices, label="Reason", widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Explain the decision",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "For a legitimate reason, say what it is, e.g. family liaison officer "
            "for this family until June."
        ),
    )
    expires_on = forms.DateField(
        required=False,
        label="Stop suppressing repeats after (YYYY-MM-DD)",
        help_text="Only for legitimate reasons. Leave empty for the default period.",
    )


class GradingForm(GovukForm):
    categories = forms.MultipleChoiceField(
        choices=Category.choices, label="National categories", widget=forms.CheckboxSelectMultiple
    )
    source_evaluation = forms.ChoiceField(
        choices=SourceEvaluation.choices, label="Source evaluation"
    )
    intelligence_assessment = forms.ChoiceField(
        choices=IntelligenceAssessment.choices, label="Intelligence assessment"
    )
    handling = forms.ChoiceField(choices=Handling.choices, label="Handling code")
    handling_conditions = forms.CharField(
        required=False,
        max_length=1000,
        label="Handling conditions (for code C)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sanitised_text = forms.CharField(
        label="Sanitised intelligence text",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What is known, without anything that identifies the source.",
    )


class InvestigationForm(GovukForm):
    categories = forms.MultipleChoiceField(
        choices=Category.choices, label="National categories", widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label="Summary of the matter", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    investigating_officer = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Investigating officer"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["investigating_officer"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role_grants__role=Role.INVESTIGATOR
        ).distinct()
        field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class RevokeForm(GovukForm):
    reason = forms.CharField(label="Why revoke it?", max_length=1000)
