"""Forms for reporters, partner-agency workers and handlers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator

from lantern.intelligence.vocabulary import (
    Category,
    Handling,
    IntelligenceAssessment,
    SourceEvaluation,
)
from lantern.reporting.attachments import AttachmentRefused, CleanAttachment, attachment_clean
from lantern.reporting.models import Channel, MessageKind, Outcome, Risk
from lantern.reporting.services import ContactDetails, IntelligenceDraft, ReportContent
from lantern.web.forms import GovukForm

REPORTER_CHANNELS = [
    (Channel.PUBLIC.value, "A member of the public"),
    (Channel.STAFF.value, "A police officer or member of police staff"),
    (Channel.PARTNER_SELF.value, "Someone who works for a support organisation"),
    (Channel.UNSTATED.value, "I would rather not say"),
]
RISK_CHOICES = [
    (Risk.YES.value, "Yes"),
    (Risk.NOT_SURE.value, "I'm not sure"),
    (Risk.NO.value, "No"),
]
ANONYMOUS, CONFIDENTIAL = "anonymous", "confidential"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each is checked and cleaned in the form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(AttachmentsField, self).clean(f, initial) for f in files if f]


def attachments_clean(files: list[UploadedFile]) -> list[CleanAttachment]:
    """Check and clean each uploaded file; one message per refused file."""
    limit = settings.LANTERN_REPORTING_ATTACHMENTS_MAX
    if len(files) > limit:
        raise forms.ValidationError(f"Send {limit} files or fewer.")
    cleaned, problems = [], []
    for upload in files:
        try:
            cleaned.append(attachment_clean(upload.name or "", upload.read()))
        except AttachmentRefused as exc:
            problems.append(str(exc))
    if problems:
        raise forms.ValidationError(problems)
    return cleaned


def _text(label: str, *, max_length: int = 200, help_text: str = "", rows: int = 0) -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, max_length=max_length, required=False, help_text=help_text, widget=widget
    )


class GovukChoicesForm(GovukForm):
    """GovukForm with GOV.UK classes on radios too, and no autocomplete on text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = widget.attrs.get("class", "")
            if isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = css.replace("govuk-input", "govuk-radios__input")
            elif isinstance(widget, forms.TextInput) and "autocomplete" not in widget.attrs:
                widget.attrs["autocomplete"] = "off"


