"""Vetting pages: the vetting officer's dashboard, people and clearances, aftercare,
declarations (the member of staff's own, and the unit's review), HR uploads, and
transfers (export, import, and professional standards' view of what arrived)."""

from __future__ import annotations

import csv
import json
import uuid
from urllib.parse import quote as urlquote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.force.visibility import viewer_staff
from lantern.vetting import charts, selectors, services, transfers
from lantern.vetting.forms import (
    DecisionForm,
    DeclarationForm,
    ExportForm,
    GrantForm,
    ImportPacketForm,
    PsdForm,
    RenewForm,
    RevettingForm,
    ReviewForm,
    UploadForm,
    WithdrawForm,
)
from lantern.vetting.imports import FILE_KINDS, LIST_REFUSED, hr_file_import
from lantern.vetting.models import Clearance
from lantern.vetting.signing import PacketRefused
from lantern.vetting.vocabulary import AppointmentStatus, ClearanceStatus
from lantern.web.access import allow

VETTING = (Role.VETTING_OFFICER,)
TRANSFER_READERS = (Role.VETTING_OFFICER, Role.HEAD_OF_PSD)


def _viewer(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- Dashboard --------------------------------------------------------------


@allow(*VETTING)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    report, show, unit, listed = selectors.compliance_dashboard(
        viewer=viewer,
        as_of=timezone.localdate(),
        show=request.GET.get("show", "non_compliant"),
        unit=request.GET.get("unit", ""),
        page=request.GET.get("page"),
    )
    context = {
        "report": report,
        "unit_chart": charts.unit_bars(report),
        "forecast_chart": charts.forecast_columns(report),
        "show": show,
        "unit": unit,
        "unit_query": f"&unit={urlquote(unit, safe='')}" if unit else "",
        "listed": listed,
        "pending_declarations": selectors.pending_declarations_count(viewer=viewer),
        "open_reviews": selectors.open_reviews_count(viewer=viewer),
        "lapsed": sum(
            1
            for h in report.holders
            for c in h.held
            if c.status == ClearanceStatus.ACTIVE and c.expires_on < report.as_of
        ),
    }
    return render(request, "vetting/dashboard.html", context)


@allow(*VETTING)
@require_GET
def compliance_csv(request: HttpRequest) -> HttpResponse:
    """For the inspectorate: figures per unit and force-wide, no row about any one person
    (the per-person list stays on the vetting unit's own page)."""
    report = selectors.compliance_export(viewer=_viewer(request), as_of=timezone.localdate())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="vetting-compliance-{report.as_of.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "as_of",
            "unit",
            "people_in_post",
            "compliant",
            "non_compliant",
            "non_compliant_expired",
            "non_compliant_below_level",
            "non_compliant_no_clearance",
            *(f"expiring_within_{w}_days" for w in report.windows),
        ]
    )
    for u in [*sorted(report.units, key=lambda u: u.unit), report.force]:
        writer.writerow(
            [
                report.as_of.isoformat(),
                u.unit,
                u.holders,
                u.compliant,
                u.non_compliant,
                u.expired,
                u.under_vetted,
                u.none,
                *(u.expiring[w] for w in report.windows),
            ]
        )
    return response


@allow(*VETTING)
@require_POST
def expire(request: HttpRequest) -> HttpResponse:
    count = services.clearances_expire(actor=_viewer(request), as_of=timezone.localdate())
    messages.success(request, f"{count} clearances past their expiry date ended.")
    return redirect("vetting:dashboard")


# --- People and clearances ----------------------------------------------------


@allow(*VETTING)
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    found = selectors.staff_search(viewer=_viewer(request), query=query)
    return render(request, "vetting/people.html", {"query": query, "found": found})


def _person_context(viewer: User, staff_pk: int) -> dict[str, object]:
    member = selectors.person_vetting(viewer=viewer, staff_pk=staff_pk)
    from lantern.vetting.compliance import clearances_held, holder_status

    today = timezone.localdate()
    clearances = list(member.clearances.all())
    held = clearances_held([member.pk], today)[member.pk]
    postings = list(member.postings.select_related("post"))
    current = [
        p for p in postings if p.started_on <= today and (p.ended_on is None or p.ended_on >= today)
    ]
    statuses = [holder_status(member, p.post, held, today) for p in current]
    return {
        "member": member,
        "clearances": clearances,
        "postings": postings,
        "statuses": statuses,
        "today": today,
        "declarations": member.declarations.all(),
        "reviews": member.aftercare.all(),
        "records": member.hr_records.all(),
        "grant_form": GrantForm(initial={"granted_on": today}),
    }


