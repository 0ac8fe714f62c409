"""Hardened authentication: Argon2, the second factor, lock-out, session limits, re-authentication,
password rules and the production settings."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawun.accounts import sessions

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


def log_in(client: Client, username: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def test_passwords_are_hashed_with_argon2(make):
    assert make("hana", "viewer").password.startswith("argon2")


def test_an_officer_must_enrol_an_authenticator_before_anything_else(make):
    make("omar", "officer")
    client = Client()
    log_in(client, "omar")
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp_setup") + "?next=/"
    setup = client.get(reverse("accounts:otp_setup"))
    assert setup.status_code == 200
    assert b"data:image/svg+xml;base64," in setup.content


def test_enrolling_with_the_right_code_opens_the_system(make):
    officer = make("omar", "officer")
    client = Client()
    log_in(client, "omar")
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=officer)
    response = client.post(reverse("accounts:otp_setup"), {"token": token_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("web:home")).status_code == 200


def test_a_wrong_code_is_refused_with_a_message(make):
    make("omar", "officer")
    client = Client()
    log_in(client, "omar")
    client.get(reverse("accounts:otp_setup"))
    response = client.post(
        reverse(
            "accounts:otp_setup",
        ),
        {"token": "000000"},
    )
    assert response.status_code == 400
    assert "That code is not valid" in response.content.decode() or "الرمز" in response.content.decode()


def test_an_enrolled_officer_is_asked_for_the_code_at_each_login(make):
    officer = make("omar", "officer")
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client = Client()
    log_in(client, "omar")
    assert client.get(reverse("web:home"))["Location"] == reverse("accounts:otp_verify") + "?next=/"
    response = client.post(reverse("accounts:otp_verify"), {"token": token_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200


def test_after_the_code_the_officer_is_taken_to_the_page_first_asked_for(make):
    officer = make("omar", "officer")
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client = Client()
    log_in(client, "omar")
    asked = reverse("registry:engagement_list") + "?" + urlencode({"q": "نقل", "year": 2025})
    code_page = client.get(asked)["Location"]
    response = client.post(code_page, {"token": token_for(device)})
    assert response["Location"] == asked


def test_a_viewer_of_internal_records_needs_no_second_factor(make):
    make("vera", "viewer", clearance="internal")
    client = Client()
    log_in(client, "vera")
    assert client.get(reverse("web:home")).status_code == 200


def test_repeated_failures_lock_the_login(make, settings):
    make("vera", "viewer")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "vera", "password": "wrong password"})
    locked = log_in(client, "vera")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_its_absolute_lifetime(make, settings):
    make("vera", "viewer")
    client = Client()
    log_in(client, "vera")
    session = client.session
    session[sessions.LOGIN_AT] = int(time.time()) - settings.TAAWUN_SESSION_MAX_AGE - 1
    session.save()
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive_with_one_save_a_minute(make):
    from django.contrib.sessions.models import Session

    make("nour", "viewer")
    client = Client()
    log_in(client, "nour")
    key = client.session.session_key

    def expiry():
        return Session.objects.get(session_key=key).expire_date

    client.get(reverse("web:home"))
    first = expiry()
    client.get(reverse("web:home"))
    assert expiry() == first  # within the minute: not written again
    session = client.session
    session[sessions.SEEN_AT] = int(time.time()) - sessions.KEEP_ALIVE_EVERY
    session.save()
    pushed = expiry()
    client.get(reverse("web:home"))
    assert expiry() > pushed >= first  # a minute on: the idle limit moves


def test_an_idle_session_ends(make):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    make("nour", "viewer")
    client = Client()
    log_in(client, "nour")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def _verified_administrator(make) -> tuple[Client, object, TOTPDevice]:
    admin = make("amal", "administrator")
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client = Client()
    log_in(client, "amal")
    client.post(reverse("accounts:otp_verify"), {"token": token_for(device)})
    return client, admin, device


def test_changing_a_clearance_asks_for_the_password_again_when_the_proof_is_old(make):
    client, admin, device = _verified_administrator(make)
    target = make("vera", "viewer", clearance="internal")
    session = client.session
    session[sessions.REAUTH_AT] = int(time.time()) - 3600
    session.save()
    edit_url = reverse("accounts:user_update", args=[target.pk])
    response = client.get(edit_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))
    confirmed = client.post(
        reverse("accounts:reauth") + f"?next={edit_url}",
        {"password": PASSWORD, "token": token_for(device, steps_ahead=1), "next": edit_url},
    )
    assert confirmed["Location"] == edit_url
    saved = client.post(
        edit_url,
        {
            "role": "viewer",
            "clearance": "secret",
            "is_active": "on",
            "first_name": "",
            "last_name": "",
            "email": "",
        },
    )
    assert saved.status_code == 302
    target.refresh_from_db()
    assert target.clearance == "secret"


def test_a_wrong_password_does_not_confirm_identity(make):
    client, admin, device = _verified_administrator(make)
    response = client.post(
        reverse("accounts:reauth"), {"password": "not mine", "token": token_for(device, 1)}
    )
    assert response.status_code == 400


def test_user_pages_do_not_exist_for_an_officer(make):
    officer = make("omar", "officer")
    client = Client()
    client.force_login(officer)
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.post(reverse("accounts:otp_verify"), {"token": token_for(device)})
    assert client.get(reverse("accounts:user_list")).status_code == 404


@pytest.mark.parametrize(
    "password", ["password1234", "123456789012", "aaaaaaaaaaaa", "Short1!", "qwertyuiopasdf"]
)
def test_weak_or_breached_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_password_is_accepted():
    validate_password("Tide-harbour 7 lanterns")


def test_pages_carry_a_strict_content_security_policy(make):
    make("vera", "viewer", clearance="internal")
    client = Client()
    log_in(client, "vera")
    policy = client.get(reverse("web:home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_production_settings_pass_the_deployment_check(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("x" * 20 + "-production-secret-key-with-enough-entropy-9f8e7d6c5b4a")
    env = {
        **os.environ,
        "TAAWUN_HTTPS": "1",
        "TAAWUN_DEBUG": "0",
        "TAAWUN_SECRET_KEY_FILE": str(secret_file),
        "TAAWUN_ALLOWED_HOSTS": "taawun.example.gov",
        "TAAWUN_VAR_DIR": str(tmp_path / "var"),
    }
    env.pop("TAAWUN_SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests; never in production
    done = subprocess.run(
        [sys.executable, "-m", "taawun", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
