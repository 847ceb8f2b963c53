"""Reading the register (handlers, head of PSD) and a partner's own concerns (scoped to her)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.partners.models import Membership, Organisation
from lantern.partners.services import REGISTER_ROLES
from lantern.reporting.models import Report
from lantern.reporting.selectors import ReportView, report_view_open
from lantern.reporting.services import report_key_for_line


def _require_register(viewer: User) -> None:
    if not set(REGISTER_ROLES) & viewer.roles:
        raise PermissionDenied("Only reporting-line handlers and the head of PSD see the register.")


def organisations_for_register(*, viewer: User) -> QuerySet[Organisation]:
    _require_register(viewer)
    today = timezone.localdate()
    in_force = Q(agreements__starts_on__lte=today) & (
        Q(agreements__ends_on__isnull=True) | Q(agreements__ends_on__gte=today)
    )
    return Organisation.objects.annotate(
        agreements_in_force=Count("agreements", filter=in_force, distinct=True),
        member_count=Count("members", distinct=True),
        concern_count=Count("reports", distinct=True),
    ).order_by("-active", "name")


@dataclass(frozen=True)
class OrganisationDetail:
    organisation: Organisation
    agreements: list[object]
    engagements: list[object]
    members: list[Membership]
    concern_count: int
    partner_users_unlinked: list[User]


def partner_users_unlinked() -> QuerySet[User]:
    """Active partner-agency users not yet linked to an organisation: who may be linked."""
    linked = Membership.objects.values("user_id")
    return (
        User.objects.filter(role_grants__role=Role.PARTNER, is_active=True)
        .exclude(pk__in=linked)
        .order_by("username")
    )


def organisation_for_register(*, viewer: User, organisation_id: object) -> OrganisationDetail:
    _require_register(viewer)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    unlinked = partner_users_unlinked()
    return OrganisationDetail(
        organisation=organisation,
        agreements=list(organisation.agreements.all()),
        engagements=list(organisation.engagements.select_related("recorded_by")),
        members=list(organisation.members.select_related("user")),
        concern_count=organisation.reports.count(),
        partner_users_unlinked=list(unlinked),
    )


def _require_partner(viewer: User) -> None:
    if Role.PARTNER not in viewer.roles:
        raise PermissionDenied("Only partner-agency users have concerns here.")


def concerns_for_partner(*, viewer: User) -> QuerySet[Report]:
    """The concerns this user sent, and nobody else's (not even her colleagues')."""
    _require_partner(viewer)
    return Report.objects.filter(submitted_by=viewer).order_by("-received_at")


def concern_for_partner(*, viewer: User, report_id: object) -> ReportView:
    """One of her own concerns with the replies, decrypted and audited; 404 for any other."""
    _require_partner(viewer)
    report = get_object_or_404(Report, pk=report_id, submitted_by=viewer)
    view = report_view_open(report, report_key_for_line(report), audience="partner")
    audit_append(
        actor=viewer,
        event="reporting.partner_concern_opened",
        category=AuditCategory.CONSULTATION,
        object_type="report",
        object_id=report.reference,
    )
    return view
