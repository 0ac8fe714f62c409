"""Session limits and the second factor, enforced on every request."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from taawun.access.policy import requires_second_factor
from taawun.accounts import sessions

# Pages a signed-in user can reach before completing the second factor.
SECOND_FACTOR_EXEMPT = {
    "accounts:otp_setup",
    "accounts:otp_verify",
    "accounts:logout",
    "set_language",
    "schedule:feed",  # read by calendar apps with its own token, never with a session
}


class SessionLimitsMiddleware:
    """Ends a session past its absolute lifetime, and keeps an active one alive (the idle limit is
    the session's age since its last save)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and sessions.is_expired(request.session):
            logout(request)
            messages.info(request, _("Your session has ended; please log in again."))
            return redirect("accounts:login")
        if request.user.is_authenticated:
            sessions.keep_alive(request.session)
        return self.get_response(request)


# Pages a user with a temporary password can reach before choosing their own.
PASSWORD_CHANGE_EXEMPT = SECOND_FACTOR_EXEMPT | {"accounts:password_change", "accounts:reauth"}


def _exempt(request, names: set[str]) -> bool:
    if request.path.startswith(("/static/", "/media/")):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:  # an unknown URL: let the view layer answer 404
        return True
    return match.view_name in names


class SecondFactorMiddleware:
    """Officers, administrators and readers of restricted or higher records must pass TOTP
    verification before using the system (taawun.access.policy.requires_second_factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            requires_second_factor(user)
            and not user.is_verified()
            and not _exempt(request, SECOND_FACTOR_EXEMPT)
        ):
            target = "accounts:otp_verify" if user_has_device(user) else "accounts:otp_setup"
            # Back to the page first asked for once the code is given (the code view checks `next`).
            return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class PasswordChangeMiddleware:
    """A user whose password an administrator chose or saw (a new account, a reset, the first
    administrator) chooses their own before anything else: every other page leads to the password
    page (after the second factor, which comes first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if getattr(user, "must_change_password", False) and not _exempt(request, PASSWORD_CHANGE_EXEMPT):
            return redirect(f"{reverse('accounts:password_change')}?next={quote(request.get_full_path())}")
        return self.get_response(request)
