"""Reading investigations on a need-to-know basis: the case team and the head of
professional standards, never the subject. Every read is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.cases.models import EvidenceFile, Investigation
from lantern.force.visibility import viewer_staff_pk

CASE_ROLES = frozenset({Role.INVESTIGATOR, Role.HEAD_OF_PSD, Role.ANALYST})


def cases_visible(*, viewer: User) -> QuerySet[Investigation]:
    if not viewer.roles & CASE_ROLES:
        raise PermissionDenied("Investigations are need-to-know.")
    cases = Investigation.objects.select_related("subject", "investigating_officer")
    if Role.HEAD_OF_PSD not in viewer.roles:
        cases = cases.filter(team__user=viewer)
    own = viewer_staff_pk(viewer)
    return cases.exclude(subject_id=own) if own else cases


def case_detail(*, viewer: User, case_pk: str) -> Investigation:
    case = cases_visible(viewer=viewer).filter(pk=case_pk).first()
    if case is None:
        raise Http404("No such case, or it is not yours to see.")
    audit_append(
        actor=viewer,
        event="case.viewed",
        category=AuditCategory.CONSULTATION,
        object_type="investigation",
        object_id=str(case.pk),
    )
    return case


def case_evidence(*, viewer: User, evidence_pk: str) -> EvidenceFile:
    evidence = EvidenceFile.objects.filter(
        pk=evidence_pk, investigation__in=cases_visible(viewer=viewer)
    ).first()
    if evidence is None:
        raise Http404("No such evidence.")
    return evidence
