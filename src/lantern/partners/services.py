"""Changes to the partner-agency register, and concerns sent by partner-agency users.

Each function takes the acting user and writes its audit record in the same
transaction as the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.partners.models import (
    Agreement,
    Engagement,
    EngagementKind,
    Membership,
    Organisation,
    OrganisationKind,
)
from lantern.reporting.attachments import CleanAttachment
from lantern.reporting.models import Report
from lantern.reporting.services import (
    ContactDetails,
    ReportContent,
    partner_concern_create,
    partner_message_add,
)

REGISTER_ROLES = (Role.REPORTING_HANDLER, Role.HEAD_OF_PSD)


def _require_register(actor: User) -> None:
    if not set(REGISTER_ROLES) & actor.roles:
        raise PermissionDenied(
            "Only reporting-line handlers and the head of PSD keep the register."
        )


def _audit(actor: User, event: str, organisation: Organisation, **detail: object) -> None:
    audit_append(
        actor=actor,
        event=event,
        category=AuditCategory.ALTERATION if "updated" in event else AuditCategory.COLLECTION,
        object_type="partner_organisation",
        object_id=str(organisation.pk),
        detail=detail,
    )


def organisation_create(
    *,
    actor: User,
    name: str,
    kind: OrganisationKind,
    area: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Organisation:
    _require_register(actor)
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name,
            kind=kind,
            area=area,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
        )
        _audit(actor, "partners.organisation_created", organisation, name=name, kind=str(kind))
    return organisation


def organisation_update(
    *, actor: User, organisation: Organisation, **fields: object
) -> Organisation:
    _require_register(actor)
    allowed = {"name", "kind", "area", "contact_name", "contact_email", "contact_phone", "active"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Cannot change {sorted(unknown)}")
    with transaction.atomic():
        before = {k: getattr(organisation, k) for k in fields}
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save(update_fields=list(fields))
        changed = sorted(k for k in fields if before[k] != fields[k])
        _audit(actor, "partners.organisation_updated", organisation, changed=changed)
    return organisation


def agreement_add(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    document_reference: str,
    starts_on: date,
    ends_on: date | None = None,
) -> Agreement:
    _require_register(actor)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError("An agreement cannot end before it starts.")
    with transaction.atomic():
        agreement = Agreement.objects.create(
            organisation=organisation,
            title=title,
            document_reference=document_reference,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=actor,
        )
        _audit(actor, "partners.agreement_added", organisation, reference=document_reference)
    return agreement


def engagement_record(
    *,
    actor: User,
    organisation: Organisation,
    kind: EngagementKind,
    occurred_on: date,
    summary: str,
) -> Engagement:
    _require_register(actor)
    with transaction.atomic():
        engagement = Engagement.objects.create(
            organisation=organisation,
            kind=kind,
            occurred_on=occurred_on,
            summary=summary,
            recorded_by=actor,
        )
        _audit(actor, "partners.engagement_recorded", organisation, kind=str(kind))
    return engagement


def membership_link(*, actor: User | None, organisation: Organisation, user: User) -> Membership:
    """Link a partner-agency user to her organisation (moving her if she had another)."""
    if actor is not None:
        _require_register(actor)
    if Role.PARTNER not in user.roles:
        raise ValidationError("Only partner-agency users can be members of an organisation.")
    with transaction.atomic():
        membership, _ = Membership.objects.update_or_create(
            user=user, defaults={"organisation": organisation, "linked_by": actor}
        )
        audit_append(
            actor=actor,
            actor_label=None if actor else "demo setup",
            event="partners.member_linked",
            category=AuditCategory.ALTERATION,
            object_type="account",
            object_id=str(user.pk),
            detail={"organisation": str(organisation.pk)},
        )
    return membership


def partner_organisation_of(user: User) -> Organisation:
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    if membership is None or not membership.organisation.active:
        raise PermissionDenied(
            "Your account is not linked to a partner organisation. Ask the reporting line team."
        )
    return membership.organisation


def partner_concern_submit(
    *,
    actor: User,
    content: ReportContent,
    risk_now: str,
    contact: ContactDetails | None,
    attachments: Sequence[CleanAttachment] = (),
) -> Report:
    """A partner-agency worker sends a concern a victim raised, for her organisation."""
    if Role.PARTNER not in actor.roles:
        raise PermissionDenied("Only partner-agency users send concerns this way.")
    return partner_concern_create(
        actor=actor,
        organisation=partner_organisation_of(actor),
        content=content,
        risk_now=risk_now,
        contact=contact,
        attachments=attachments,
    )


def partner_concern_reply(
    *, actor: User, report: Report, body: str, attachments: Sequence[CleanAttachment] = ()
) -> Report:
    return partner_message_add(actor=actor, report=report, body=body, attachments=attachments)
