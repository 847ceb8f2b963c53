"""Reading vetting records, scoped to the viewer and audited.

The vetting unit (vetting officers) reads vetting records of everyone except
themselves; a member of staff reads only their own declarations; the head of
professional standards reads the disciplinary history received with transferees.
Every read of a clearance or a transfer packet is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Case, QuerySet, Value, When
from django.http import Http404

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import StaffMember
from lantern.force.visibility import viewer_staff, viewer_staff_pk
from lantern.vetting.compliance import ComplianceReport, HolderStatus, compliance_compute
from lantern.vetting.models import (
    AftercareReview,
    Clearance,
    Declaration,
    HrImport,
    HrRejectedRow,
    IncomingTransfer,
    ListEntry,
    RevettingSelection,
    TransferPacket,
)
from lantern.vetting.vocabulary import DeclarationDecision

DASHBOARD_PAGE_SIZE = 50


def _unit(viewer: User) -> None:
    if Role.VETTING_OFFICER not in viewer.roles:
        raise PermissionDenied("Vetting records are for the vetting unit.")


def _consulted(
    viewer: User, event: str, object_type: str, object_id: str = "", **detail: Any
) -> None:
    audit_append(
        actor=viewer,
        event=event,
        category=AuditCategory.CONSULTATION,
        object_type=object_type,
        object_id=object_id,
        detail=detail or None,
    )


def compliance_dashboard(
    *, viewer: User, as_of: date, show: str, unit: str, page: str | None
) -> tuple[ComplianceReport, str, str, Page[HolderStatus]]:
    """The dashboard: the figures, and one page of the people listed (the non-compliant, or
    those expiring within a window; of one unit if asked). The audit record names whose
    records were shown on that page. Returns the report, the ``show`` and ``unit`` actually
    applied (unknown values fall back to the default and to every unit) and the page."""
    _unit(viewer)
    report = compliance_compute(as_of=as_of, exclude_staff_pk=viewer_staff_pk(viewer))
    windows = {str(w): w for w in report.windows}
    show = show if show in windows else "non_compliant"
    listed = report.expiring_within(windows[show]) if show in windows else report.non_compliant
    unit = unit if unit in {u.unit for u in report.units} else ""
    if unit:
        listed = [h for h in listed if h.post.unit == unit]
    shown = Paginator(listed, DASHBOARD_PAGE_SIZE).get_page(page)
    _consulted(
        viewer,
        "vetting.dashboard_viewed",
        "vetting_dashboard",
        holders=report.force.holders,
        non_compliant=report.force.non_compliant,
        show=show,
        unit=unit,
        page=shown.number,
        staff_ids=[h.staff.staff_id for h in shown],
    )
    return report, show, unit, shown


def compliance_export(*, viewer: User, as_of: date) -> ComplianceReport:
    """The same figures, for the inspectorate: a disclosure."""
    _unit(viewer)
    report = compliance_compute(as_of=as_of, exclude_staff_pk=viewer_staff_pk(viewer))
    audit_append(
        actor=viewer,
        event="vetting.compliance_exported",
        category=AuditCategory.DISCLOSURE,
        object_type="vetting_dashboard",
        reason="export for the inspectorate (per-unit figures, no person-level rows)",
        detail={"as_of": str(as_of), "units": len(report.units), "holders": report.force.holders},
    )
    return report


def staff_visible(*, viewer: User) -> QuerySet[StaffMember]:
    _unit(viewer)
    own = viewer_staff_pk(viewer)
    staff = StaffMember.objects.all()
    return staff.exclude(pk=own) if own else staff


def staff_search(*, viewer: User, query: str) -> list[StaffMember]:
    query = query.strip()
    if not query:
        return []
    found = list(
        staff_visible(viewer=viewer).filter(staff_id__iexact=query)[:1]
        or staff_visible(viewer=viewer).filter(name__icontains=query)[:50]
    )
    _consulted(viewer, "vetting.staff_searched", "staff", results=len(found))
    return found


def person_vetting(*, viewer: User, staff_pk: int) -> StaffMember:
    """A person's vetting record: postings, clearances, declarations, reviews (audited)."""
    member = staff_visible(viewer=viewer).filter(pk=staff_pk).first()
    if member is None:
        raise Http404("No such person.")
    _consulted(viewer, "vetting.person_viewed", "staff", str(member.pk), staff_id=member.staff_id)
    return member