@allow(*VETTING)
@require_GET
def person(request: HttpRequest, staff_pk: int) -> HttpResponse:
    return render(request, "vetting/person.html", _person_context(_viewer(request), staff_pk))


@allow(*VETTING)
@require_POST
def grant(request: HttpRequest, staff_pk: int) -> HttpResponse:
    viewer = _viewer(request)
    context = _person_context(viewer, staff_pk)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            services.clearance_grant(actor=viewer, staff=context["member"], **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Clearance recorded.")
            return redirect("vetting:person", staff_pk=staff_pk)
    return render(request, "vetting/person.html", {**context, "grant_form": form}, status=400)


@allow(*VETTING)
@require_GET
def clearance(request: HttpRequest, clearance_pk: uuid.UUID) -> HttpResponse:
    item = selectors.clearance_detail(viewer=_viewer(request), clearance_pk=str(clearance_pk))
    return render(
        request,
        "vetting/clearance.html",
        {
            "clearance": item,
            "renew_form": RenewForm(initial={"granted_on": timezone.localdate()}),
            "withdraw_form": WithdrawForm(),
        },
    )


def _clearance_page(request: HttpRequest, item: Clearance, **forms: object) -> HttpResponse:
    context = {
        "clearance": item,
        "renew_form": RenewForm(),
        "withdraw_form": WithdrawForm(),
        **forms,
    }
    return render(request, "vetting/clearance.html", context, status=400)


@allow(*VETTING)
@require_POST
def renew(request: HttpRequest, clearance_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    item = selectors.clearance_detail(viewer=viewer, clearance_pk=str(clearance_pk))
    form = RenewForm(request.POST)
    if form.is_valid():
        try:
            new = services.clearance_renew(actor=viewer, clearance=item, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Renewal recorded: {new.get_level_display()} until {new.expires_on:%-d %B %Y}.",
            )
            return redirect("vetting:person", staff_pk=item.staff_id)
    return _clearance_page(request, item, renew_form=form)


@allow(*VETTING)
@require_POST
def withdraw(request: HttpRequest, clearance_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    item = selectors.clearance_detail(viewer=viewer, clearance_pk=str(clearance_pk))
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.clearance_withdraw(actor=viewer, clearance=item, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Clearance withdrawn.")
            return redirect("vetting:person", staff_pk=item.staff_id)
    return _clearance_page(request, item, withdraw_form=form)


# --- Aftercare ----------------------------------------------------------------


@allow(*VETTING)
@require_GET
def aftercare(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    reviews = selectors.aftercare_queue(viewer=viewer)
    return render(
        request,
        "vetting/aftercare.html",
        {
            "open": Paginator(reviews.filter(completed_at=None).order_by("due_on"), 50).get_page(
                request.GET.get("page")
            ),
            "done": reviews.exclude(completed_at=None).order_by("-completed_at")[:20],
            "selections": selectors.revetting_selections(viewer=viewer)[:10],
            "revetting_form": RevettingForm(),
        },
    )


@allow(*VETTING)
@require_POST
def aftercare_schedule(request: HttpRequest) -> HttpResponse:
    count = services.aftercare_annual_schedule(actor=_viewer(request), as_of=timezone.localdate())
    messages.success(request, f"{count} annual integrity reviews scheduled.")
    return redirect("vetting:aftercare")


@allow(*VETTING)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, review_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    item = selectors.aftercare_detail(viewer=viewer, review_pk=str(review_pk))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.aftercare_review_record(actor=viewer, review=item, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Review recorded.")
            return redirect("vetting:aftercare")
    status = 400 if request.method == "POST" else 200
    return render(request, "vetting/review.html", {"review": item, "form": form}, status=status)


@allow(*VETTING)
@require_POST
def revetting(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = RevettingForm(request.POST)
    if form.is_valid():
        try:
            selection = services.revetting_select(
                actor=viewer, as_of=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{selection.count} people selected for re-vetting.")
            return redirect("vetting:selection", selection_pk=selection.pk)
    else:
        messages.error(request, "Give how many people to select (1 to 1000).")
    return redirect("vetting:aftercare")


@allow(*VETTING)
@require_GET
def selection(request: HttpRequest, selection_pk: int) -> HttpResponse:
    item = selectors.revetting_selection_read(viewer=_viewer(request), selection_pk=selection_pk)
    redone = services.revetting_draw(item.seed, list(item.population), item.count)
    return render(
        request,
        "vetting/selection.html",
        {"selection": item, "reproduced": redone == item.selected},
    )


# --- Declarations -------------------------------------------------------------


@allow(Role.STAFF)
@require_http_methods(["GET", "POST"])
def my_declarations(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_submit(actor=viewer, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Declaration submitted to the vetting unit.")
            return redirect("vetting:my_declarations")
    return render(
        request,
        "vetting/my_declarations.html",
        {
            "declarations": selectors.own_declarations(viewer=viewer),
            "form": form,
            "linked": viewer_staff(viewer) is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


@allow(Role.STAFF)
@require_GET
def my_declaration(request: HttpRequest, declaration_pk: uuid.UUID) -> HttpResponse:
    item = selectors.own_declaration(viewer=_viewer(request), declaration_pk=str(declaration_pk))
    return render(request, "vetting/my_declaration.html", {"declaration": item})


@allow(*VETTING)
@require_GET
def declarations(request: HttpRequest) -> HttpResponse:
    items = selectors.declarations_for_review(viewer=_viewer(request))
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "vetting/declarations.html", {"page": page})


@allow(*VETTING)
@require_http_methods(["GET", "POST"])
def declaration(request: HttpRequest, declaration_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    item = selectors.declaration_detail(viewer=viewer, declaration_pk=str(declaration_pk))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_decide(actor=viewer, declaration=item, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("vetting:declarations")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "vetting/declaration.html", {"declaration": item, "form": form}, status=status
    )


# --- HR imports ---------------------------------------------------------------


@allow(*VETTING)
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = hr_file_import(
                actor=viewer,
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                content=upload.read(),
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.run.refused:
                messages.error(request, result.describe())
            else:
                messages.success(request, result.describe())
            return redirect("vetting:import_detail", run_pk=result.run.pk)
    runs = Paginator(selectors.hr_imports(viewer=viewer), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "vetting/imports.html",
        {
            "form": form,
            "runs": runs,
            "kinds": FILE_KINDS.values(),
            "lists": selectors.list_counts(viewer=viewer),
        },
        status=400 if request.method == "POST" else 200,
    )


@allow(*VETTING)
@require_GET
def import_detail(request: HttpRequest, run_pk: int) -> HttpResponse:
    viewer = _viewer(request)
    run = selectors.hr_import_detail(viewer=viewer, run_pk=run_pk)
    rejections, about_viewer = selectors.hr_import_rejections(viewer=viewer, run=run)
    return render(
        request,
        "vetting/import_detail.html",
        {
            "run": run,
            "rejections": rejections,
            "about_viewer": about_viewer,
            "list_refused": LIST_REFUSED,
        },
    )


# --- Transfers ----------------------------------------------------------------


def _transfers_page(request: HttpRequest, status: int = 200, **forms: object) -> HttpResponse:
    viewer = _viewer(request)
    context = {
        "packets": selectors.transfer_packets_listed(viewer=viewer)[:50],
        "incoming": selectors.transfers_register(viewer=viewer)[:50],
        "export_form": ExportForm(),
        "import_form": ImportPacketForm(),
        **forms,
    }
    return render(request, "vetting/transfers.html", context, status=status)


@allow(*VETTING)
@require_GET
def transfers_list(request: HttpRequest) -> HttpResponse:
    return _transfers_page(request)


@allow(*VETTING)
@require_POST
def transfer_export(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = ExportForm(request.POST)
    if form.is_valid():
        member = (
            selectors.staff_visible(viewer=viewer)
            .filter(staff_id=form.cleaned_data["staff_id"].strip())
            .first()
        )
        if member is None:
            form.add_error("staff_id", "No member of staff with that id.")
        else:
            try:
                packet = transfers.transfer_packet_export(
                    actor=viewer, staff=member, receiving_force=form.cleaned_data["receiving_force"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Transfer packet signed.")
                return redirect("vetting:packet", packet_pk=packet.pk)
    return _transfers_page(request, 400, export_form=form)


@allow(*VETTING)
@require_POST
def transfer_import(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = ImportPacketForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["packet"]
        try:
            incoming = transfers.transfer_packet_import(
                actor=viewer, file_name=upload.name, content=upload.read()
            )
        except PacketRefused as exc:
            form.add_error("packet", f"Packet refused: {exc}")
        else:
            messages.success(
                request, f"Packet from {incoming.issuing_force} verified and received."
            )
            return redirect("vetting:incoming", incoming_pk=incoming.pk)
    return _transfers_page(request, 400, import_form=form)


def _packet_context(document: dict[str, object]) -> dict[str, object]:
    return {
        "doc": document,
        "sections": [
            ("Performance", document.get("performance", [])),
            ("Sickness", document.get("sickness", [])),
            ("Complaints and misconduct", document.get("complaints", [])),
            ("Business interests", document.get("business_interests", [])),
            ("Notifiable associations", document.get("notifiable_associations", [])),
            ("Corruption intelligence", document.get("corruption_intelligence", [])),
            ("Vetting", document.get("vetting", [])),
        ],
    }


@allow(*VETTING)
@require_GET
def packet(request: HttpRequest, packet_pk: uuid.UUID) -> HttpResponse:
    item = selectors.transfer_packet_read(viewer=_viewer(request), packet_pk=str(packet_pk))
    return render(
        request,
        "vetting/packet.html",
        {"packet": item, **_packet_context(item.envelope["document"])},
    )


@allow(*VETTING)
@require_GET
def packet_json(request: HttpRequest, packet_pk: uuid.UUID) -> HttpResponse:
    item = selectors.transfer_packet_read(
        viewer=_viewer(request), packet_pk=str(packet_pk), disclosed_as="json"
    )
    response = HttpResponse(
        json.dumps(item.envelope, indent=1, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="transfer-packet-{item.pk}.json"'
    return response


@allow(*VETTING)
@require_GET
def packet_pdf(request: HttpRequest, packet_pk: uuid.UUID) -> HttpResponse:
    import weasyprint

    item = selectors.transfer_packet_read(
        viewer=_viewer(request), packet_pk=str(packet_pk), disclosed_as="pdf"
    )
    html = render_to_string(
        "vetting/packet_print.html", {"packet": item, **_packet_context(item.envelope["document"])}
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="transfer-packet-{item.pk}.pdf"'
    return response


@allow(*TRANSFER_READERS)
@require_GET
def incoming(request: HttpRequest, incoming_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    item = selectors.incoming_transfer_read(viewer=viewer, incoming_pk=str(incoming_pk))
    return render(
        request,
        "vetting/incoming.html",
        {
            "incoming": item,
            **_packet_context(item.document),
            "psd_form": PsdForm(),
            "is_psd": Role.HEAD_OF_PSD in viewer.roles,
        },
    )


@allow(Role.HEAD_OF_PSD)
@require_POST
def incoming_psd(request: HttpRequest, incoming_pk: uuid.UUID) -> HttpResponse:
    viewer = _viewer(request)
    item = selectors.incoming_transfer_read(viewer=viewer, incoming_pk=str(incoming_pk))
    form = PsdForm(request.POST)
    if form.is_valid():
        try:
            transfers.transfer_psd_record(
                actor=viewer, incoming=item, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Recorded.")
    else:
        messages.error(request, "Write what professional standards recorded or decided.")
    return redirect("vetting:incoming", incoming_pk=incoming_pk)


@allow(Role.HEAD_OF_PSD)
@require_GET
def psd(request: HttpRequest) -> HttpResponse:
    items = selectors.transfers_register(viewer=_viewer(request))
    return render(
        request,
        "vetting/psd.html",
        {
            "stopped": items.filter(appointment_status=AppointmentStatus.STOPPED),
            "check_required": items.filter(appointment_status=AppointmentStatus.CHECK_REQUIRED),
            "items": items[:100],
        },
    )
