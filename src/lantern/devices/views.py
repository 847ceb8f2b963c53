"""Encrypted-apps review pages: reviews and their import, a review's report, the catalogue."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.selectors import revealed_staff_ids
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.devices import selectors, services
from lantern.devices.vocabulary import Platform, RiskClass
from lantern.web.access import allow
from lantern.web.forms import GovukForm

REVIEWERS = (Role.ANALYST, Role.HEAD_OF_PSD)
MAX_INVENTORY_BYTES = 20 * 1024 * 1024


class InventoryForm(GovukForm):
    inventory = forms.FileField(
        label="MDM app inventory (CSV)",
        help_text="Columns: device_id, holder_staff_id, app_id, app_name, app_version, "
        "installed_on (YYYY-MM-DD).",
    )
    review_date = forms.DateField(label="Review date (YYYY-MM-DD)")


class CatalogueForm(GovukForm):
    app_id = forms.CharField(label="Package or bundle identifier", max_length=200)
    name = forms.CharField(label="App name", max_length=120)
    platform = forms.ChoiceField(label="Platform", choices=Platform.choices)
    risk_class = forms.ChoiceField(label="Risk class", choices=RiskClass.choices)
    notes = forms.CharField(label="Notes", required=False, max_length=1000,
                            widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    reason = forms.CharField(label="Why this change", max_length=300)


@allow(*REVIEWERS)
@require_http_methods(["GET", "POST"])
def reviews(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    listed = selectors.reviews_list(viewer=viewer)
    form = InventoryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["inventory"]
        try:
            if upload.size > MAX_INVENTORY_BYTES:
                raise services.InventoryFileError(f"{upload.name}: larger than 20 MB")
            text = upload.read().decode("utf-8")
            review = services.device_inventory_import(
                actor=viewer, source_name=upload.name, text=text,
                review_date=form.cleaned_data["review_date"],
            )  # fmt: skip
        except UnicodeDecodeError:
            form.add_error("inventory", f"{upload.name}: not UTF-8 text.")
        except services.InventoryFileError as exc:
            form.add_error("inventory", str(exc))
        else:
            messages.success(
                request,
                f"Imported {review.rows_read} rows: {review.rows_accepted} accepted, "
                f"{review.rows_rejected} rejected; {review.holders_unmatched} holders "
                "not in the staff directory.",
            )
            return redirect("devices:review", review_pk=review.pk)
    audit_append(actor=viewer, event="devices.reviews_listed",
                 category=AuditCategory.CONSULTATION, object_type="device_reviews")  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "devices/reviews.html", {"reviews": listed, "form": form}, status=status)


@allow(*REVIEWERS)
@require_GET
def review(request: HttpRequest, review_pk: uuid.UUID) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    report = selectors.review_report(viewer=viewer, review_pk=str(review_pk))
    context = {"report": report, "revealed": revealed_staff_ids(viewer=viewer)}
    return render(request, "devices/review.html", context)


@allow(*REVIEWERS)
@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    entries = selectors.catalogue_list(viewer=viewer)
    initial = {k: request.GET[k] for k in ("app_id", "name") if k in request.GET}
    form = CatalogueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if entries.filter(app_id=form.cleaned_data["app_id"].strip()).exists():
            form.add_error("app_id", "Already in the catalogue: change its entry instead.")
        else:
            try:
                entry = services.catalogue_entry_save(actor=viewer, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"{entry.name} added to the catalogue.")
                return redirect("devices:catalogue")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "devices/catalogue.html", {"entries": entries, "form": form}, status=status
    )


@allow(*REVIEWERS)
@require_http_methods(["GET", "POST"])
def catalogue_entry(request: HttpRequest, entry_pk: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    entry = selectors.catalogue_entry_detail(viewer=viewer, entry_pk=entry_pk)
    form = CatalogueForm(
        request.POST or None,
        initial={"app_id": entry.app_id, "name": entry.name, "platform": entry.platform,
                 "risk_class": entry.risk_class, "notes": entry.notes},
    )  # fmt: skip
    form.fields["app_id"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.catalogue_entry_save(actor=viewer, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{entry.app_id}: catalogue entry changed.")
            return redirect("devices:catalogue_entry", entry_pk=entry.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "entry": entry,
        "form": form,
        "versions": entry.versions.select_related("changed_by"),
    }
    return render(request, "devices/catalogue_entry.html", context, status=status)
