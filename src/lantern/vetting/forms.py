"""Forms of the vetting pages."""

from __future__ import annotations

from django import forms

from lantern.vetting.imports import FILE_KINDS
from lantern.vetting.vocabulary import (
    DeclarationDecision,
    DeclarationKind,
    Level,
    ReviewOutcome,
)
from lantern.web.forms import GovukForm

RATIONALE = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10"})


class GrantForm(GovukForm):
    level = forms.ChoiceField(choices=Level.choices, label="Level")
    granted_on = forms.DateField(label="Granted on (YYYY-MM-DD)", widget=DATE)
    conditions = forms.CharField(
        label="Conditions (if any)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rationale = forms.CharField(label="Decision rationale", max_length=4000, widget=RATIONALE)


class RenewForm(GovukForm):
    granted_on = forms.DateField(label="Renewal granted on (YYYY-MM-DD)", widget=DATE)
    conditions = forms.CharField(
        label="Conditions (if any)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rationale = forms.CharField(label="Decision rationale", max_length=4000, widget=RATIONALE)


class WithdrawForm(GovukForm):
    rationale = forms.CharField(
        label="Why the clearance is withdrawn", max_length=4000, widget=RATIONALE
    )


class ReviewForm(GovukForm):
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices, label="Outcome")
    rationale = forms.CharField(label="Rationale", max_length=4000, widget=RATIONALE)


class RevettingForm(GovukForm):
    count = forms.IntegerField(
        label="How many people to select",
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    seed = forms.CharField(
        label="Seed (optional)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
        max_length=64,
        help_text="Leave empty for a random seed; it is recorded so the draw can be repeated.",
    )


class DeclarationForm(GovukForm):
    kind = forms.ChoiceField(choices=DeclarationKind.choices, label="What are you declaring?")
    description = forms.CharField(
        label="Details",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The business or person, your connection, and since when.",
    )


DECISIONS = [(v, label) for v, label in DeclarationDecision.choices if v != "pending"]


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(choices=DECISIONS, label="Decision")
    conditions = forms.CharField(
        label="Conditions (for approval with conditions)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rationale = forms.CharField(label="Rationale", max_length=4000, widget=RATIONALE)


class UploadForm(GovukForm):
    kind = forms.ChoiceField(
        choices=[(k.name, k.label) for k in FILE_KINDS.values()], label="Kind of file"
    )
    file = forms.FileField(label="CSV file")


class ExportForm(GovukForm):
    staff_id = forms.CharField(
        label="Staff id of the transferee",
        max_length=64,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    receiving_force = forms.RegexField(
        label="Receiving force code",
        help_text="The receiving force's code, as its signing key is known (e.g. NEIGHBOUR): "
        "a force refuses a packet addressed to another force.",
        regex=r"^\s*[A-Za-z0-9][A-Za-z0-9_-]{0,39}\s*$",
        error_messages={"invalid": "Give the force code: letters, digits, - or _ (up to 40)."},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def clean_receiving_force(self) -> str:
        return str(self.cleaned_data["receiving_force"]).strip().upper()


class ImportPacketForm(GovukForm):
    packet = forms.FileField(label="Transfer packet (JSON)")


class PsdForm(GovukForm):
    note = forms.CharField(
        label="What professional standards recorded or decided", max_length=4000, widget=RATIONALE
    )
