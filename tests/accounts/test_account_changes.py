"""The second factor cannot be replaced with a password alone, and every change to an account is
audited with its old and new values (issue 16: C1, H4, L5, L8, M11 and the auditors' second factor)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawun.accounts import sessions
from taawun.api.models import ApiToken
from taawun.api.services import api_token_create, api_token_user
from taawun.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Long-enough pass 42"


def token_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def make(django_user_model):
    def _make(username: str, role: str, clearance: str = "secret"):
        return django_user_model.objects.create_user(
            username=username, password=PASSWORD, role=role, clearance=clearance
        )

    return _make


def log_in(client: Client, username: str, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD}, **extra)


def verified(make, username="amal", role="administrator", clearance="secret"):
    """A client past password and code, with the user's authenticator."""
    user = make(username, role, clearance)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    log_in(client, username)
    assert client.post(reverse("accounts:otp_verify"), {"token": token_for(device)}).status_code == 302
    return client, user, device


def entries_about(user, **filters):
    return AuditEntry.objects.filter(model_label="accounts.user", object_pk=str(user.pk), **filters)


# --- C1: a password alone never replaces the authenticator ------------------------------------


def test_a_password_alone_cannot_open_enrolment_over_an_existing_authenticator(make):
    admin = make("amal", "administrator", clearance="internal")
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client = Client()
    log_in(client, "amal")
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert not TOTPDevice.objects.filter(user=admin, confirmed=False).exists()  # no new secret shown