def clearance_detail(*, viewer: User, clearance_pk: str) -> Clearance:
    clearance = (
        Clearance.objects.filter(pk=clearance_pk, staff__in=staff_visible(viewer=viewer))
        .select_related("staff", "decided_by", "renews")
        .first()
    )
    if clearance is None:
        raise Http404("No such clearance.")
    _consulted(viewer, "vetting.clearance_viewed", "clearance", str(clearance.pk))
    return clearance


def aftercare_queue(*, viewer: User) -> QuerySet[AftercareReview]:
    reviews = AftercareReview.objects.filter(staff__in=staff_visible(viewer=viewer))
    _consulted(viewer, "vetting.aftercare_viewed", "aftercare_review")
    return reviews.select_related("staff").prefetch_related("triggers")


def aftercare_detail(*, viewer: User, review_pk: str) -> AftercareReview:
    review = (
        AftercareReview.objects.filter(pk=review_pk, staff__in=staff_visible(viewer=viewer))
        .select_related("staff", "selection")
        .first()
    )
    if review is None:
        raise Http404("No such review.")
    _consulted(viewer, "vetting.aftercare_review_viewed", "aftercare_review", str(review.pk))
    return review


def revetting_selections(*, viewer: User) -> QuerySet[RevettingSelection]:
    _unit(viewer)
    return RevettingSelection.objects.select_related("made_by")


def revetting_selection_read(*, viewer: User, selection_pk: int) -> RevettingSelection:
    selection = revetting_selections(viewer=viewer).filter(pk=selection_pk).first()
    if selection is None:
        raise Http404("No such selection.")
    _consulted(viewer, "vetting.revetting_viewed", "revetting_selection", str(selection.pk))
    return selection


def declarations_for_review(*, viewer: User) -> QuerySet[Declaration]:
    declarations = Declaration.objects.filter(staff__in=staff_visible(viewer=viewer))
    _consulted(viewer, "vetting.declarations_viewed", "declaration")
    awaiting = Case(When(decision=DeclarationDecision.PENDING, then=Value(0)), default=Value(1))
    return declarations.select_related("staff").order_by(awaiting, "-submitted_at")


def declaration_detail(*, viewer: User, declaration_pk: str) -> Declaration:
    declaration = (
        Declaration.objects.filter(pk=declaration_pk, staff__in=staff_visible(viewer=viewer))
        .select_related("staff")
        .first()
    )
    if declaration is None:
        raise Http404("No such declaration.")
    _consulted(viewer, "vetting.declaration_viewed", "declaration", str(declaration.pk))
    return declaration


def own_declarations(*, viewer: User) -> QuerySet[Declaration]:
    """A member of staff's own declarations, and nobody else's."""
    staff = viewer_staff(viewer)
    if staff is None:
        return Declaration.objects.none()
    return Declaration.objects.filter(staff=staff)


def own_declaration(*, viewer: User, declaration_pk: str) -> Declaration:
    declaration = own_declarations(viewer=viewer).filter(pk=declaration_pk).first()
    if declaration is None:  # someone else's looks exactly like one that does not exist
        raise Http404("No such declaration.")
    return declaration


def open_reviews_count(*, viewer: User) -> int:
    """How many aftercare reviews are open: a count, so nobody's review is read (not audited)."""
    return AftercareReview.objects.filter(
        staff__in=staff_visible(viewer=viewer), completed_at=None
    ).count()


