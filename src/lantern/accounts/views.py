"""Sign-in with two factors, sign-out, and account administration."""

from __future__ import annotations

import base64
import uuid
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts import services
from lantern.accounts.forms import (
    AccountCreateForm,
    CodeForm,
    EnrolForm,
    ReasonForm,
    RolesForm,
    SignInForm,
    StaffLinkForm,
)
from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.accounts.selectors import account_for_admin, accounts_for_admin
from lantern.web.access import allow, public, signing_in

NEXT_KEY = "lantern_next"
CODES_KEY = "lantern_recovery_codes"
ENROL_DEVICE_KEY = "lantern_enrol_device"


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}):
        return candidate
    return None


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():
        return redirect("web:home")
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = services.sign_in_password_check(
                username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
            if result.outcome is services.SignInOutcome.ACCEPTED and result.user is not None:
                next_url = _safe_next(request, request.GET.get("next"))
                login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
                if next_url:
                    request.session[NEXT_KEY] = next_url
                return redirect("accounts:second_factor")
            form.add_error(None, _refusal_text(result.outcome))
            status = 403 if result.outcome is services.SignInOutcome.LOCKED else 400
    context = {"form": form, "expired": "expired" in request.GET}
    return render(request, "accounts/sign_in.html", context, status=status)


def _refusal_text(outcome: services.SignInOutcome) -> str:
    if outcome is services.SignInOutcome.LOCKED:
        return (
            "This account is locked after too many failed attempts. Try again later "
            "or ask your system administrator to unlock it."
        )
    return "The username or password is not right."


@signing_in
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.is_verified():
        return redirect("web:home")
    if not services.second_factor_enrolled(user):
        return redirect("accounts:enrol")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            device = services.second_factor_verify(user=user, token=form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return redirect(request.session.pop(NEXT_KEY, None) or "web:home")
            user.refresh_from_db()
            if user.is_locked():
                logout(request)
                messages.error(request, _refusal_text(services.SignInOutcome.LOCKED))
                return redirect("accounts:sign_in")
            form.add_error("code", "That code is not right, or it has already been used.")
    return render(request, "accounts/second_factor.html", {"form": form}, status=status)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


def _enrolment_device(request: HttpRequest, user: User) -> TOTPDevice:
    device_id = request.session.get(ENROL_DEVICE_KEY)
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = services.second_factor_enrolment_start(user=user)
        request.session[ENROL_DEVICE_KEY] = device.pk
    return device


@signing_in
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if services.second_factor_enrolled(user):
        return redirect("accounts:second_factor")
    device = _enrolment_device(request, user)
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            codes = services.second_factor_enrolment_confirm(
                user=user, device=device, token=form.cleaned_data["code"]
            )
            if codes is not None:
                otp_login(request, device)
                request.session.pop(ENROL_DEVICE_KEY, None)
                request.session[CODES_KEY] = codes
                return redirect("accounts:recovery_codes")
            user.refresh_from_db()
            if user.is_locked():
                logout(request)
                messages.error(request, _refusal_text(services.SignInOutcome.LOCKED))
                return redirect("accounts:sign_in")
            form.add_error(
                "code", "That code is not right. Check the time on your phone and try again."
            )
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {"form": form, "qr_svg": _qr_svg(device.config_url), "secret": secret}
    return render(request, "accounts/enrol.html", context, status=status)


@signing_in
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shown once, straight after enrolment; never again."""
    codes = request.session.pop(CODES_KEY, None)
    if not codes:
        return redirect("web:home")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@signing_in
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    services.sign_out_record(user=request.user)  # type: ignore[arg-type]
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:sign_in")


# --- Account administration -------------------------------------------------


@allow(Role.SYSTEM_ADMIN)
def admin_list(request: HttpRequest) -> HttpResponse:
    rows = accounts_for_admin(viewer=request.user)  # type: ignore[arg-type]
    return render(request, "accounts/admin_list.html", {"rows": rows})


@allow(Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def admin_create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = services.random_password()
        try:
            user = services.account_create(
                actor=request.user,  # type: ignore[arg-type]
                username=form.cleaned_data["username"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                roles=frozenset(Role(r) for r in form.cleaned_data["roles"]),
                password=password,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "accounts/admin_created.html", {"account": user, "password": password}
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/admin_create.html", {"form": form}, status=status)


ADMIN_ACTIONS = {"roles", "unlock", "reset_second_factor", "deactivate", "reactivate"}


@allow(Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def admin_detail(request: HttpRequest, user_id: uuid.UUID) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    row = account_for_admin(viewer=actor, user_id=str(user_id))
    action = request.POST.get("action", "")
    roles_form = RolesForm(
        request.POST if action == "roles" else None, initial={"roles": row.roles}
    )
    reason_form = ReasonForm(request.POST if action in ADMIN_ACTIONS - {"roles"} else None)
    link_form = StaffLinkForm(
        request.POST if action == "link" else None,
        initial={"staff_id": row.staff.staff_id if row.staff else ""},
    )
    if request.method == "POST" and action == "link":
        if link_form.is_valid():
            try:
                services.account_staff_link(
                    actor=actor,
                    user=row.user,
                    staff_id=link_form.cleaned_data["staff_id"].strip(),
                    reason=link_form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                link_form.add_error("staff_id", exc)
            else:
                messages.success(request, "Staff record link saved.")
                return redirect("accounts:admin_detail", user_id=user_id)
    elif request.method == "POST":
        done = _admin_apply(action, actor, row.user, roles_form, reason_form)
        if done:
            messages.success(request, done)
            return redirect("accounts:admin_detail", user_id=user_id)
    context = {
        "row": row,
        "roles_form": roles_form,
        "reason_form": reason_form,
        "link_form": link_form,
    }
    return render(
        request,
        "accounts/admin_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _admin_apply(
    action: str, actor: User, user: User, roles_form: RolesForm, reason_form: ReasonForm
) -> str | None:
    if action == "roles" and roles_form.is_valid():
        roles = frozenset(Role(r) for r in roles_form.cleaned_data["roles"])
        services.account_roles_update(
            actor=actor, user=user, roles=roles, reason=roles_form.cleaned_data["reason"]
        )
        return "Roles updated."
    if action not in ADMIN_ACTIONS - {"roles"} or not reason_form.is_valid():
        return None
    reason = reason_form.cleaned_data["reason"]
    if action == "unlock":
        services.account_unlock(actor=actor, user=user, reason=reason)
        return "Account unlocked."
    if action == "reset_second_factor":
        services.account_second_factor_reset(actor=actor, user=user, reason=reason)
        return "Two-factor sign-in reset: the user enrols again at their next sign-in."
    services.account_active_set(
        actor=actor, user=user, active=action == "reactivate", reason=reason
    )
    return "Account reactivated." if action == "reactivate" else "Account deactivated."
