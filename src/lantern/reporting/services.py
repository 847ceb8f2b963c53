"""Every change to a report on the confidential line, with its audit record.

Each function takes the acting user as ``actor`` (None for an anonymous
reporter, recorded as "reporter" and nothing more) and writes the audit record
in the same transaction as the change. Audit records name the report by its
handlers' reference and never hold what anyone wrote.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.reporting import crypto
from lantern.reporting.attachments import CleanAttachment
from lantern.reporting.models import (
    Attachment,
    Author,
    Channel,
    Message,
    MessageKind,
    Outcome,
    Report,
    ReporterContact,
    Risk,
    Status,
)
from lantern.reporting.receipts import ALPHABET, Receipt, receipt_hash, receipt_new

if TYPE_CHECKING:
    from lantern.accounts.models import User
    from lantern.partners.models import Organisation

REPORTER_LABEL = "reporter"


@dataclass(frozen=True)
class ReportContent:
    """What the reporter tells the line. Every field but ``what_happened`` may be blank."""

    what_happened: str
    subject_name: str = ""
    subject_number: str = ""
    subject_force: str = ""
    when: str = ""
    where: str = ""
    risk_details: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ReportContent:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class ContactDetails:
    name: str = ""
    phone: str = ""
    email: str = ""
    safe_contact: str = ""

    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.safe_contact))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ContactDetails:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class ReportReceived:
    report: Report
    receipt: Receipt | None


def report_sealer(report: Report, data_key: bytes) -> crypto.Sealer:
    return crypto.Sealer(data_key=data_key, report_id=str(report.pk))


def report_key_for_line(report: Report) -> bytes:
    """Unwrap the report's data key with the line key. Callers audit why."""
    return crypto.unwrap_for_line(bytes(report.key_for_line), context=f"report:{report.pk}")


def _reference_new() -> str:
    year = timezone.localdate().year
    return f"CRL-{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(5))


def _is_urgent(risk_now: str) -> bool:
    # "Not sure" counts as urgent: a handler decides, but sees it first.
    return risk_now in (Risk.YES, Risk.NOT_SURE)


def _attachments_store(
    report: Report,
    sealer: crypto.Sealer,
    attachments: Sequence[CleanAttachment],
    message: Message | None = None,
) -> None:
    for clean in attachments:
        attachment = Attachment(
            report=report, message=message, content_type=clean.content_type, size=len(clean.data)
        )
        attachment.name_sealed = sealer.seal_text(
            clean.name, purpose=f"attachment-name:{attachment.pk}"
        )
        attachment.data_sealed = sealer.seal_bytes(
            clean.data, purpose=f"attachment:{attachment.pk}"
        )
        attachment.save()


def _contact_store(report: Report, contact: ContactDetails) -> None:
    record = ReporterContact(report=report)
    contact_key = crypto.new_data_key()
    record.key_for_line = crypto.wrap_for_line(contact_key, context=f"contact:{record.pk}")
    record.details_sealed = crypto.Sealer(contact_key, str(report.pk)).seal_text(
        contact.to_json(), purpose=f"contact:{record.pk}"
    )
    record.save()


def _report_create(
    *,
    content: ReportContent,
    channel: Channel,
    risk_now: str,
    contact: ContactDetails | None,
    attachments: Sequence[CleanAttachment],
    with_receipt: bool,
    organisation: Organisation | None = None,
    submitted_by: User | None = None,
) -> ReportReceived:
    data_key = crypto.new_data_key()
    report = Report(
        channel=channel,
        risk_now=risk_now,
        urgent=_is_urgent(risk_now),
        anonymous=contact is None or contact.is_empty(),
        partner_organisation=organisation,
        submitted_by=submitted_by,
    )
    sealer = report_sealer(report, data_key)
    report.content_sealed = sealer.seal_text(content.to_json(), purpose="content")
    report.key_for_line = crypto.wrap_for_line(data_key, context=f"report:{report.pk}")
    receipt = None
    if with_receipt:
        receipt = receipt_new()
        hashed = receipt_hash(receipt)
        report.receipt_salt, report.receipt_params = hashed.salt, hashed.params
        report.receipt_verifier = hashed.verifier
        report.key_for_reporter = crypto.wrap_with(
            hashed.reporter_key, data_key, context=f"reporter:{report.pk}"
        )
    for _ in range(10):
        report.reference = _reference_new()
        if receipt is not None:
            report.receipt_lookup = receipt.lookup
        try:
            with transaction.atomic():
                report.save(force_insert=True)
            break
        except IntegrityError:
            if receipt is not None:  # a lookup id already taken: draw a new receipt
                receipt = Receipt(lookup=receipt_new().lookup, secret=receipt.secret)
            continue
    else:  # pragma: no cover - 10 collisions in a 2^40 or 32^5 space
        raise IntegrityError("could not draw a unique reference")
    if contact is not None and not contact.is_empty():
        _contact_store(report, contact)
    _attachments_store(report, sealer, attachments)
    return ReportReceived(report=report, receipt=receipt)


