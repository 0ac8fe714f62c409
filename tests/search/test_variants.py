"""Variants no stemmer joins: a country's name and its adjective, a name written joined or spaced,
and the labels of the vocabulary a record is tagged with."""

from __future__ import annotations

import pytest

from taawun.search.selectors import search
from taawun.search.text import country_term, query_terms

pytestmark = pytest.mark.django_db


def titles(user, query: str) -> set[str]:
    return {str(hit.record) for hit in search(user, query, limit=100).results}


@pytest.mark.parametrize(
    "word", ["سوريا", "سورية", "السورية", "السوريين", "سوري", "وسوريا", "بسورية"], ids=lambda word: word
)
def test_every_name_and_adjective_of_a_country_is_one_term(word):
    assert query_terms(word) == [country_term("سوريا")]


def test_a_word_that_names_a_city_too_keeps_its_own_stem():
    # عمان is Oman and Amman, Jordan's capital: it is not taken for either country.
    assert country_term("عمان") is None


@pytest.mark.parametrize("query", ["سوريا", "سورية", "وفد سوريا", "السوريون"])
def test_a_countrys_name_finds_what_its_adjective_was_written_with(officer, make, query):
    make.engagement("SA", ["SY"], title_ar="لقاء مع الوفد السوري في الرياض")
    make.engagement("SA", ["QA"], title_ar="لقاء مع الوفد القطري في الرياض")
    assert titles(officer, query) == {"لقاء مع الوفد السوري في الرياض"}


@pytest.mark.parametrize("written", ["عبد الله سيادي", "عبدالله سيادي"])
@pytest.mark.parametrize("query", ["عبد الله سيادي", "عبدالله سيادي"])
def test_a_name_is_found_joined_or_spaced(officer, make, written, query):
    make.person("SY", name_ar=written)
    make.person("SY", name_ar="عبد الرحمن الخطيب")
    assert {str(hit.record) for hit in search(officer, query, limit=100).results} == {written}


@pytest.mark.parametrize(
    "query", ["الأمن السيبراني", "digital security", "بناء القدرات", "capacity building"]
)
def test_the_labels_of_a_records_domains_and_forms_find_it(officer, make, query):
    engagement = make.engagement("SA", ["SY"], title_ar="زيارة عمل", domains=["cybercrime"])
    engagement.forms.add("training")
    make.engagement("SA", ["QA"], title_ar="زيارة أخرى", domains=["narcotics"])
    assert titles(officer, query) == {"زيارة عمل"}
