"""Partners in the order a reader files them: in Arabic by their letters whatever the hamza's seat
and without the article, in English without "The"; on every list and menu of partners."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from taawun.registry.collation import sort_key
from taawun.registry.models import Party
from taawun.search.forms import SearchForm

pytestmark = pytest.mark.django_db


def test_arabic_names_are_filed_without_the_article_and_whatever_the_hamzas_seat():
    names = ["تونس", "البحرين", "إيران", "الأردن", "أفغانستان", "الجزائر"]
    assert sorted(names, key=sort_key) == ["الأردن", "أفغانستان", "إيران", "البحرين", "تونس", "الجزائر"]


def test_english_names_are_filed_without_the():
    assert sorted(["The Netherlands", "Norway", "Nepal"], key=sort_key) == [
        "Nepal",
        "The Netherlands",
        "Norway",
    ]


def codes_in(client, language: str) -> list[str]:
    response = client.get(reverse("registry:party_list"), {"kind": "country"}, HTTP_ACCEPT_LANGUAGE=language)
    return [party.code for party in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", ["JO", "AF", "BH", "TN"]), ("en", ["AF", "BH", "JO", "TN"])]
)
def test_the_partner_list_is_in_the_readers_order(officer_client, settings, language, expected):
    settings.PAGE_SIZE = 500
    with translation.override(language):
        codes = codes_in(officer_client, language)
    assert [code for code in codes if code in expected] == expected


def test_a_partner_menu_follows_the_same_order(officer):
    with translation.override("ar"):
        form = SearchForm(user=officer)
        codes = [str(value) for value, _label in form.fields["party"].choices if value]
    assert [code for code in codes if code in {"JO", "AF", "BH", "TN"}] == ["JO", "AF", "BH", "TN"]


def test_a_renamed_partner_is_filed_under_its_new_name():
    party = Party.objects.get(code="NL")
    party.name_ar = "الأراضي المنخفضة"
    party.save(update_fields=["name_ar"])
    party.refresh_from_db()
    assert party.sort_ar == sort_key("الأراضي المنخفضة") == "اراضي منخفضه"