def test_confirming_a_code_of_a_thiefs_secret_changes_nothing(make):
    """The attack as found: start an enrolment, confirm a code of the new secret, raise oneself."""
    admin = make("amal", "administrator", clearance="internal")
    real = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    thief = TOTPDevice.objects.create(user=admin, name="authenticator", confirmed=False)
    client = Client()
    log_in(client, "amal")
    response = client.post(reverse("accounts:otp_setup"), {"token": token_for(thief)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_verify"))
    assert TOTPDevice.objects.filter(pk=real.pk, confirmed=True).exists()
    assert not TOTPDevice.objects.get(pk=thief.pk).confirmed
    # Still not verified: user management stays closed.
    edit = client.get(reverse("accounts:user_update", args=[admin.pk]))
    assert edit.status_code == 302 and edit["Location"].startswith(reverse("accounts:otp_verify"))


def test_replacing_the_authenticator_asks_for_the_password_and_the_current_code(make):
    client, admin, old = verified(make)
    session = client.session
    session[sessions.REAUTH_AT] = int(time.time()) - 3600
    session.save()
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:reauth"))
    confirmed = client.post(
        reverse("accounts:reauth"),
        {"password": PASSWORD, "token": token_for(old, steps_ahead=1), "next": reverse("accounts:otp_setup")},
    )
    assert confirmed["Location"] == reverse("accounts:otp_setup")
    assert client.get(reverse("accounts:otp_setup")).status_code == 200
    new = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post(reverse("accounts:otp_setup"), {"token": token_for(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=admin).values_list("pk", flat=True)) == [new.pk]
    entry = entries_about(admin, note="second factor replaced").get()
    assert entry.changes == {"second_factor": {"old": [old.pk], "new": [new.pk]}}
    assert entry.username == "amal"


def test_enrolling_never_counts_as_confirming_identity_again(make):
    """The first enrolment verifies the session; the pages that ask for the password again still do."""
    admin = make("amal", "administrator")
    client = Client()
    log_in(client, "amal")
    session = client.session
    session[sessions.REAUTH_AT] = int(time.time()) - 3600
    session.save()
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=admin)
    assert client.post(reverse("accounts:otp_setup"), {"token": token_for(device)}).status_code == 302
    assert client.get(reverse("web:home")).status_code == 200
    assert client.session[sessions.REAUTH_AT] < time.time() - 3000
    edit = client.get(reverse("accounts:user_update", args=[admin.pk]))
    assert edit.status_code == 302 and edit["Location"].startswith(reverse("accounts:reauth"))
    assert entries_about(admin, note="second factor enrolled").count() == 1


def test_an_administrator_resets_a_lost_phone_and_the_user_enrols_again(make):
    client, admin, _device = verified(make)
    officer = make("omar", "officer", clearance="internal")
    phone = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    response = client.post(reverse("accounts:user_second_factor_reset", args=[officer.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = entries_about(officer, note="second factor reset by an administrator").get()
    assert entry.username == "amal" and entry.changes["second_factor"] == {"old": [phone.pk], "new": None}
    their = Client()
    log_in(their, "omar")
    assert their.get(reverse("web:home"))["Location"].startswith(reverse("accounts:otp_setup"))


def test_a_session_verified_with_a_reset_device_is_no_longer_verified(make):
    client, admin, _device = verified(make)
    their, officer, _phone = verified(make, "omar", "officer", "internal")
    client.post(reverse("accounts:user_second_factor_reset", args=[officer.pk]))
    response = their.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_setup"))


# --- H4: account changes are audited ---------------------------------------------------------


def test_creating_a_user_is_audited_with_role_and_clearance_never_the_password(make):
    client, _admin, _device = verified(make)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "nour",
            "first_name": "",
            "last_name": "",
            "email": "",
            "role": "officer",
            "clearance": "restricted",
        },
    )
    assert response.status_code == 200
    from taawun.accounts.models import User

    nour = User.objects.get(username="nour")
    entry = entries_about(nour, action="create").get()
    assert entry.username == "amal"
    assert entry.changes["role"] == {"old": None, "new": "officer"}
    assert entry.changes["clearance"] == {"old": None, "new": "restricted"}
    assert entry.changes["password"] == {"old": "[redacted]", "new": "[redacted]"}
    assert "argon2" not in str(entry.changes)


def test_changing_role_clearance_and_active_state_is_audited_with_old_and_new(make):
    client, _admin, _device = verified(make)
    target = make("vera", "viewer", clearance="internal")
    response = client.post(
        reverse("accounts:user_update", args=[target.pk]),
        {"role": "officer", "clearance": "confidential", "first_name": "", "last_name": "", "email": ""},
    )
    assert response.status_code == 302
    entry = entries_about(target, action="update").get()
    assert entry.changes == {
        "role": {"old": "viewer", "new": "officer"},
        "clearance": {"old": "internal", "new": "confidential"},
        "is_active": {"old": True, "new": False},
    }


def test_a_password_reset_by_an_administrator_is_audited_and_shown_once(make):
    client, _admin, _device = verified(make)
    target = make("vera", "viewer", clearance="internal")
    response = client.post(reverse("accounts:user_password_reset", args=[target.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    target.refresh_from_db()
    assert not target.check_password(PASSWORD)
    entry = entries_about(target, note="password reset by an administrator").get()
    assert entry.changes == {"password": {"old": "[redacted]", "new": "[redacted]"}}
    assert entry.username == "amal"


def test_changing_ones_own_password_is_audited(make):
    client, admin, _device = verified(make)
    response = client.post(reverse("accounts:password_change"), {"password": "Another long pass 77"})
    assert response.status_code == 302
    assert entries_about(admin, note="password changed by its owner").count() == 1


def test_issuing_and_revoking_an_api_token_is_audited(make):
    client, admin, _device = verified(make)
    client.post(reverse("api:tokens"), {"name": "reports", "days": 30})
    token = ApiToken.objects.get(user=admin)
    client.post(reverse("api:token_revoke", args=[token.pk]))
    entries = AuditEntry.objects.filter(model_label="api.apitoken", object_pk=str(token.pk)).order_by("seq")
    assert [entry.action for entry in entries] == ["create", "update"]
    assert entries[0].changes["name"] == {"old": None, "new": "reports"}
    assert "revoked_at" in entries[1].changes


# --- L5: no raising oneself, no granting above oneself ----------------------------------------


def test_an_administrator_cannot_raise_their_own_clearance(make):
    client, admin, _device = verified(make, clearance="internal")
    response = client.post(
        reverse("accounts:user_update", args=[admin.pk]),
        {
            "role": "administrator",
            "clearance": "secret",
            "is_active": "on",
            "first_name": "",
            "last_name": "",
            "email": "",
        },
    )
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.clearance == "internal"
    assert not entries_about(admin, action="update").exists()


def test_an_administrator_grants_no_clearance_above_their_own(make):
    client, _admin, _device = verified(make, clearance="internal")
    target = make("vera", "viewer", clearance="public")
    page = client.get(reverse("accounts:user_update", args=[target.pk])).content.decode()
    assert 'value="secret"' not in page and 'value="internal"' in page
    response = client.post(
        reverse("accounts:user_update", args=[target.pk]),
        {
            "role": "viewer",
            "clearance": "secret",
            "is_active": "on",
            "first_name": "",
            "last_name": "",
            "email": "",
        },
    )
    assert response.status_code == 400
    created = client.post(
        reverse("accounts:user_create"),
        {
            "username": "nour",
            "first_name": "",
            "last_name": "",
            "email": "",
            "role": "viewer",
            "clearance": "secret",
        },
    )
    assert created.status_code == 400


def test_users_cleared_above_the_administrator_cannot_be_changed_by_them(make):
    client, _admin, _device = verified(make, clearance="internal")
    boss = make("sami", "officer", clearance="secret")
    assert client.get(reverse("accounts:user_update", args=[boss.pk])).status_code == 404
    assert client.post(reverse("accounts:user_password_reset", args=[boss.pk])).status_code == 404
    assert client.post(reverse("accounts:user_second_factor_reset", args=[boss.pk])).status_code == 404
    boss.refresh_from_db()
    assert boss.check_password(PASSWORD)


# --- L8: API tokens expire and do not return with a reactivated account -----------------------


def test_an_expired_api_token_opens_nothing(make):
    user = make("omar", "officer")
    token, raw = api_token_create(user=user, name="script", days=1)
    assert api_token_user(raw) == user
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert api_token_user(raw) is None


def test_a_token_lives_no_longer_than_the_installation_allows(make, settings):
    settings.TAAWUN_API_TOKEN_DAYS = 30
    user = make("omar", "officer")
    token, _raw = api_token_create(user=user, name="script", days=365)
    assert token.expires_at <= timezone.now() + dt.timedelta(days=30)


def test_deactivating_a_user_revokes_their_tokens_for_good(make):
    client, _admin, _device = verified(make)
    target = make("omar", "officer", clearance="internal")
    _token, raw = api_token_create(user=target, name="script")
    form = {"role": "officer", "clearance": "internal", "first_name": "", "last_name": "", "email": ""}
    client.post(reverse("accounts:user_update", args=[target.pk]), form)
    assert ApiToken.objects.get(user=target).revoked_at is not None
    client.post(reverse("accounts:user_update", args=[target.pk]), {**form, "is_active": "on"})
    target.refresh_from_db()
    assert target.is_active
    assert api_token_user(raw) is None
    revoked = AuditEntry.objects.filter(model_label="api.apitoken", action="update").get()
    assert revoked.username == "amal"


# --- M11: lock-out keyed on the client behind the trusted proxy --------------------------------


def test_lock_out_behind_the_proxy_is_per_client_not_per_proxy(make, settings):
    settings.TAAWUN_TRUSTED_PROXIES = ["10.0.0.5"]
    make("vera", "viewer", clearance="internal")
    attacker = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("accounts:login"), {"username": "vera", "password": "wrong password"})
    assert log_in(attacker, "vera").status_code == 429
    owner = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.10")
    response = log_in(owner, "vera")
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


def test_a_forged_forwarded_for_from_an_untrusted_address_does_not_escape_the_lock_out(make, settings):
    settings.TAAWUN_TRUSTED_PROXIES = ["10.0.0.5"]
    make("vera", "viewer", clearance="internal")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="192.0.2.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}").post(
            reverse("accounts:login"), {"username": "vera", "password": "wrong password"}
        )
    again = Client(REMOTE_ADDR="192.0.2.66", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert log_in(again, "vera").status_code == 429


# --- readers of restricted records need the second factor ---------------------------------------


@pytest.mark.parametrize(
    ("role", "clearance", "needs_code"),
    [
        ("auditor", "internal", False),
        ("auditor", "restricted", True),
        ("auditor", "secret", True),
        ("viewer", "public", False),
        ("viewer", "confidential", True),
        ("officer", "public", True),
    ],
)
def test_who_reads_restricted_records_confirms_the_login_with_a_code(make, role, clearance, needs_code):
    make("nour", role, clearance)
    client = Client()
    log_in(client, "nour")
    response = client.get(reverse("web:home"))
    if needs_code:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_setup"))
    else:
        assert response.status_code == 200


def test_the_operator_resets_the_last_administrators_phone_from_the_command_line(make):
    from django.core.management import call_command

    admin = make("amal", "administrator")
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    call_command("secondfactor", "reset", "amal")
    assert not TOTPDevice.objects.filter(user=admin).exists()
    entry = entries_about(admin, note="second factor reset from the command line").get()
    assert entry.username == ""
