"""Reading intelligence: the unit sees it; investigators see what is linked to their cases;
nobody sees a report about themselves; restricted source details only for the author
and the head of professional standards. Every read is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.visibility import viewer_staff_pk
from lantern.intelligence.models import IntelligenceReport, RestrictedSource

UNIT_ROLES = frozenset({Role.ANALYST, Role.HEAD_OF_PSD})


def intelligence_visible(*, viewer: User) -> QuerySet[IntelligenceReport]:
    reports = IntelligenceReport.objects.all()
    if not viewer.roles & UNIT_ROLES:
        if Role.INVESTIGATOR not in viewer.roles:
            raise PermissionDenied("Intelligence is for the counter-corruption unit.")
        reports = reports.filter(investigations__team__user=viewer)
    own = viewer_staff_pk(viewer)
    if own:
        reports = reports.exclude(subjects=own)
    return reports.distinct().prefetch_related("subjects").select_related("created_by")


def intelligence_detail(*, viewer: User, report_pk: str) -> IntelligenceReport:
    report = intelligence_visible(viewer=viewer).filter(pk=report_pk).first()
    if report is None:
        raise Http404("No such report.")
    audit_append(
        actor=viewer,
        event="intelligence.viewed",
        category=AuditCategory.CONSULTATION,
        object_type="intelligence_report",
        object_id=str(report.pk),
    )
    return report


def restricted_source_read(*, viewer: User, report: IntelligenceReport) -> RestrictedSource | None:
    """The source details, for the author and the head of professional standards only."""
    if report.created_by_id != viewer.pk and Role.HEAD_OF_PSD not in viewer.roles:
        return None
    source = RestrictedSource.objects.filter(report=report).first()
    if source is not None:
        audit_append(
            actor=viewer,
            event="intelligence.source_read",
            category=AuditCategory.DISCLOSURE,
            object_type="intelligence_report",
            object_id=str(report.pk),
        )
    return source