def report_submit(
    *,
    content: ReportContent,
    channel: Channel,
    risk_now: str,
    contact: ContactDetails | None,
    attachments: Sequence[CleanAttachment] = (),
) -> ReportReceived:
    """An anonymous or confidential report from the reporter-facing site. Returns the receipt."""
    with transaction.atomic():
        received = _report_create(
            content=content,
            channel=channel,
            risk_now=risk_now,
            contact=contact,
            attachments=attachments,
            with_receipt=True,
        )
        report = received.report
        audit_append(
            actor=None,
            actor_label=REPORTER_LABEL,
            event="reporting.report_received",
            category=AuditCategory.COLLECTION,
            object_type="report",
            object_id=report.reference,
            detail={
                "channel": report.channel,
                "urgent": report.urgent,
                "anonymous": report.anonymous,
                "attachments": len(attachments),
            },
        )
    return received


def partner_concern_create(
    *,
    actor: User,
    organisation: Organisation,
    content: ReportContent,
    risk_now: str,
    contact: ContactDetails | None,
    attachments: Sequence[CleanAttachment] = (),
) -> Report:
    """A concern a victim raised, sent by a partner-agency worker (see ``lantern.partners``)."""
    with transaction.atomic():
        report = _report_create(
            content=content,
            channel=Channel.PARTNER_AGENCY,
            risk_now=risk_now,
            contact=contact,
            attachments=attachments,
            with_receipt=False,
            organisation=organisation,
            submitted_by=actor,
        ).report
        audit_append(
            actor=actor,
            event="reporting.partner_concern_received",
            category=AuditCategory.COLLECTION,
            object_type="report",
            object_id=report.reference,
            detail={"organisation": str(organisation.pk), "urgent": report.urgent},
        )
    return report


def _message_add(
    *,
    report: Report,
    author: Author,
    kind: MessageKind,
    body: str,
    sent_by: User | None,
    data_key: bytes,
    attachments: Sequence[CleanAttachment] = (),
) -> Message:
    message = Message(report=report, author=author, kind=kind, sent_by=sent_by)
    sealer = report_sealer(report, data_key)
    message.body_sealed = sealer.seal_text(body, purpose=f"message:{message.pk}")
    message.save()
    _attachments_store(report, sealer, attachments, message)
    return message


def _locked_open_report(report_id: uuid.UUID | str) -> Report:
    report = Report.objects.select_for_update().get(pk=report_id)
    if not report.is_open:
        raise ValidationError("This report is closed.")
    return report


def reporter_message_add(
    *, report_id: uuid.UUID | str, body: str, attachments: Sequence[CleanAttachment] = ()
) -> Report:
    """The reporter answers a question or adds information (they hold a conversation token)."""
    return _outside_message_add(
        report_id=report_id, author=Author.REPORTER, actor=None, body=body, attachments=attachments
    )


def partner_message_add(
    *, actor: User, report: Report, body: str, attachments: Sequence[CleanAttachment] = ()
) -> Report:
    """The partner who sent a concern answers the handler or adds information."""
    return _outside_message_add(
        report_id=report.pk, author=Author.PARTNER, actor=actor, body=body, attachments=attachments
    )


