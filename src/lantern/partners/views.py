"""The partner-agency register (handlers, head of PSD) and partners' own concerns."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.partners import selectors, services
from lantern.partners.forms import AgreementForm, EngagementForm, MemberLinkForm, OrganisationForm
from lantern.partners.models import EngagementKind, Membership, Organisation, OrganisationKind
from lantern.reporting.crypto import line_key_configured
from lantern.reporting.forms import PartnerConcernForm, ReplyForm
from lantern.reporting.models import Report
from lantern.reporting.uploads import uploads_in_memory
from lantern.web.access import allow

REGISTER = services.REGISTER_ROLES
PARTNER = Role.PARTNER


def _viewer(request: HttpRequest) -> User:
    """The signed-in user (the access rule has already refused anyone else)."""
    return cast(User, request.user)


@allow(*REGISTER)
def register(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_register(viewer=_viewer(request))
    return render(request, "partners/register.html", {"organisations": organisations})


@allow(*REGISTER)
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = services.organisation_create(
            actor=_viewer(request),
            name=data["name"],
            kind=OrganisationKind(data["kind"]),
            area=data["area"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
        messages.success(request, f"{organisation.name} added to the register.")
        return redirect("partners:organisation", organisation_id=organisation.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "partners/organisation_form.html",
        {"form": form, "title": "Add an organisation"},
        status=status,
    )


@allow(*REGISTER)
def organisation_edit(request: HttpRequest, organisation_id: object) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    initial = {
        f: getattr(organisation, f)
        for f in (
            "name",
            "kind",
            "area",
            "contact_name",
            "contact_email",
            "contact_phone",
            "active",
        )
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            actor=_viewer(request), organisation=organisation, **form.cleaned_data
        )
        messages.success(request, "Organisation updated.")
        return redirect("partners:organisation", organisation_id=organisation.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "title": f"Change {organisation.name}", "organisation": organisation}
    return render(request, "partners/organisation_form.html", context, status=status)


@allow(*REGISTER)
def organisation_detail(request: HttpRequest, organisation_id: object) -> HttpResponse:
    detail = selectors.organisation_for_register(
        viewer=_viewer(request), organisation_id=organisation_id
    )
    link_form = MemberLinkForm(users=detail.partner_users_unlinked)
    return render(request, "partners/organisation.html", {"detail": detail, "link_form": link_form})


@allow(*REGISTER)
def agreement_new(request: HttpRequest, organisation_id: object) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_add(
                actor=_viewer(request), organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error("ends_on", exc)
        else:
            messages.success(request, "Agreement recorded.")
            return redirect("partners:organisation", organisation_id=organisation.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "organisation": organisation, "title": "Record an agreement"}
    return render(request, "partners/entry_form.html", context, status=status)


@allow(*REGISTER)
def engagement_new(request: HttpRequest, organisation_id: object) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    form = EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.engagement_record(
            actor=_viewer(request),
            organisation=organisation,
            kind=EngagementKind(data["kind"]),
            occurred_on=data["occurred_on"],
            summary=data["summary"],
        )
        messages.success(request, "Engagement recorded.")
        return redirect("partners:organisation", organisation_id=organisation.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "organisation": organisation, "title": "Record an engagement"}
    return render(request, "partners/entry_form.html", context, status=status)


@allow(*REGISTER)
@require_POST
def member_link(request: HttpRequest, organisation_id: object) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    candidates = list(selectors.partner_users_unlinked())
    form = MemberLinkForm(request.POST, users=candidates)
    if form.is_valid():
        user = get_object_or_404(User, pk=form.cleaned_data["user"])
        services.membership_link(actor=_viewer(request), organisation=organisation, user=user)
        messages.success(
            request, f"{user.get_full_name() or user.username} linked to {organisation.name}."
        )
    else:
        messages.error(request, "Choose a partner-agency user to link.")
    return redirect("partners:organisation", organisation_id=organisation.pk)


# --- Partner-agency users: their own concerns only ----------------------------------


@allow(PARTNER)
def concerns(request: HttpRequest) -> HttpResponse:
    rows = selectors.concerns_for_partner(viewer=_viewer(request))
    membership = (
        Membership.objects.filter(user=_viewer(request)).select_related("organisation").first()
    )
    return render(request, "partners/concerns.html", {"rows": rows, "membership": membership})


def _too_large(request: HttpRequest) -> HttpResponse:
    messages.error(
        request, "What you sent was too large, so nothing was saved. Send fewer or smaller files."
    )
    return redirect("partners:concerns")


@allow(PARTNER)
@uploads_in_memory(_too_large)
def concern_new(request: HttpRequest) -> HttpResponse:
    membership = (
        Membership.objects.filter(user=_viewer(request)).select_related("organisation").first()
    )
    if membership is None or not membership.organisation.active or not line_key_configured():
        return render(request, "partners/concern_unavailable.html", {"membership": membership})
    form = PartnerConcernForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        contact = form.contact()
        report = services.partner_concern_submit(
            actor=_viewer(request),
            content=form.content(),
            risk_now=form.cleaned_data["risk_now"],
            contact=None if contact.is_empty() else contact,
            attachments=form.cleaned_data["attachments"],
        )
        messages.success(request, f"Concern {report.reference} sent to the reporting line team.")
        return redirect("partners:concern", report_id=report.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "partners/concern_form.html",
        {"form": form, "membership": membership},
        status=status,
    )


@allow(PARTNER)
def concern_detail(request: HttpRequest, report_id: object) -> HttpResponse:
    view = selectors.concern_for_partner(viewer=_viewer(request), report_id=report_id)
    return render(request, "partners/concern.html", {"view": view, "reply_form": ReplyForm()})


@allow(PARTNER)
@require_POST
@uploads_in_memory(_too_large)
def concern_reply(request: HttpRequest, report_id: object) -> HttpResponse:
    report = get_object_or_404(Report, pk=report_id, submitted_by=_viewer(request))
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.partner_concern_reply(
                actor=_viewer(request),
                report=report,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError:
            messages.error(
                request, "This concern is closed; send a new one if something has changed."
            )
        else:
            messages.success(request, "Sent to the reporting line team.")
        return redirect("partners:concern", report_id=report.pk)
    view = selectors.concern_for_partner(viewer=_viewer(request), report_id=report_id)
    return render(request, "partners/concern.html", {"view": view, "reply_form": form}, status=400)
