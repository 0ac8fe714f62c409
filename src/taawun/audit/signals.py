"""Log-ins, log-outs and failed log-ins, from Django's auth signals (connected in AuditConfig.ready)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from taawun.audit.models import Action
from taawun.audit.services import append


def logged_in(sender, request, user, **kwargs) -> None:
    with transaction.atomic():
        append(action=Action.LOGIN, actor=user, request=request)


def logged_out(sender, request, user, **kwargs) -> None:
    if user is None:  # logging out when not logged in
        return
    with transaction.atomic():
        append(action=Action.LOGOUT, actor=user, request=request)


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """The name that was tried (Django has already masked the password in `credentials`)."""
    field = get_user_model().USERNAME_FIELD
    tried = str(credentials.get(field) or credentials.get("username") or "")
    with transaction.atomic():
        append(action=Action.LOGIN_FAILED, request=request, username=tried[:150])
