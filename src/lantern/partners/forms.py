from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from lantern.accounts.models import User
from lantern.partners.models import EngagementKind, OrganisationKind
from lantern.reporting.forms import GovukChoicesForm


class DateInput(forms.DateInput):
    input_type = "date"


class OrganisationForm(GovukChoicesForm):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(
        label="Type of organisation", choices=OrganisationKind.choices, widget=forms.RadioSelect
    )
    area = forms.CharField(label="Area it covers", max_length=200, required=False)
    contact_name = forms.CharField(label="Main contact", max_length=150, required=False)
    contact_email = forms.EmailField(label="Contact email", max_length=254, required=False)
    contact_phone = forms.CharField(label="Contact phone", max_length=40, required=False)
    active = forms.BooleanField(
        label="Active (its users can send concerns)", required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["active"].widget.attrs["class"] = "govuk-checkboxes__input"


class AgreementForm(GovukChoicesForm):
    title = forms.CharField(
        label="Agreement", max_length=200, help_text="For example, “Information-sharing agreement”."
    )
    document_reference = forms.CharField(label="Document reference", max_length=100)
    starts_on = forms.DateField(label="Starts on", widget=DateInput)
    ends_on = forms.DateField(label="Ends on (optional)", widget=DateInput, required=False)


class EngagementForm(GovukChoicesForm):
    kind = forms.ChoiceField(
        label="What kind of engagement", choices=EngagementKind.choices, widget=forms.RadioSelect
    )
    occurred_on = forms.DateField(label="Date", widget=DateInput)
    summary = forms.CharField(
        label="Summary",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who took part and what was agreed. No victims' details.",
    )


class MemberLinkForm(GovukChoicesForm):
    user = forms.ChoiceField(label="Partner-agency user", choices=())

    def __init__(self, *args: Any, users: Sequence[User] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["user"])
        field.choices = [
            (str(u.pk), f"{u.get_full_name() or u.username} ({u.username})") for u in users
        ]