def _outside_message_add(
    *,
    report_id: uuid.UUID | str,
    author: Author,
    actor: User | None,
    body: str,
    attachments: Sequence[CleanAttachment],
) -> Report:
    """A message from outside the unit (the reporter, or the partner who sent the concern):
    the report goes back to the handler, and the receipt is audited in the same transaction."""
    with transaction.atomic():
        report = _locked_open_report(report_id)
        if author == Author.PARTNER and (actor is None or report.submitted_by_id != actor.pk):
            raise PermissionDenied("Only the partner who sent this concern can add to it.")
        _message_add(
            report=report,
            author=author,
            kind=MessageKind.INFORMATION,
            body=body,
            sent_by=actor,
            data_key=report_key_for_line(report),
            attachments=attachments,
        )
        report.status = Status.AWAITING_HANDLER
        report.save(update_fields=["status"])
        audit_append(
            actor=actor,
            actor_label=REPORTER_LABEL if actor is None else None,
            event=f"reporting.{author}_message_received",
            category=AuditCategory.COLLECTION,
            object_type="report",
            object_id=report.reference,
            detail={"attachments": len(attachments)},
        )
    return report


def _require_handler(actor: User) -> None:
    if Role.REPORTING_HANDLER not in actor.roles:
        raise PermissionDenied("Only reporting-line handlers work on reports.")


def handler_message_send(*, actor: User, report: Report, body: str, kind: MessageKind) -> Message:
    """A reply or a question to the reporter, or a note only handlers see."""
    _require_handler(actor)
    with transaction.atomic():
        report = _locked_open_report(report.pk)
        message = _message_add(
            report=report,
            author=Author.HANDLER,
            kind=kind,
            body=body,
            sent_by=actor,
            data_key=report_key_for_line(report),
        )
        fields = []
        if kind != MessageKind.NOTE:
            if report.first_response_at is None:
                report.first_response_at = message.sent_at
                fields.append("first_response_at")
            report.status = (
                Status.AWAITING_REPORTER if kind == MessageKind.QUESTION else Status.IN_HAND
            )
            fields.append("status")
        elif report.status == Status.NEW:
            report.status = Status.IN_HAND
            fields.append("status")
        report.save(update_fields=fields)
        audit_append(
            actor=actor,
            event=f"reporting.handler_{kind}",
            category=AuditCategory.DISCLOSURE
            if kind != MessageKind.NOTE
            else AuditCategory.ALTERATION,
            object_type="report",
            object_id=report.reference,
        )
    return message


def report_safeguarding_record(*, actor: User, report: Report, action: str) -> Report:
    """Record the safeguarding action taken for someone at risk; it leaves the urgent queue."""
    _require_handler(actor)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _message_add(
            report=report,
            author=Author.HANDLER,
            kind=MessageKind.NOTE,
            body=f"Safeguarding action: {action}",
            sent_by=actor,
            data_key=report_key_for_line(report),
        )
        report.urgent = True
        report.safeguarding_actioned_at = timezone.now()
        if report.status == Status.NEW:
            report.status = Status.IN_HAND
        report.save(update_fields=["urgent", "safeguarding_actioned_at", "status"])
        audit_append(
            actor=actor,
            event="reporting.safeguarding_recorded",
            category=AuditCategory.ALTERATION,
            object_type="report",
            object_id=report.reference,
        )
    return report


def report_urgent_mark(*, actor: User, report: Report, reason: str) -> Report:
    """A handler raises the urgent safeguarding flag on a report the reporter did not mark."""
    _require_handler(actor)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        report.urgent, report.safeguarding_actioned_at = True, None
        report.save(update_fields=["urgent", "safeguarding_actioned_at"])
        audit_append(
            actor=actor,
            event="reporting.urgent_marked",
            category=AuditCategory.ALTERATION,
            object_type="report",
            object_id=report.reference,
            reason=reason,
        )
    return report


