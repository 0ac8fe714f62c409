"""The site's own pages in both languages: the home page, the login page, and the language switch."""

from __future__ import annotations

import re

import pytest

from tests.pages import LANGUAGES, text, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_home_page_opens_in_both_languages(officer_client, one_of_each, language):
    response = officer_client.get(url("web:home", language=language))
    assert response.status_code == 200
    assert LANGUAGES[language] in text(response)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_home_page_sends_an_anonymous_visitor_to_the_login(client, language):
    response = client.get(url("web:home", language=language))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:login", language=language))


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_login_page_opens_in_both_languages(client, language):
    response = client.get(url("accounts:login", language=language))
    assert response.status_code == 200
    assert LANGUAGES[language] in text(response)


@pytest.mark.parametrize(
    ("page", "language", "lands_on"),
    [
        ("/registry/engagement/?year=2025", "en", "/en/registry/engagement/?year=2025"),
        ("/en/registry/engagement/?year=2025", "ar", "/registry/engagement/?year=2025"),
    ],
)
def test_the_language_switch_returns_to_the_same_page_in_the_other_language(
    officer_client, page, language, lands_on
):
    html = officer_client.get(page).content.decode()
    switch = re.search(r'<form action="([^"]+)" method="post" class="langswitch">(.*?)</form>', html, re.S)
    next_value = re.search(r'name="next" type="hidden" value="([^"]+)"', switch.group(2)).group(1)
    response = officer_client.post(
        switch.group(1), {"language": language, "next": next_value.replace("&amp;", "&")}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on
    opened = officer_client.get(response["Location"]).content.decode()
    assert f'<html lang="{language}"' in opened


def test_urls_without_a_prefix_are_arabic_and_en_urls_english(officer_client):
    assert url("registry:engagement_list") == "/registry/engagement/"
    assert url("registry:engagement_list", language="en") == "/en/registry/engagement/"
