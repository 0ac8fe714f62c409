"""The people tests act as: each persona is the set of attributes its user is created with.

Add a new persona (viewer, auditor, outsider, low clearance, ...) to PERSONAS, then a `<persona>`
and a `<persona>_client` fixture in tests/conftest.py, built with make_user() and logged_in().
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

# The username is the persona's name.
PERSONAS: dict[str, dict] = {
    "administrator": {"role": "administrator", "clearance": "secret", "first_name": "Administrator"},
    "officer": {"role": "officer", "clearance": "secret", "first_name": "Officer"},
    "viewer": {"role": "viewer", "clearance": "internal", "first_name": "Viewer"},
    "auditor": {"role": "auditor", "clearance": "internal", "first_name": "Auditor"},
    # An officer cleared for public records only.
    "low_clearance": {"role": "officer", "clearance": "public", "first_name": "Low"},
}


def make_user(django_user_model, persona: str, **fields):
    """A user of the persona; fields the user model does not have (yet) are left out."""
    known = {f.name for f in django_user_model._meta.get_fields()}
    attributes = {k: v for k, v in {**PERSONAS[persona], **fields}.items() if k in known}
    return django_user_model.objects.create_user(
        username=persona, password="a long test password 1", **attributes
    )


def logged_in(user, *, second_factor: bool = True) -> Client:
    """A client logged in as the user; with second_factor, also past the TOTP check (when installed)."""
    client = Client()
    client.force_login(user)
    if second_factor and apps.is_installed("django_otp.plugins.otp_totp"):
        # Imported here: the TOTP models load only when their app is installed.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def cleared_officer():
    """The officer persona (created once per test), for a form test that needs a user to offer
    record choices to: forms list and accept only the records their user may see."""
    user_model = get_user_model()
    return user_model.objects.filter(username="officer").first() or make_user(user_model, "officer")
