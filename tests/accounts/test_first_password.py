"""A password someone else chose or saw (a new account's, a reset's, the first administrator's) is
replaced by its owner before anything else."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawun.accounts import services
from taawun.accounts.models import User
from tests.accounts.test_account_changes import token_for

pytestmark = pytest.mark.django_db

GIVEN = "a password the administrator saw 1"
OWN = "my very own long password 2"


def given_account(role: str = "viewer", clearance: str = "internal") -> User:
    user = User.objects.create_user(username="nour", password=GIVEN, role=role, clearance=clearance)
    user.must_change_password = True
    user.save()
    return user


def logged_in_with(password: str) -> Client:
    client = Client()
    assert (
        client.post(reverse("accounts:login"), {"username": "nour", "password": password}).status_code == 302
    )
    return client


def test_every_page_leads_to_the_password_page_until_the_owner_chooses_one():
    given_account()
    client = logged_in_with(GIVEN)
    home, search = reverse("web:home"), reverse("search:results")
    response = client.get(search)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:password_change')}?next={search}"
    page = client.get(reverse("accounts:password_change"), {"next": search})
    assert page.status_code == 200 and page.context["temporary"]
    assert reverse("registry:engagement_list") not in page.content.decode()  # no menu into the site yet
    response = client.post(reverse("accounts:password_change"), {"password": OWN, "next": search})
    assert response["Location"] == search
    assert client.get(home).status_code == 200
    user = User.objects.get(username="nour")
    assert user.check_password(OWN) and not user.must_change_password


def test_logging_out_needs_no_new_password():
    given_account()
    client = logged_in_with(GIVEN)
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_the_second_factor_comes_first_then_the_password():
    user = given_account(role="officer", clearance="restricted")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = logged_in_with(GIVEN)
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("accounts:otp_verify"))
    client.post(reverse("accounts:otp_verify"), {"token": token_for(device)})
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("accounts:password_change"))


def test_an_account_an_administrator_creates_or_resets_has_a_temporary_password(django_user_model):
    admin = django_user_model.objects.create_user(
        username="amal", password=OWN, role="administrator", clearance="secret"
    )
    user = given_account()
    user.must_change_password = False
    user.save()
    services.user_password_reset(target=user, actor=admin)
    assert User.objects.get(pk=user.pk).must_change_password


def test_the_first_administrator_chooses_their_own_password(capsys):
    call_command("ensureadmin")
    assert User.objects.get(username="admin").must_change_password
