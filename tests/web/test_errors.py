"""The error pages: in the reader's language inside the site's frame; JSON under /api/."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


def said(message: str, language: str = "ar") -> str:
    """The message as the page's language words it (the Arabic comes with the lead's catalogue merge)."""
    with translation.override(language):
        return translation.gettext(message)


def test_a_missing_page_is_an_arabic_page_with_the_menu(officer_client):
    response = officer_client.get("/registry/party/NOPE/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert said("Page not found") in body
    assert 'class="mainnav"' in body  # the site's frame, with its menu
    assert "Not Found" not in body  # not Django's bare page


def test_a_missing_page_under_en_is_in_english(officer_client):
    response = officer_client.get("/en/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="en" dir="ltr">' in body and "Page not found" in body


def test_a_missing_page_for_a_visitor_has_the_frame_without_the_menu(client):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404 and said("Page not found") in body
    assert 'class="mainnav"' not in body and 'class="topbar"' in body


def test_a_refused_change_is_a_403_page_in_the_site(viewer):
    response = logged_in(viewer).get(reverse("registry:engagement_create"))
    assert response.status_code == 403
    body = response.content.decode()
    assert said("Not allowed") in body and 'class="mainnav"' in body


def test_a_bad_request_is_a_400_page_in_the_site(officer_client, settings):
    from django.core.exceptions import SuspiciousOperation

    from taawun.web import errors

    response = errors.bad_request(officer_client.get("/").wsgi_request, SuspiciousOperation())
    assert response.status_code == 400
    assert said("The request could not be read") in response.content.decode()


def test_a_server_error_is_a_500_page_in_the_site(django_user_model, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a fault")

    monkeypatch.setattr("taawun.web.views.home_summary", broken)
    client = logged_in(make_user(django_user_model, "officer"))
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert said("Something went wrong") in body and 'class="mainnav"' in body


def test_a_server_error_page_survives_a_broken_frame(rf, monkeypatch):
    from taawun.web import errors

    def broken(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(errors, "render_to_string", broken)
    with translation.override("ar"):
        response = errors.server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500 and 'dir="rtl"' in body and said("Something went wrong") in body


def test_the_api_keeps_json_errors(monkeypatch, rf):
    from taawun.web import errors

    assert Client().get("/api/no-such-thing").json() == {"detail": "غير موجود."}
    response = errors.server_error(rf.get("/api/parties"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert "detail" in json.loads(response.content)


def test_a_form_sent_without_its_token_is_refused_in_the_site(officer):
    client = logged_in(officer)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("registry:engagement_create"), {})
    assert response.status_code == 403
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body and 'class="mainnav"' in body
    assert (
        said("This form has expired or was sent from elsewhere. Go back, reload the page and send it again.")
        in body
    )


def test_before_the_second_factor_the_frame_leads_nowhere(django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    officer = make_user(django_user_model, "officer")
    client = logged_in(officer, second_factor=False)  # the password given, the code not yet
    setup = client.get(reverse("accounts:otp_setup")).content.decode()
    assert 'class="mainnav"' not in setup and 'class="usernav"' not in setup
    assert reverse("accounts:logout") in setup  # the way out stays
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    body = missing.content.decode()
    assert 'class="mainnav"' not in body and reverse("notifications:list") not in body


def test_after_the_second_factor_the_frame_has_its_menu(officer_client):
    body = officer_client.get(reverse("web:home")).content.decode()
    assert 'class="mainnav"' in body and 'class="usernav"' in body
