"""Reading reports: handlers (audited), the reporter with a receipt, and the figures.

Decryption happens here and nowhere else: with the line key when a handler
opens a report or its contact details or an attachment (each audited as a
consultation of that report), and with the key derived from the receipt when
the reporter comes back (audited as the reporter's visit, with nothing about
them). The inbox and the figures read only what is stored in clear.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.reporting import crypto
from lantern.reporting.models import (
    Attachment,
    Author,
    Channel,
    Message,
    MessageKind,
    Outcome,
    Report,
    ReporterContact,
    Status,
)
from lantern.reporting.receipts import receipt_check, receipt_check_dummy, receipt_parse
from lantern.reporting.services import (
    REPORTER_LABEL,
    ContactDetails,
    ReportContent,
    report_key_for_line,
    report_sealer,
)

if TYPE_CHECKING:
    from lantern.accounts.models import User


@dataclass(frozen=True)
class AttachmentView:
    id: str
    name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class MessageView:
    id: str
    author: str
    author_label: str
    kind: str
    kind_label: str
    sent_at: datetime
    body: str
    attachments: list[AttachmentView]


@dataclass(frozen=True)
class ReportView:
    report: Report
    content: ReportContent
    attachments: list[AttachmentView]
    messages: list[MessageView]
    has_contact: bool


def _require_handler(viewer: User) -> None:
    if Role.REPORTING_HANDLER not in viewer.roles:
        raise PermissionDenied("Only reporting-line handlers read reports.")


def _audit_read(viewer: User | None, event: str, report: Report, **extra: object) -> None:
    audit_append(
        actor=viewer,
        actor_label=None if viewer else REPORTER_LABEL,
        event=event,
        category=AuditCategory.CONSULTATION,
        object_type="report",
        object_id=report.reference,
        **extra,  # type: ignore[arg-type]
    )


def report_view_open(report: Report, data_key: bytes, *, audience: str) -> ReportView:
    """Decrypt a report for ``audience`` ("handler", "partner" or "reporter").

    Handlers see everything; partners and reporters do not see handlers' notes,
    and see themselves as "You".
    """
    sealer = report_sealer(report, data_key)
    names = {
        Author.REPORTER: "Reporter",
        Author.PARTNER: "Partner agency",
        Author.HANDLER: "Reporting line team",
    }
    if audience == "reporter":
        names[Author.REPORTER] = "You"
    if audience == "partner":
        names[Author.PARTNER] = "You"
    attachments_by_message: dict[object, list[AttachmentView]] = {}
    for a in Attachment.objects.filter(report=report).defer("data_sealed"):
        view = AttachmentView(
            id=str(a.pk),
            name=sealer.open_text(bytes(a.name_sealed), purpose=f"attachment-name:{a.pk}"),
            content_type=a.content_type,
            size=a.size,
        )
        attachments_by_message.setdefault(a.message_id, []).append(view)
    messages = []
    for m in Message.objects.filter(report=report):
        if audience != "handler" and m.kind == MessageKind.NOTE:
            continue
        messages.append(
            MessageView(
                id=str(m.pk),
                author=m.author,
                author_label=names[Author(m.author)],
                kind=m.kind,
                kind_label=m.get_kind_display(),
                sent_at=m.sent_at,
                body=sealer.open_text(bytes(m.body_sealed), purpose=f"message:{m.pk}"),
                attachments=attachments_by_message.get(m.pk, []),
            )
        )
    content = ReportContent.from_json(
        sealer.open_text(bytes(report.content_sealed), purpose="content")
    )
    return ReportView(
        report=report,
        content=content,
        attachments=attachments_by_message.get(None, []),
        messages=messages,
        has_contact=ReporterContact.objects.filter(report=report).exists(),
    )


# --- Handlers --------------------------------------------------------------------


class Queue(StrEnum):
    URGENT = "urgent"
    NEW = "new"
    AWAITING = "awaiting"
    WAITING = "waiting"
    OPEN = "open"
    CLOSED = "closed"


QUEUE_LABELS = {
    Queue.URGENT: "Urgent",
    Queue.NEW: "New",
    Queue.AWAITING: "Awaiting reply",
    Queue.WAITING: "Waiting for the reporter",
    Queue.OPEN: "All open",
    Queue.CLOSED: "Closed",
}

_URGENT = Q(urgent=True, safeguarding_actioned_at__isnull=True) & ~Q(status=Status.CLOSED)
_QUEUE_FILTERS = {
    Queue.URGENT: _URGENT,
    Queue.NEW: Q(status=Status.NEW),
    Queue.AWAITING: Q(status=Status.AWAITING_HANDLER),
    Queue.WAITING: Q(status=Status.AWAITING_REPORTER),
    Queue.OPEN: ~Q(status=Status.CLOSED),
    Queue.CLOSED: Q(status=Status.CLOSED),
}


def inbox_for_handler(*, viewer: User, queue: Queue) -> QuerySet[Report]:
    """Reports in one queue, urgent safeguarding first. Only what is stored in clear."""
    _require_handler(viewer)
    reports = Report.objects.filter(_QUEUE_FILTERS[queue]).select_related("partner_organisation")
    return reports.order_by("-urgent", "safeguarding_actioned_at", "received_at")


def inbox_counts(*, viewer: User) -> dict[Queue, int]:
    _require_handler(viewer)
    totals = Report.objects.aggregate(
        **{q.value: Count("pk", filter=f) for q, f in _QUEUE_FILTERS.items()}
    )
    return {q: totals[q.value] for q in Queue}


def report_for_handler(*, viewer: User, report_id: object) -> ReportView:
    """Open a report: decrypted with the line key, audited as a consultation."""
    _require_handler(viewer)
    report = get_object_or_404(Report.objects.select_related("partner_organisation"), pk=report_id)
    view = report_view_open(report, report_key_for_line(report), audience="handler")
    _audit_read(viewer, "reporting.report_opened", report)
    return view


def report_contact_for_handler(*, viewer: User, report_id: object, reason: str) -> ContactDetails:
    """The reporter's contact details, apart from the report: shown only with a reason."""
    _require_handler(viewer)
    report = get_object_or_404(Report, pk=report_id)
    row = get_object_or_404(ReporterContact, report=report)
    key = crypto.unwrap_for_line(bytes(row.key_for_line), context=f"contact:{row.pk}")
    text = crypto.Sealer(key, str(report.pk)).open_text(
        bytes(row.details_sealed), purpose=f"contact:{row.pk}"
    )
    _audit_read(viewer, "reporting.contact_opened", report, reason=reason)
    return ContactDetails.from_json(text)