class ReportForm(GovukChoicesForm):
    """What a reporter (or a partner-agency worker) tells the line."""

    what_happened = forms.CharField(
        label="What happened?",
        help_text=(
            "Tell us what you saw, heard or were told, in your own words. Include anything "
            "that would help us check it. Do not include your own name unless you want to."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Tell us what happened"},
    )
    subject_name = _text("Their name, if you know it")
    subject_number = _text("Their collar number or staff number, if you know it", max_length=40)
    subject_force = _text("Which force or organisation they work for, if you know it")
    when = _text(
        "When did it happen?",
        max_length=500,
        help_text="For example, “last Tuesday evening” or “since March”.",
    )
    where = _text("Where did it happen?", max_length=500)
    risk_now = forms.ChoiceField(
        label="Is anyone at risk of harm now?",
        choices=RISK_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us whether anyone is at risk of harm now"},
    )
    risk_details = _text(
        "Who is at risk, and how?",
        max_length=5000,
        rows=3,
        help_text="If someone is in immediate danger, call 999 now.",
    )
    attachments = AttachmentsField(
        label="Photos or documents (optional)",
        help_text=(
            "Up to 3 photos (JPEG or PNG) or PDFs, 5 MB each. We remove hidden details such as "
            "location, camera and author before storing them."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        max_chars = settings.LANTERN_REPORTING_TEXT_MAX_CHARS
        self.fields["what_happened"].validators.append(MaxLengthValidator(max_chars))
        self.fields["what_happened"].widget.attrs["spellcheck"] = "true"

    def clean_attachments(self) -> list[CleanAttachment]:
        return attachments_clean(self.cleaned_data.get("attachments") or [])

    def content(self) -> ReportContent:
        data = self.cleaned_data
        return ReportContent(
            what_happened=data["what_happened"],
            subject_name=data["subject_name"],
            subject_number=data["subject_number"],
            subject_force=data["subject_force"],
            when=data["when"],
            where=data["where"],
            risk_details=data["risk_details"],
        )


class ContactFields(GovukChoicesForm):
    contact_name = _text("Your name (optional)", max_length=150)
    contact_phone = _text("Phone number", max_length=40)
    contact_email = forms.EmailField(label="Email address", max_length=254, required=False)
    contact_safe = _text(
        "When and how is it safe to contact you?",
        max_length=500,
        rows=2,
        help_text="For example, “text only, weekdays after 6pm” or “do not leave voicemail”.",
    )

    def contact(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            name=data["contact_name"],
            phone=data["contact_phone"],
            email=data["contact_email"],
            safe_contact=data["contact_safe"],
        )


class ReporterReportForm(ReportForm, ContactFields):
    reporter_kind = forms.ChoiceField(
        label="Are you… (optional)",
        choices=REPORTER_CHANNELS,
        widget=forms.RadioSelect,
        required=False,
    )
    contact_choice = forms.ChoiceField(
        label="Do you want to stay anonymous? (optional)",
        help_text="If you do not choose, you stay anonymous.",
        required=False,
        choices=[
            (ANONYMOUS, "Yes, stay anonymous – I will come back with my receipt to read replies"),
            (
                CONFIDENTIAL,
                "No, you may contact me – only the reporting line team will see my details",
            ),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].widget.attrs.update(autocomplete="off", inputmode="tel")
        self.fields["contact_email"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["contact_email"].widget.attrs.setdefault("class", "govuk-input")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gave_contact = any(data.get(f) for f in self._contact_fields)
        if not data.get("contact_choice") and gave_contact:
            # Never keep, and never silently drop, details the reporter did not say we may keep.
            self.add_error("contact_choice", "Choose whether you want to stay anonymous")
        if data.get("contact_choice") == CONFIDENTIAL and not (
            data.get("contact_phone") or data.get("contact_email") or data.get("contact_safe")
        ):
            self.add_error(
                "contact_phone",
                "Give a phone number, an email address or a safe way to contact you, "
                "or choose to stay anonymous",
            )
        return data

    _contact_fields = ("contact_name", "contact_phone", "contact_email", "contact_safe")

    def reporter_channel(self) -> Channel:
        return Channel(self.cleaned_data.get("reporter_kind") or Channel.UNSTATED)

    def reporter_contact(self) -> ContactDetails | None:
        """Contact details only if the reporter chose to give them; otherwise nothing is kept."""
        if self.cleaned_data.get("contact_choice") != CONFIDENTIAL:
            return None
        return self.contact()


class PartnerConcernForm(ReportForm, ContactFields):
    """A concern a victim raised with a partner-agency worker."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what_happened"].label = "What did the victim tell you?"
        self.fields["what_happened"].help_text = (
            "In the victim's words where you can. Say how the officer or staff member first "
            "came into contact with them, and what happened after."
        )
        self.fields["contact_name"].label = "Victim's name (only if they agree to share it)"
        self.fields["contact_phone"].label = "Victim's phone number (only with their agreement)"
        self.fields["contact_email"].label = "Victim's email address (only with their agreement)"
        self.fields["contact_safe"].label = "How and when is it safe to contact the victim?"
        self.fields[
            "contact_safe"
        ].help_text = "Or say that we should contact them only through you."


class ReceiptForm(GovukForm):
    receipt = forms.CharField(
        label="Your receipt",
        max_length=64,
        help_text="24 letters and numbers, for example ABCD-EFGH-JKMN-PQRS-TVWX-YZ23.",
        error_messages={"required": "Enter your receipt"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receipt"].widget.attrs.update(
            autocomplete="off", spellcheck="false", autocapitalize="characters"
        )
        self.fields["receipt"].widget.attrs["class"] += " govuk-input--width-30 lantern-mono"


class ReplyForm(GovukChoicesForm):
    body = forms.CharField(
        label="Your reply or more information",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write your reply"},
    )
    attachments = AttachmentsField(
        label="Photos or documents (optional)",
        help_text="Up to 3 photos (JPEG or PNG) or PDFs, 5 MB each. Hidden details are removed.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        max_chars = settings.LANTERN_REPORTING_TEXT_MAX_CHARS
        self.fields["body"].validators.append(MaxLengthValidator(max_chars))

    def clean_attachments(self) -> list[CleanAttachment]:
        return attachments_clean(self.cleaned_data.get("attachments") or [])


# --- Handlers ---------------------------------------------------------------------


class HandlerMessageForm(GovukChoicesForm):
    kind = forms.ChoiceField(
        label="What are you sending?",
        choices=[
            (MessageKind.REPLY.value, "A reply to the reporter"),
            (MessageKind.QUESTION.value, "A question for the reporter (waits for their answer)"),
            (MessageKind.NOTE.value, "A note for handlers only (the reporter never sees it)"),
        ],
        widget=forms.RadioSelect,
        initial=MessageKind.REPLY.value,
    )
    body = forms.CharField(
        label="Message",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The reporter reads replies and questions when they come back with the receipt.",
        error_messages={"required": "Write the message"},
    )


class SafeguardingForm(GovukForm):
    action = forms.CharField(
        label="Safeguarding action taken",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who you told and what was done to protect the person at risk.",
        error_messages={"required": "Describe the safeguarding action"},
    )


def _reason(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit trail.",
        error_messages={"required": "Give a reason"},
    )


class UrgentForm(GovukForm):
    urgent_reason = _reason("Why someone may be at risk")


class ContactRevealForm(GovukForm):
    contact_reason = _reason("Why you need the contact details")


class CloseForm(GovukChoicesForm):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Closing note for handlers (optional)",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConvertForm(GovukChoicesForm):
    categories = forms.MultipleChoiceField(
        label="National corruption categories",
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Abuse of position for a sexual purpose is recorded under sexual misconduct.",
        error_messages={"required": "Choose at least one category"},
    )
    source_evaluation = forms.ChoiceField(
        label="Source evaluation", choices=SourceEvaluation.choices, widget=forms.RadioSelect,
        initial=SourceEvaluation.UNTESTED.value,
    )  # fmt: skip
    intelligence_assessment = forms.ChoiceField(
        label="Intelligence assessment",
        choices=IntelligenceAssessment.choices,
        widget=forms.RadioSelect,
    )
    handling = forms.ChoiceField(
        label="Handling code", choices=Handling.choices, widget=forms.RadioSelect,
        initial=Handling.C.value,
    )  # fmt: skip
    handling_conditions = forms.CharField(
        label="Handling conditions",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required with handling code C.",
    )
    subject_description = forms.CharField(
        label="Who the intelligence is about",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sanitised_text = forms.CharField(
        label="Sanitised intelligence text",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "What is known, in words that cannot identify the reporter: no names, contact "
            "details, or details only the reporter could know."
        ),
        error_messages={"required": "Write the sanitised intelligence text"},
    )

    def draft(self) -> IntelligenceDraft:
        data = self.cleaned_data
        return IntelligenceDraft(
            categories=data["categories"],
            source_evaluation=data["source_evaluation"],
            intelligence_assessment=data["intelligence_assessment"],
            handling=data["handling"],
            handling_conditions=data["handling_conditions"],
            subject_description=data["subject_description"],
            sanitised_text=data["sanitised_text"],
        )
