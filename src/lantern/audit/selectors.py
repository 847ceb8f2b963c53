"""Reading the audit trail: for auditors only, and every search is itself recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.web.dates import day_start

if TYPE_CHECKING:
    from lantern.accounts.models import User


@dataclass(frozen=True)
class AuditQuery:
    actor: str = ""
    event: str = ""
    category: str = ""
    object_id: str = ""
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_detail(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v not in ("", None)}


def audit_records_search(*, viewer: User, query: AuditQuery) -> QuerySet[AuditRecord]:
    """Records matching ``query``, newest first. Only auditors may read the trail."""
    if Role.AUDITOR not in viewer.roles:
        raise PermissionDenied("Only auditors read the audit trail.")
    records = AuditRecord.objects.all()
    if query.actor:
        records = records.filter(actor_label__iexact=query.actor)
    if query.event:
        records = records.filter(event__startswith=query.event)
    if query.category:
        records = records.filter(category=query.category)
    if query.object_id:
        records = records.filter(object_id=query.object_id)
    if query.text:
        records = records.filter(
            Q(reason__icontains=query.text) | Q(object_type__icontains=query.text)
        )
    if query.date_from:
        records = records.filter(at__gte=day_start(query.date_from))
    if query.date_to:
        records = records.filter(at__lt=day_start(query.date_to + timedelta(days=1)))
    return records.order_by("-seq")
