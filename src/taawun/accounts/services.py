"""Changing users: who may log in, with which role and clearance, and how they prove it.

Every change here writes its audit entry in the same transaction, with the old and new values
(passwords and second-factor secrets only as "changed"): who made whom an administrator, who was
given which clearance, whose second factor was replaced, is part of the record an auditor reads.
"""

from __future__ import annotations

import datetime as dt
import secrets

import django.dispatch
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawun.access.policy import can_manage_user, clearance_within
from taawun.accounts.models import User
from taawun.audit.models import Action
from taawun.audit.services import REDACTED, append, diff, snapshot

# Sent inside the transaction that deactivates a user, so that what the user holds elsewhere
# (their API tokens: taawun.api connects to it) is withdrawn with the same commit. A signal rather
# than an import because accounts sits below the apps that hand out such keys.
user_deactivated = django.dispatch.Signal()  # sender=User, user=..., actor=..., request=...

# Fields of a user that say who they are and what they may do; `password` is recorded as changed,
# never copied (see audit.services.REDACTED_FIELDS); the log-in time is not a change anyone made.
NOT_AUDITED = frozenset({"last_login"})


def generate_password() -> str:
    """A random first password that passes every password rule."""
    while True:
        candidate = secrets.token_urlsafe(14) + "-7a"
        try:
            validate_password(candidate)
        except ValidationError:  # rare: try another random candidate
            continue
        return candidate


def _user_snapshot(user: User) -> dict:
    values = snapshot(user)
    for name in NOT_AUDITED | {"groups", "user_permissions"}:
        values.pop(name, None)
    return values


def _refuse_unless_allowed(*, actor, target: User | None, clearance: str) -> None:
    """An administrator manages only users cleared no higher than themselves, grants no clearance
    above their own, and never raises their own (L5: otherwise one internal administrator makes
    themselves or a friend secret)."""
    if target is not None and not can_manage_user(actor, target):
        raise PermissionDenied
    if not clearance_within(actor, clearance):  # for their own account too: no raising oneself
        raise PermissionDenied


@transaction.atomic
def user_create(*, form, actor, request=None) -> tuple[User, str]:
    """Create a user from a validated form with a random first password, returned once."""
    _refuse_unless_allowed(actor=actor, target=None, clearance=form.cleaned_data["clearance"])
    user = form.save(commit=False)
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True  # shown to the administrator: its owner replaces it first
    user.save()
    append(
        action=Action.CREATE,
        actor=actor,
        request=request,
        record=user,
        changes={
            name: change
            for name, change in diff(None, _user_snapshot(user)).items()
            if change["new"] not in ("", None)
        },
    )
    return user, password


@transaction.atomic
def user_update_access(*, form, actor, request=None) -> User:
    """Role, clearance, names, e-mail and whether the account may log in; deactivating withdraws
    the user's API tokens too."""
    target = User.objects.select_for_update().get(pk=form.instance.pk)
    _refuse_unless_allowed(actor=actor, target=target, clearance=form.cleaned_data["clearance"])
    before = _user_snapshot(target)
    user = form.save()
    changes = diff(before, _user_snapshot(user))
    if changes:
        append(action=Action.UPDATE, actor=actor, request=request, record=user, changes=changes)
    if before["is_active"] and not user.is_active:
        user_deactivated.send(sender=User, user=user, actor=actor, request=request)
    return user


@transaction.atomic
def user_password_reset(*, target: User, actor, request=None) -> str:
    """A new random password for a user who lost theirs, returned once to the administrator."""
    target = User.objects.select_for_update().get(pk=target.pk)
    _refuse_unless_allowed(actor=actor, target=target, clearance=target.clearance)
    password = generate_password()
    _password_set(
        target,
        password,
        actor=actor,
        request=request,
        note="password reset by an administrator",
        temporary=True,
    )
    return password


@transaction.atomic
def user_password_change(*, user: User, password: str, request=None) -> User:
    """The user's own new password (validated by the form)."""
    _password_set(
        user, password, actor=user, request=request, note="password changed by its owner", temporary=False
    )
    return user


def _password_set(user: User, password: str, *, actor, request, note: str, temporary: bool) -> None:
    """Store the new password and audit that it changed (never what it was or is). A temporary one
    (chosen by an administrator) must be replaced by its owner at their next log-in."""
    user.set_password(password)
    user.must_change_password = temporary
    user.save(update_fields=["password", "must_change_password"])
    append(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        record=user,
        changes={"password": {"old": REDACTED, "new": REDACTED}},
        note=note,
    )


@transaction.atomic
def credential_revoke(credential, *, actor, request=None, note: str = ""):
    """Withdraw a key a user holds (an API token, a calendar feed address) at once, audited; returns
    it as stored. The row is locked first, so that two revocations at once write one entry; a
    revoked key is returned unchanged (it is kept for the record, never reactivated)."""
    locked = type(credential)._default_manager.select_for_update().get(pk=credential.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    append(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        record=locked,
        changes={"revoked_at": {"old": None, "new": locked.revoked_at.astimezone(dt.UTC).isoformat()}},
        note=note,
    )
    return locked


# --- the second factor ------------------------------------------------------------------------


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A fresh unconfirmed authenticator for the user (replacing any unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str, request=None) -> bool:
    """Confirm an enrolment with a code of the new authenticator; it replaces any earlier one.

    Whether the user may enrol at all (no confirmed device yet, or a session verified and
    re-authenticated with the current one) is the view's decision, taken before it gets here.
    """
    if not device.verify_token(token):
        return False
    user = device.user
    replaced = list(
        TOTPDevice.objects.filter(user=user, confirmed=True)
        .exclude(pk=device.pk)
        .values_list("pk", flat=True)
    )
    TOTPDevice.objects.filter(pk__in=replaced).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    append(
        action=Action.UPDATE,
        actor=user,
        request=request,
        record=user,
        changes={"second_factor": {"old": replaced or None, "new": [device.pk]}},
        note="second factor replaced" if replaced else "second factor enrolled",
    )
    return True


@transaction.atomic
def second_factor_reset(*, target: User, actor, request=None) -> int:
    """Remove a user's authenticators (a lost phone): they enrol a new one at their next log-in.

    Their open sessions lose their verification with the device (django-otp looks the device up on
    every request), so nothing they had opened with the old phone stays open. `actor` None is the
    operator at the server's command line (`taawun secondfactor reset`): the way back in for the last
    administrator who lost their phone."""
    target = User.objects.select_for_update().get(pk=target.pk)
    if actor is not None:
        _refuse_unless_allowed(actor=actor, target=target, clearance=target.clearance)
    removed = list(TOTPDevice.objects.filter(user=target).values_list("pk", flat=True))
    TOTPDevice.objects.filter(pk__in=removed).delete()
    append(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        record=target,
        changes={"second_factor": {"old": removed or None, "new": None}},
        note="second factor reset "
        + ("by an administrator" if actor is not None else "from the command line"),
    )
    return len(removed)