@dataclass(frozen=True)
class AttachmentFile:
    name: str
    content_type: str
    data: bytes


def attachment_for_handler(
    *, viewer: User, report_id: object, attachment_id: object
) -> AttachmentFile:
    _require_handler(viewer)
    attachment = get_object_or_404(
        Attachment.objects.select_related("report"), pk=attachment_id, report_id=report_id
    )
    report = attachment.report
    sealer = report_sealer(report, report_key_for_line(report))
    data = sealer.open_bytes(bytes(attachment.data_sealed), purpose=f"attachment:{attachment.pk}")
    name = sealer.open_text(
        bytes(attachment.name_sealed), purpose=f"attachment-name:{attachment.pk}"
    )
    _audit_read(
        viewer, "reporting.attachment_opened", report, detail={"attachment": str(attachment.pk)}
    )
    return AttachmentFile(name=name, content_type=attachment.content_type, data=data)


# --- The reporter, with a receipt ---------------------------------------------------


def conversation_for_reporter(*, receipt_text: str) -> ReportView | None:
    """The report and its conversation if the receipt is right; None otherwise.

    Both paths run one Argon2id and one audit append, so a wrong receipt costs
    the same as a right one (the view pads the rest to a fixed least time).
    """
    receipt = receipt_parse(receipt_text)
    report = None
    if receipt is not None:
        report = Report.objects.filter(receipt_lookup=receipt.lookup).first()
    if receipt is None or report is None or report.receipt_salt is None:
        receipt_check_dummy(receipt.secret if receipt else "")
        _receipt_refused()
        return None
    reporter_key = receipt_check(
        receipt.secret,
        salt=bytes(report.receipt_salt),
        params=report.receipt_params,
        verifier=bytes(report.receipt_verifier or b""),
    )
    if reporter_key is None or report.key_for_reporter is None:
        _receipt_refused()
        return None
    data_key = crypto.unwrap_with(
        reporter_key, bytes(report.key_for_reporter), context=f"reporter:{report.pk}"
    )
    view = report_view_open(report, data_key, audience="reporter")
    _audit_read(None, "reporting.reporter_returned", report)
    return view