def pending_declarations_count(*, viewer: User) -> int:
    return Declaration.objects.filter(
        staff__in=staff_visible(viewer=viewer), decision=DeclarationDecision.PENDING
    ).count()


def transfer_packets(*, viewer: User) -> QuerySet[TransferPacket]:
    """Outgoing packets, never one about the viewer themselves (not audited: callers are)."""
    _unit(viewer)
    packets = TransferPacket.objects.select_related("staff", "created_by")
    own = viewer_staff_pk(viewer)
    return packets.exclude(staff_id=own) if own else packets


def transfer_packets_listed(*, viewer: User) -> QuerySet[TransferPacket]:
    """The list of packets sent (names, staff ids, receiving forces): audited as a consultation."""
    packets = transfer_packets(viewer=viewer)
    _consulted(viewer, "vetting.transfer_packets_listed", "transfer_packet")
    return packets


def transfer_packet_read(*, viewer: User, packet_pk: str, disclosed_as: str = "") -> TransferPacket:
    """One outgoing packet: viewing is a consultation, downloading (json/pdf) a disclosure."""
    packet = transfer_packets(viewer=viewer).filter(pk=packet_pk).first()
    if packet is None:
        raise Http404("No such packet.")
    if disclosed_as:
        audit_append(
            actor=viewer,
            event="vetting.transfer_downloaded",
            category=AuditCategory.DISCLOSURE,
            object_type="transfer_packet",
            object_id=str(packet.pk),
            detail={"format": disclosed_as},
        )
    else:
        _consulted(viewer, "vetting.transfer_viewed", "transfer_packet", str(packet.pk))
    return packet


def incoming_transfers(*, viewer: User) -> QuerySet[IncomingTransfer]:
    if not viewer.roles & {Role.VETTING_OFFICER, Role.HEAD_OF_PSD}:
        raise PermissionDenied("Incoming transfers are for vetting and professional standards.")
    return IncomingTransfer.objects.select_related("received_by")


def transfers_register(*, viewer: User) -> QuerySet[IncomingTransfer]:
    """The list of received packets (names, origin, list outcome): audited as a consultation."""
    items = incoming_transfers(viewer=viewer)
    _consulted(viewer, "vetting.transfers_listed", "incoming_transfer")
    return items


def incoming_transfer_read(*, viewer: User, incoming_pk: str) -> IncomingTransfer:
    incoming = incoming_transfers(viewer=viewer).filter(pk=incoming_pk).first()
    if incoming is None:
        raise Http404("No such transfer.")
    _consulted(viewer, "vetting.incoming_transfer_viewed", "incoming_transfer", str(incoming.pk))
    return incoming


def hr_imports(*, viewer: User) -> QuerySet[HrImport]:
    _unit(viewer)
    return HrImport.objects.all()


def hr_import_detail(*, viewer: User, run_pk: int) -> HrImport:
    run = hr_imports(viewer=viewer).filter(pk=run_pk).first()
    if run is None:
        raise Http404("No such import.")
    _consulted(viewer, "vetting.import_viewed", "hr_import", str(run.pk))
    return run


def hr_import_rejections(
    *, viewer: User, run: HrImport, limit: int = 500
) -> tuple[list[HrRejectedRow], int]:
    """A run's rejected rows (up to ``limit``), without those about the viewer, and how many
    about the viewer were left out: nobody reads HR rows about themselves."""
    _unit(viewer)
    own = viewer_staff(viewer)
    shown: list[HrRejectedRow] = []
    hidden = 0
    for row in run.rejections.all().iterator():
        raw = row.raw if isinstance(row.raw, dict) else {}
        if own is not None and str(raw.get("staff_id", "")).strip() == own.staff_id:
            hidden += 1
        elif len(shown) < limit:
            shown.append(row)
    return shown, hidden


def list_counts(*, viewer: User) -> dict[str, int]:
    _unit(viewer)
    return {kind: ListEntry.objects.filter(kind=kind).count() for kind in ("barred", "advisory")}
