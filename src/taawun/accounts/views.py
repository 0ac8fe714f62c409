"""Signing in with a second factor, confirming identity again, and managing users."""

from __future__ import annotations

import base64
from functools import wraps
from io import BytesIO
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawun.access.policy import can_manage_user
from taawun.accounts import services, sessions
from taawun.accounts.forms import ReauthForm, SetPasswordForm, TokenForm, UserAccessForm, UserCreateForm
from taawun.accounts.models import User


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _qr_data_uri(text: str) -> str:
    """The otpauth URI as an SVG QR code in a data: URI (no inline markup, so CSP stays strict)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _enrolment_refused(request):
    """Where to send a user who may not enrol an authenticator now, or None if they may.

    A user who has none enrols with their password (their administrator gave it to them). A user who
    has one replaces it only from a session verified with it and confirmed again with the password
    and its current code: otherwise a stolen password alone would swap in the thief's phone.
    """
    if not services.has_confirmed_device(request.user):
        return None
    here = quote(request.get_full_path())
    if not request.user.is_verified():
        return redirect(f"{reverse('accounts:otp_verify')}?next={here}")
    if not sessions.recently_authenticated(request.session):
        return redirect(f"{reverse('accounts:reauth')}?next={here}")
    return None


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrol an authenticator app: scan the code, type the six digits it shows.

    Enrolling verifies this session with the new device; it never counts as confirming one's
    identity again (sessions.mark_reauthenticated) for the pages that ask for that."""
    refused = _enrolment_refused(request)
    if refused is not None:
        return refused
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET" and "restart" in request.GET:
        device = services.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["token"], request=request):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_safe_next(request, reverse("web:home")))
        form.add_error("token", _("That code is not valid; check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret": secret,
        "replacing": services.has_confirmed_device(request.user),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    if not user_has_device(request.user):
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request, reverse("web:home")))
        form.add_error("token", _("That code is not valid."))
    return render(request, "accounts/otp_verify.html", {"form": form}, status=400 if form.errors else 200)


def require_recent_authentication(view):
    """Sensitive changes ask for the password (and code) again when the last proof is old."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sessions.recently_authenticated(request.session):
            return redirect(f"{reverse('accounts:reauth')}?next={quote(request.get_full_path())}")
        return view(request, *args, **kwargs)

    return wrapped


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request):
    form = ReauthForm(request.POST or None)
    needs_token = user_has_device(request.user)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        )
        token_ok = not needs_token or match_token(request.user, form.cleaned_data["token"] or "") is not None
        if user is not None and user.pk == request.user.pk and token_ok:
            sessions.mark_reauthenticated(request.session)
            return redirect(_safe_next(request, reverse("web:home")))
        form.add_error(None, _("The password or the code is not right."))
    return render(
        request,
        "accounts/reauth.html",
        {"form": form, "needs_token": needs_token},
        status=400 if form.errors else 200,
    )


def administrator_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if request.user.role != User.Role.ADMINISTRATOR or not request.user.is_active:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _managed_user(request, pk: int) -> User:
    """The user an administrator asks to change: 404 for a user cleared above them (as if absent)."""
    target = get_object_or_404(User, pk=pk)
    if not can_manage_user(request.user, target):
        raise Http404
    return target


@administrator_required
def user_list(request):
    users = User.objects.order_by("username")
    rows = [(user, can_manage_user(request.user, user)) for user in users]
    return render(request, "accounts/user_list.html", {"rows": rows})


@administrator_required
@require_recent_authentication
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        user, password = services.user_create(form=form, actor=request.user, request=request)
        return render(request, "accounts/user_created.html", {"new_user": user, "password": password})
    return render(request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200)


@administrator_required
@require_recent_authentication
@require_http_methods(["GET", "POST"])
def user_update(request, pk: int):
    target = _managed_user(request, pk)
    form = UserAccessForm(request.POST or None, instance=target, actor=request.user)
    if request.method == "POST" and form.is_valid():
        if target.pk == request.user.pk and (
            form.cleaned_data["role"] != User.Role.ADMINISTRATOR or not form.cleaned_data["is_active"]
        ):
            raise PermissionDenied  # an administrator cannot lock themselves out
        services.user_update_access(form=form, actor=request.user, request=request)
        messages.success(request, _("Saved."))
        return redirect("accounts:user_list")
    context = {"form": form, "target": target, "has_device": services.has_confirmed_device(target)}
    return render(request, "accounts/user_form.html", context, status=400 if form.errors else 200)


@administrator_required
@require_recent_authentication
@require_POST
def user_password_reset(request, pk: int):
    """A new first password for a user who lost theirs, shown once to the administrator."""
    target = _managed_user(request, pk)
    password = services.user_password_reset(target=target, actor=request.user, request=request)
    response = render(
        request, "accounts/user_created.html", {"new_user": target, "password": password, "reset": True}
    )
    response["Cache-Control"] = "no-store"
    return response


@administrator_required
@require_recent_authentication
@require_POST
def user_second_factor_reset(request, pk: int):
    """A lost phone: the user's authenticators are removed; they enrol a new one at next log-in."""
    target = _managed_user(request, pk)
    services.second_factor_reset(target=target, actor=request.user, request=request)
    messages.success(
        request,
        _("The second factor of %(username)s is reset: they enrol a new authenticator at their next log-in.")
        % {"username": target.username},
    )
    return redirect("accounts:user_update", pk=target.pk)


@login_required
@require_recent_authentication
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = SetPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_password_change(
            user=request.user, password=form.cleaned_data["password"], request=request
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect(_safe_next(request, reverse("web:home")))
    context = {
        "form": form,
        "has_device": services.has_confirmed_device(request.user),
        "temporary": request.user.must_change_password,
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/password_change.html", context, status=400 if form.errors else 200)
