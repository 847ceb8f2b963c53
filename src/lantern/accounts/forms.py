from __future__ import annotations

from django import forms

from lantern.accounts.roles import Role
from lantern.web.forms import GovukForm


class SignInForm(GovukForm):
    username = forms.CharField(max_length=150, label="Username")
    password = forms.CharField(max_length=256, label="Password", widget=forms.PasswordInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", spellcheck="false")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class CodeForm(GovukForm):
    code = forms.CharField(
        max_length=16,
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            autocomplete="one-time-code",
            spellcheck="false",
            inputmode="text",
        )
        self.fields["code"].widget.attrs["class"] += " govuk-input--width-10"


class EnrolForm(CodeForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows for Lantern."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class ReasonForm(GovukForm):
    reason = forms.CharField(
        max_length=500,
        label="Reason",
        help_text="Recorded in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RolesForm(ReasonForm):
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Roles",
        required=False,
    )
    field_order = ["roles", "reason"]


class StaffLinkForm(ReasonForm):
    staff_id = forms.CharField(
        max_length=64,
        required=False,
        label="Force staff number",
        help_text="Payroll or collar number. Leave empty to remove the link.",
    )
    field_order = ["staff_id", "reason"]
    prefix = "link"


class AccountCreateForm(GovukForm):
    username = forms.SlugField(max_length=150, label="Username")
    full_name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(max_length=254, label="Email address")
    roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple, label="Roles"
    )
