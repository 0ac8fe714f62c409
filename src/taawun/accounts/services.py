"""Changing users: who may log in, with which role and clearance."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawun.accounts.models import User


def generate_password() -> str:
    """A random first password that passes every password rule."""
    while True:
        candidate = secrets.token_urlsafe(14) + "-7a"
        try:
            validate_password(candidate)
        except ValidationError:  # rare: try another random candidate
            continue
        return candidate


@transaction.atomic
def user_create(*, form) -> tuple[User, str]:
    """Create a user from a validated form with a random first password, returned once."""
    user = form.save(commit=False)
    password = generate_password()
    user.set_password(password)
    user.save()
    return user, password


@transaction.atomic
def user_update_access(*, form) -> User:
    return form.save()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A fresh unconfirmed authenticator for the user (replacing any unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True
