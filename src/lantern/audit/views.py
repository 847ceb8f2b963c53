"""The auditor's pages: search, export (itself audited) and chain verification."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.roles import Role
from lantern.audit.forms import AuditSearchForm
from lantern.audit.models import AuditCategory, AuditRecord
from lantern.audit.selectors import audit_records_search
from lantern.audit.services import audit_append, audit_chain_verify
from lantern.web.access import allow

PAGE_SIZE = 50
EXPORT_COLUMNS = (
    "seq",
    "at",
    "actor_label",
    "event",
    "category",
    "object_type",
    "object_id",
    "reason",
    "detail",
    "prev_hash",
    "hash",
)


@allow(Role.AUDITOR)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    query = form.query()
    records = audit_records_search(viewer=request.user, query=query)  # type: ignore[arg-type]
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_append(
        actor=request.user,  # type: ignore[arg-type]
        event="audit.searched",
        category=AuditCategory.CONSULTATION,
        object_type="audit_trail",
        detail=query.as_detail(),
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "params": params.urlencode()}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "audit/search.html", context, status=status)


def _csv_rows(records: Iterator[AuditRecord]) -> Iterator[str]:
    class Line:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Line())
    yield writer.writerow(EXPORT_COLUMNS)
    for record in records:
        yield writer.writerow(
            [record.at.isoformat() if c == "at" else getattr(record, c) for c in EXPORT_COLUMNS]
        )


@allow(Role.AUDITOR)
@require_GET
def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/search.html", {"form": form, "page": None}, status=400)
    query = form.query()
    records = audit_records_search(viewer=request.user, query=query)  # type: ignore[arg-type]
    with transaction.atomic():
        audit_append(
            actor=request.user,  # type: ignore[arg-type]
            event="audit.exported",
            category=AuditCategory.DISCLOSURE,
            object_type="audit_trail",
            detail={**query.as_detail(), "rows": records.count()},
        )
    response = StreamingHttpResponse(
        _csv_rows(records.iterator(chunk_size=2000)), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="lantern-audit-trail.csv"'
    return response


@allow(Role.AUDITOR)
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    report = audit_chain_verify()
    audit_append(
        actor=request.user,  # type: ignore[arg-type]
        event="audit.chain_verified",
        category=AuditCategory.CONSULTATION,
        object_type="audit_trail",
        detail={"intact": report.intact, "records": report.records_checked},
    )
    return render(request, "audit/verify.html", {"report": report})
