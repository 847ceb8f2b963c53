"""GOV.UK Frontend classes and ARIA links for Django form widgets."""

from __future__ import annotations

from typing import Any

from django import forms

WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
}


class GovukForm(forms.Form):
    """A form whose widgets carry GOV.UK Frontend classes and hint/error ARIA links."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "govuk-input"
            )
            widget.attrs.setdefault("class", css)
            described = []
            if field.help_text:
                described.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                described.append(f"id_{name}-error")
                widget.attrs["class"] += f" {css}--error"
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