def report_close(*, actor: User, report: Report, outcome: Outcome, note: str = "") -> Report:
    """Close with an outcome. ``note`` (for handlers only) is sealed with the report."""
    _require_handler(actor)
    with transaction.atomic():
        report = _locked_open_report(report.pk)
        if report.urgent and report.safeguarding_actioned_at is None:
            raise ValidationError(
                "Someone may be at risk: record the safeguarding action before closing."
            )
        if note:
            _message_add(
                report=report,
                author=Author.HANDLER,
                kind=MessageKind.NOTE,
                body=f"Closing note: {note}",
                sent_by=actor,
                data_key=report_key_for_line(report),
            )
        report.status, report.outcome, report.closed_at = Status.CLOSED, outcome, timezone.now()
        report.save(update_fields=["status", "outcome", "closed_at"])
        audit_append(
            actor=actor,
            event="reporting.report_closed",
            category=AuditCategory.ALTERATION,
            object_type="report",
            object_id=report.reference,
            detail={"outcome": str(outcome)},
        )
    return report


# --- Conversion into corruption intelligence -----------------------------------


@dataclass(frozen=True)
class IntelligenceDraft:
    """What the handler writes for the intelligence report: never the reporter's identity."""

    categories: Sequence[str]
    source_evaluation: str
    intelligence_assessment: str
    handling: str
    sanitised_text: str
    subject_description: str = ""
    handling_conditions: str = ""


def _identity_fragments(contact: ContactDetails) -> list[str]:
    """The parts of the reporter's contact details that must not leave the line."""
    fragments = [contact.name, contact.email]
    digits = "".join(c for c in contact.phone if c.isdigit())
    if len(digits) >= 6:
        fragments.append(digits[-6:])
    return [f.strip().lower() for f in fragments if len(f.strip()) >= 3]


def _identity_copied(report: Report, texts: Sequence[str]) -> bool:
    contact_row = ReporterContact.objects.filter(report=report).first()
    if contact_row is None:
        return False
    contact_key = crypto.unwrap_for_line(
        bytes(contact_row.key_for_line), context=f"contact:{contact_row.pk}"
    )
    contact = ContactDetails.from_json(
        crypto.Sealer(contact_key, str(report.pk)).open_text(
            bytes(contact_row.details_sealed), purpose=f"contact:{contact_row.pk}"
        )
    )
    joined = " ".join(texts).lower()
    joined_digits = "".join(c for c in joined if c.isdigit())
    for fragment in _identity_fragments(contact):
        if fragment.isdigit() and fragment in joined_digits:
            return True
        if not fragment.isdigit() and fragment in joined:
            return True
    return False


def report_intelligence_convert(*, actor: User, report: Report, draft: IntelligenceDraft) -> str:
    """Record the report as corruption intelligence; returns the intelligence reference.

    Only what the handler wrote in ``draft`` passes to intelligence, with the line
    as the source and the report's handlers' reference as the origin: never the
    receipt, the contact details, the channel detail or who the reporter is. Text
    that repeats the reporter's name, email or phone number is refused.
    """
    from lantern.intelligence.services import intelligence_report_create
    from lantern.intelligence.vocabulary import SourceType

    _require_handler(actor)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.intelligence_reference:
            raise ValidationError(
                f"This report is already intelligence report {report.intelligence_reference}."
            )
        texts = (draft.sanitised_text, draft.subject_description, draft.handling_conditions)
        if _identity_copied(report, texts):
            raise ValidationError(
                "The intelligence text repeats the reporter's contact details. Remove them: "
                "the reporter's identity stays with the reporting line."
            )
        source = SourceType.PARTNER_AGENCY if report.from_partner else SourceType.CONFIDENTIAL_LINE
        intelligence = intelligence_report_create(
            actor=actor,
            subject_description=draft.subject_description,
            categories=list(draft.categories),
            source_type=str(source),
            source_evaluation=draft.source_evaluation,
            intelligence_assessment=draft.intelligence_assessment,
            handling=draft.handling,
            handling_conditions=draft.handling_conditions,
            sanitised_text=draft.sanitised_text,
            origin_reference=report.reference,
        )
        report.intelligence_reference = intelligence.reference
        report.converted_at = timezone.now()
        if report.status == Status.NEW:
            report.status = Status.IN_HAND
        report.save(update_fields=["intelligence_reference", "converted_at", "status"])
        audit_append(
            actor=actor,
            event="reporting.converted_to_intelligence",
            category=AuditCategory.DISCLOSURE,
            object_type="report",
            object_id=report.reference,
            detail={"intelligence_reference": intelligence.reference, "source_type": str(source)},
        )
    return intelligence.reference
