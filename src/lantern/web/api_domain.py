"""JSON API for alerts, intelligence and investigations.

Each operation reads through the same selector as the page (so the same scope,
pseudonyms and audit records apply); the role rules sit in ``API_RULES``.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from lantern.accounts.models import User
from lantern.alerts.models import Alert
from lantern.alerts.selectors import QueueFilters, alert_detail, alerts_queue, revealed_staff_ids
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.cases.models import Investigation
from lantern.cases.selectors import case_detail, cases_visible
from lantern.force.models import StaffMember
from lantern.intelligence.models import IntelligenceReport
from lantern.intelligence.selectors import intelligence_detail, intelligence_visible

router = Router()
MAX_PAGE = 200


def _viewer(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _label(staff: StaffMember, revealed: set[int]) -> str:
    return f"{staff.name} ({staff.staff_id})" if staff.pk in revealed else staff.pseudonym


class AlertOut(Schema):
    id: UUID
    staff: str
    staff_role: str
    area: str
    person_id: str | None
    score: float
    category: str
    status: str
    summary: str
    first_seen: datetime
    last_seen: datetime


class AlertDetailOut(AlertOut):
    indicators: list[dict[str, object]]


class IntelligenceOut(Schema):
    id: UUID
    reference: str
    categories: list[str]
    grading: str
    source_type: str
    sanitised_text: str
    review_due: str
    outcome: str


class CaseOut(Schema):
    id: UUID
    reference: str
    subject: str
    categories: list[str]
    investigating_officer: str
    opened_at: datetime
    closed_at: datetime | None
    outcome: str
    iopc_reference: str


def _alert_out(a: Alert, revealed: set[int], cls: type[AlertOut] = AlertOut) -> AlertOut:
    extra = {"indicators": a.indicators} if cls is AlertDetailOut else {}
    return cls(
        id=a.pk,
        staff=_label(a.staff, revealed),
        staff_role=a.staff.role,
        area=a.staff.area,
        person_id=a.person.person_id if a.person else None,
        score=a.score,
        category=a.category,
        status=a.status,
        summary=a.summary,
        first_seen=a.first_seen,
        last_seen=a.last_seen,
        **extra,
    )


@router.get("/alerts", response=list[AlertOut], summary="The triage queue, highest score first")
def alerts_list(
    request: HttpRequest, status: str = "new", category: str = "", offset: int = 0, limit: int = 50
) -> list[AlertOut]:
    viewer = _viewer(request)
    filters = QueueFilters(status=status, category=category)
    rows = alerts_queue(viewer=viewer, filters=filters)[offset : offset + min(limit, MAX_PAGE)]
    audit_append(
        actor=viewer,
        event="alerts.queue_viewed",
        category=AuditCategory.CONSULTATION,
        object_type="alert_queue",
        detail={**filters.as_detail(), "offset": offset, "api": True},
    )
    revealed = revealed_staff_ids(viewer=viewer)
    return [_alert_out(a, revealed) for a in rows]


@router.get("/alerts/{alert_id}", response=AlertDetailOut, summary="One alert with its indicators")
def alerts_get(request: HttpRequest, alert_id: UUID) -> AlertOut:
    viewer = _viewer(request)
    alert = alert_detail(viewer=viewer, alert_pk=str(alert_id))
    return _alert_out(alert, revealed_staff_ids(viewer=viewer), AlertDetailOut)


def _report_out(r: IntelligenceReport) -> IntelligenceOut:
    return IntelligenceOut(
        id=r.pk,
        reference=r.reference,
        categories=r.categories,
        grading=r.grading,
        source_type=r.source_type,
        sanitised_text=r.sanitised_text,
        review_due=r.review_due.isoformat(),
        outcome=r.outcome,
    )


@router.get("/intelligence", response=list[IntelligenceOut], summary="Intelligence you may read")
def intelligence_list(
    request: HttpRequest, offset: int = 0, limit: int = 50
) -> list[IntelligenceOut]:
    viewer = _viewer(request)
    rows = intelligence_visible(viewer=viewer)[offset : offset + min(limit, MAX_PAGE)]
    audit_append(
        actor=viewer,
        event="intelligence.register_viewed",
        category=AuditCategory.CONSULTATION,
        object_type="intelligence_register",
        detail={"offset": offset, "api": True},
    )
    return [_report_out(r) for r in rows]


@router.get(
    "/intelligence/{report_id}", response=IntelligenceOut, summary="One intelligence report"
)
def intelligence_get(request: HttpRequest, report_id: UUID) -> IntelligenceOut:
    return _report_out(intelligence_detail(viewer=_viewer(request), report_pk=str(report_id)))


def _case_out(c: Investigation) -> CaseOut:
    officer = c.investigating_officer
    return CaseOut(
        id=c.pk,
        reference=c.reference,
        subject=f"{c.subject.name} ({c.subject.staff_id})",
        categories=c.categories,
        investigating_officer=officer.get_full_name() or officer.username,
        opened_at=c.opened_at,
        closed_at=c.closed_at,
        outcome=c.outcome,
        iopc_reference=c.iopc_reference,
    )


@router.get("/cases", response=list[CaseOut], summary="Investigations you are on (need to know)")
def cases_list(request: HttpRequest) -> list[CaseOut]:
    viewer = _viewer(request)
    rows = list(cases_visible(viewer=viewer)[:MAX_PAGE])
    audit_append(
        actor=viewer,
        event="case.list_viewed",
        category=AuditCategory.CONSULTATION,
        object_type="investigations",
        detail={"shown": len(rows), "api": True},
    )
    return [_case_out(c) for c in rows]


@router.get("/cases/{case_id}", response=CaseOut, summary="One investigation")
def cases_get(request: HttpRequest, case_id: UUID) -> CaseOut:
    return _case_out(case_detail(viewer=_viewer(request), case_pk=str(case_id)))