def _receipt_refused() -> None:
    # No report is named: the record shows only that a wrong receipt was tried.
    audit_append(
        actor=None,
        actor_label=REPORTER_LABEL,
        event="reporting.receipt_refused",
        category=AuditCategory.SECURITY,
    )


# --- Figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseTimes:
    answered: int
    unanswered: int
    median_hours: float | None
    p90_hours: float | None


@dataclass(frozen=True)
class ReportingFigures:
    total: int
    last_30_days: int
    open: int
    urgent_now: int
    by_channel: list[tuple[str, int]]
    by_month: list[tuple[datetime, int]]
    first_response: ResponseTimes
    first_response_urgent: ResponseTimes
    outcomes: list[tuple[str, int]]
    converted: int
    reporters_returned: int
    with_receipt: int


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def _response_times(reports: QuerySet[Report]) -> ResponseTimes:
    pairs = reports.values_list("received_at", "first_response_at")
    waits = sorted(_hours(answered - received) for received, answered in pairs if answered)
    unanswered = sum(1 for _, answered in pairs if answered is None)
    if not waits:
        return ResponseTimes(0, unanswered, None, None)
    p90 = waits[min(len(waits) - 1, int(0.9 * len(waits)))]
    return ResponseTimes(len(waits), unanswered, round(statistics.median(waits), 1), round(p90, 1))


def reporting_figures(*, viewer: User) -> ReportingFigures:
    """Volume, time to first response and outcomes: counts only, nothing decrypted."""
    _require_handler(viewer)
    reports = Report.objects.all()
    since = timezone.now() - timedelta(days=30)
    year_ago = timezone.now() - timedelta(days=365)
    channels = dict(Channel.choices)
    by_channel = [
        (channels.get(row["channel"], row["channel"]), row["n"])
        for row in reports.values("channel").annotate(n=Count("pk")).order_by("-n")
    ]
    by_month = [
        (row["month"], row["n"])
        for row in reports.filter(received_at__gte=year_ago)
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    ]
    outcome_labels = dict(Outcome.choices)
    outcomes = [
        (outcome_labels.get(row["outcome"], row["outcome"]), row["n"])
        for row in reports.filter(status=Status.CLOSED)
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    returned = Message.objects.filter(author=Author.REPORTER).values("report").distinct().count()
    return ReportingFigures(
        total=reports.count(),
        last_30_days=reports.filter(received_at__gte=since).count(),
        open=reports.exclude(status=Status.CLOSED).count(),
        urgent_now=reports.filter(_URGENT).count(),
        by_channel=by_channel,
        by_month=by_month,
        first_response=_response_times(reports),
        first_response_urgent=_response_times(reports.filter(urgent=True)),
        outcomes=outcomes,
        converted=reports.exclude(intelligence_reference="").count(),
        reporters_returned=returned,
        with_receipt=reports.filter(receipt_lookup__isnull=False).count(),
    )
