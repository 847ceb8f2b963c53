"""Pages: the threat assessment (and its PDF), the control strategy, demand and capacity, time."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.intelligence.vocabulary import Category
from lantern.strategy import services
from lantern.strategy.demand import SOURCES, demand_compute
from lantern.strategy.documents import (
    threat_assessment_filename,
    threat_assessment_pdf,
)
from lantern.strategy.models import STRANDS, WorkActivity
from lantern.strategy.periods import complete_quarter_end
from lantern.strategy.selectors import (
    control_strategy_current,
    control_strategy_version,
    control_strategy_versions,
    demand_read,
    must_share,
    threat_assessment_export,
    threat_assessment_read,
    work_alert_for,
    work_log_own,
)
from lantern.strategy.threat import strategy_rows
from lantern.web.access import allow
from lantern.web.forms import GovukForm

HEAD = Role.HEAD_OF_PSD
YEARS = range(2000, 2101)


def _year(value: str | int | None, default: int) -> int:
    try:
        year = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        raise Http404("No such year.") from None
    if year not in YEARS:
        raise Http404("No such year.")
    return year


def _as_of(value: str | None, year: int) -> date:
    """The "as of" date: today, or the end of a past year, unless one is given; never after
    today (the selectors move it back further for figures shared outside the unit)."""
    today = timezone.localdate()
    if value:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise Http404("The date must be YYYY-MM-DD.") from None
    else:
        day = min(today, date(year, 12, 31))
    if day < date(year, 1, 1):
        raise Http404("The date is before the year of the assessment.")
    return min(day, today)


def _default_year(viewer: User | None) -> int:
    """This year; outside the unit, the year of the last complete quarter (31 March 2026 is
    the first date of 2026 that may be shared)."""
    today = timezone.localdate()
    return complete_quarter_end(today, today).year if must_share(viewer) else today.year


@allow(HEAD, Role.GOVERNANCE)
@require_GET
def threat_assessment(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    year = _year(request.GET.get("year"), _default_year(viewer))
    as_of = _as_of(request.GET.get("as_of"), year)
    ta = threat_assessment_read(
        viewer=viewer, year=year, as_of=as_of, shared=request.GET.get("shared") == "1"
    )
    head = HEAD in viewer.roles
    return render(
        request,
        "strategy/threat_assessment.html",
        {"ta": ta, "can_edit": head, "can_preview": head},
    )


@allow(HEAD, Role.GOVERNANCE)
@require_GET
def threat_assessment_download(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    year = _year(request.GET.get("year"), _default_year(None))
    as_of = _as_of(request.GET.get("as_of"), year)
    ta = threat_assessment_export(actor=viewer, year=year, as_of=as_of, form="pdf")
    response = HttpResponse(threat_assessment_pdf(ta), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{threat_assessment_filename(ta, "pdf")}"'
    )
    return response


def _field_name(theme: str, strand: str) -> str:
    return f"p__{theme}__{strand}"


@allow(HEAD)
@require_http_methods(["GET", "POST"])
def control_strategy_edit(request: HttpRequest, year: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    year = _year(year, year)
    current = control_strategy_current(viewer=viewer, year=year)
    errors: list[str] = []
    values: dict[str, dict[str, str]] = dict(current.priorities) if current else {}
    change_note = ""
    if request.method == "POST":
        values = {
            code: {key: request.POST.get(_field_name(code, key), "") for key, _ in STRANDS}
            for code in Category.values
        }
        change_note = request.POST.get("change_note", "")[:500]
        try:
            version = services.control_strategy_save(
                actor=viewer, year=year, priorities=values, change_note=change_note
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Control strategy {year} saved as version {version.number}.")
            return redirect("strategy:control_strategy_version", pk=version.pk)
    themes = [
        {"label": label, "strands": [
            {"name": _field_name(code, key), "label": name,
             "value": (values.get(code) or {}).get(key, "")}
            for key, name in STRANDS]}
        for code, label in Category.choices
    ]  # fmt: skip
    return render(
        request,
        "strategy/control_strategy_edit.html",
        {
            "year": year, "themes": themes, "errors": errors, "change_note": change_note,
            "current": current, "next_number": (current.number + 1) if current else 1,
        },
        status=400 if errors else 200,
    )  # fmt: skip


@allow(HEAD)
@require_GET
def control_strategy_versions_page(request: HttpRequest, year: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    year = _year(year, year)
    versions = control_strategy_versions(viewer=viewer, year=year)
    return render(
        request, "strategy/control_strategy_versions.html", {"year": year, "versions": versions}
    )


@allow(HEAD)
@require_GET
def control_strategy_version_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    version = control_strategy_version(viewer=viewer, pk=pk)
    return render(
        request,
        "strategy/control_strategy_version.html",
        {"version": version, "rows": strategy_rows(version)},
    )


@allow(HEAD)
@require_POST
def control_strategy_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    version = control_strategy_version(viewer=viewer, pk=pk)
    try:
        services.control_strategy_sign_off(actor=viewer, version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Version {version.number} signed off.")
    return redirect("strategy:control_strategy_version", pk=pk)


def _threshold(value: str | None) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if 0 < number < 1e6 else None


@allow(HEAD)
@require_GET
def demand(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    as_of = _as_of(request.GET.get("as_of"), today.year) if request.GET.get("as_of") else today
    chosen = _threshold(request.GET.get("threshold"))
    if request.GET.get("threshold") and chosen is None:
        messages.error(request, "Enter the threshold as a number above zero, like 7.5.")
    result = demand_read(viewer=viewer, as_of=as_of, chosen_threshold=chosen)
    return render(request, "strategy/demand.html", {"d": result, "sources": SOURCES})


@allow(HEAD)
@require_POST
def threshold_set(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    chosen = _threshold(request.POST.get("threshold"))
    if chosen is None:
        messages.error(request, "Enter the threshold as a number above zero, like 7.5.")
        return redirect("strategy:demand")
    figures = demand_compute(as_of=timezone.localdate(), chosen_threshold=chosen)
    model, row = figures.score_model, figures.chosen
    if model is None or row is None:
        messages.error(request, "The latest run has no score distribution to decide on.")
        return redirect("strategy:demand")
    try:
        services.staffing_threshold_set(
            actor=viewer, threshold=chosen, engine_threshold=model.threshold,
            scan_run=model.run,
            weekly_volume=row.weekly_volume, analysts_needed=row.analysts,
            expected_findings=row.expected_findings,
            rationale=request.POST.get("rationale", "")[:2000],
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Recorded: the unit will staff to a threshold of {chosen:g}.")
    return redirect("strategy:demand")


class WorkForm(GovukForm):
    alert_id = forms.CharField(label="Alert id", max_length=128, help_text="As on the alert page.")
    activity = forms.ChoiceField(label="What you did", choices=WorkActivity.choices)
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=services.WORK_MAX_MINUTES)
    worked_on = forms.DateField(label="Day (YYYY-MM-DD)")
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)


@allow(Role.ANALYST, HEAD)
@require_http_methods(["GET", "POST"])
def work(request: HttpRequest) -> HttpResponse:
    viewer: User = request.user  # type: ignore[assignment]
    initial = {"worked_on": timezone.localdate(), "alert_id": request.GET.get("alert", "")[:128]}
    form = WorkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        alert = work_alert_for(viewer=viewer, alert_id=data["alert_id"])
        if alert is None:
            form.add_error("alert_id", "No alert you can see has that id.")
        else:
            try:
                services.work_log_record(
                    actor=viewer, alert=alert, activity=data["activity"],
                    minutes=data["minutes"], worked_on=data["worked_on"], note=data["note"],
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"{data['minutes']} minutes recorded on {alert}.")
                return redirect("strategy:work")
    return render(
        request,
        "strategy/work.html",
        {"form": form, "entries": work_log_own(viewer=viewer)},
        status=400 if request.method == "POST" else 200,
    )
