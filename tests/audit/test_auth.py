"""Log-ins, failed log-ins and log-outs are recorded with the client's address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taawun.audit.services import client_ip
from tests.audit.helpers import entries, web_request

pytestmark = pytest.mark.django_db


def test_a_login_is_recorded_with_the_user_and_ip(officer):
    response = Client().post(
        reverse("accounts:login"),
        {"username": "officer", "password": "a long test password 1"},
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 302
    [entry] = entries(action="login")
    assert (entry.user_id, entry.username, entry.ip) == (officer.pk, "officer", "192.0.2.10")


def test_a_failed_login_is_recorded_with_the_name_tried_and_ip_but_never_the_password(officer):
    response = Client().post(
        reverse("accounts:login"),
        {"username": "officer", "password": "wrong password guess"},
        REMOTE_ADDR="192.0.2.66",
    )

    assert response.status_code == 200
    [entry] = entries()
    assert (entry.action, entry.user_id, entry.username, entry.ip) == (
        "login_failed",
        None,
        "officer",
        "192.0.2.66",
    )
    assert "wrong password guess" not in str(entry.content())


def test_a_logout_is_recorded(officer):
    client = Client()
    client.force_login(officer)

    client.post(reverse("accounts:logout"), REMOTE_ADDR="192.0.2.11")

    [entry] = entries(action="logout")
    assert (entry.user_id, entry.ip) == (officer.pk, "192.0.2.11")


def test_x_forwarded_for_is_ignored_from_an_untrusted_peer(settings):
    settings.TAAWUN_TRUSTED_PROXIES = []
    request = web_request("198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert client_ip(request) == "198.51.100.4"


def test_x_forwarded_for_is_honoured_behind_a_trusted_proxy_and_cannot_be_spoofed(settings):
    settings.TAAWUN_TRUSTED_PROXIES = ["10.0.0.1", "10.1.0.0/16"]

    assert client_ip(web_request("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")) == "203.0.113.7"
    # The client wrote "1.1.1.1" itself; the proxies appended the real address and their own.
    spoofed = web_request("10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7, 10.1.2.3")
    assert client_ip(spoofed) == "203.0.113.7"
    assert client_ip(web_request("10.0.0.1", HTTP_X_FORWARDED_FOR="not an address")) == "10.0.0.1"


def test_a_login_behind_a_trusted_proxy_records_the_forwarded_address(settings, officer):
    settings.TAAWUN_TRUSTED_PROXIES = ["10.0.0.1"]

    Client().post(
        reverse("accounts:login"),
        {"username": "nobody", "password": "whatever it is"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )

    [entry] = entries(action="login_failed")
    assert (entry.username, entry.ip) == ("nobody", "203.0.113.9")
