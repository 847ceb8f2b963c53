from __future__ import annotations

from django import forms

from lantern.audit.models import AuditCategory
from lantern.audit.selectors import AuditQuery
from lantern.web.forms import GovukForm


class AuditSearchForm(GovukForm):
    actor = forms.CharField(max_length=150, required=False, label="Who (username)")
    event = forms.CharField(
        max_length=80,
        required=False,
        label="Event",
        help_text="For example auth.signed_in, or auth. for every sign-in event.",
    )
    category = forms.ChoiceField(
        choices=[("", "Any"), *AuditCategory.choices], required=False, label="Kind"
    )
    object_id = forms.CharField(max_length=80, required=False, label="Record id")
    text = forms.CharField(max_length=200, required=False, label="Reason contains")
    date_from = forms.DateField(required=False, label="From (YYYY-MM-DD)")
    date_to = forms.DateField(required=False, label="To (YYYY-MM-DD)")

    def query(self) -> AuditQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditQuery(**{k: v for k, v in data.items() if v not in ("", None)})
