"""Signing in with a second factor, confirming identity again, and managing users."""

from __future__ import annotations

import base64
from functools import wraps
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

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


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrol an authenticator app: scan the code, type the six digits it shows."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET" and "restart" in request.GET:
        device = services.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            sessions.mark_reauthenticated(request.session)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_safe_next(request, reverse("web:home")))
        form.add_error("token", _("That code is not valid; check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {"form": form, "qr": _qr_data_uri(device.config_url), "secret": secret}
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
            return redirect(f"{reverse('accounts:reauth')}?next={request.get_full_path()}")
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


@administrator_required
def user_list(request):
    users = User.objects.order_by("username")
    return render(request, "accounts/user_list.html", {"users": users})


@administrator_required
@require_recent_authentication
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, password = services.user_create(form=form)
        return render(request, "accounts/user_created.html", {"new_user": user, "password": password})
    return render(request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200)


@administrator_required
@require_recent_authentication
@require_http_methods(["GET", "POST"])
def user_update(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    form = UserAccessForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        if target.pk == request.user.pk and (
            form.cleaned_data["role"] != User.Role.ADMINISTRATOR or not form.cleaned_data["is_active"]
        ):
            raise PermissionDenied  # an administrator cannot lock themselves out
        services.user_update_access(form=form)
        messages.success(request, _("Saved."))
        return redirect("accounts:user_list")
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "target": target},
        status=400 if form.errors else 200,
    )


@login_required
@require_recent_authentication
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = SetPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        from django.contrib.auth import update_session_auth_hash

        request.user.set_password(form.cleaned_data["password"])
        request.user.save(update_fields=["password"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("web:home")
    return render(
        request, "accounts/password_change.html", {"form": form}, status=400 if form.errors else 200
    )
