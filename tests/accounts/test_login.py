"""Logging in and out, in both languages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password 1"  # the one conftest.make_user gives every persona


def url(name: str, language: str = "ar") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_viewer_logs_in_and_lands_on_the_home_page(client, viewer, language):
    response = client.post(url("accounts:login", language), {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url("web:home", language)
    assert client.get(url("web:home", language)).status_code == 200


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_officer_who_logs_in_is_asked_for_the_second_factor_first(client, officer, language):
    response = client.post(url("accounts:login", language), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    home = url("web:home", language)
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"] == f"{url('accounts:otp_setup', language)}?next={home}"


def test_login_sends_the_user_back_to_the_page_asked_for(client, viewer):
    target = url("registry:engagement_list", "en")
    response = client.post(
        url("accounts:login", "en"), {"username": "viewer", "password": PASSWORD, "next": target}
    )
    assert response["Location"] == target


def test_a_wrong_password_is_refused_in_arabic(client, officer):
    response = client.post(url("accounts:login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "الرجاء إدخال" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_in_english(client, officer):
    response = client.post(url("accounts:login", "en"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()


def test_a_missing_username_is_reported_in_arabic(client):
    response = client.post(url("accounts:login"), {"username": "", "password": "x"})
    assert "هذا الحقل مطلوب." in response.content.decode()


def test_logging_out_ends_the_session_and_shows_the_login(officer_client):
    response = officer_client.post(url("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == url("accounts:login")
    assert officer_client.get(url("web:home")).status_code == 302


def test_logging_out_by_get_is_not_allowed(officer_client):
    assert officer_client.get(url("accounts:logout")).status_code == 405
    assert officer_client.get(url("web:home")).status_code == 200


def test_an_inactive_user_cannot_log_in(client, officer):
    officer.is_active = False
    officer.save()
    client.post(url("accounts:login"), {"username": "officer", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
