"""The home party hint chosen per article: the feed's country, the outlet's, the address's
country domain, the dateline, then the upload's choice or the installation's party."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taawun.ingest.home_choice import HomeChoice, choose_home, describe
from taawun.ingest.readers import tidy

BODY = "بحث وزير الداخلية مع وفد أمني زائر سبل تعزيز التعاون في مكافحة المخدرات."


@pytest.mark.parametrize(
    ("text", "url", "feed_home", "chosen", "expected"),
    [
        # The feed's country outweighs everything the item says.
        ("الرباط - " + BODY, "https://www.kuna.net.kw/a/1", "BH", None, ("BH", "feed", "")),
        # The outlet's site, a subdomain of it, a ministry's site, a newspaper.
        (BODY, "https://www.kuna.net.kw/ArticleDetails.aspx?id=1", "", None, ("KW", "outlet", "kuna.net.kw")),
        (BODY, "https://arabic.wam.ae/ar/details/1", "", "SA", ("AE", "outlet", "wam.ae")),
        (BODY, "https://spa.gov.sa/w123", "", None, ("SA", "outlet", "spa.gov.sa")),
        (BODY, "https://www.qna.org.qa/ar/News-Area/News/1", "", None, ("QA", "outlet", "qna.org.qa")),
        (BODY, "https://sana.sy/?p=1", "", None, ("SY", "outlet", "sana.sy")),
        (BODY, "https://petra.gov.jo/Include/InnerPage.jsp?ID=1", "", None, ("JO", "outlet", "petra.gov.jo")),
        (BODY, "https://www.hespress.com/x-1.html", "", None, ("MA", "outlet", "hespress.com")),
        # The outlet's site outweighs a dateline of another country.
        ("الرباط - " + BODY, "https://www.youm7.com/story/1", "", None, ("EG", "outlet", "youm7.com")),
        # An agency named in the dateline or in brackets at the start.
        ("الدوحة / قنا / " + BODY, "", "", "SA", ("QA", "outlet", "قنا")),
        ("الكويت - 5 - 1 (كونا) -- " + BODY, "", "", None, ("KW", "outlet", "كونا")),
        ("واع/ بغداد/ " + BODY, "", "", None, ("IQ", "outlet", "واع")),
        # An address of an Arab country's domain the table does not know.
        (BODY, "https://news.example.com.kw/1", "", None, ("KW", "domain", "news.example.com.kw")),
        (BODY, "https://police.example.gov.om/ar/1", "", "SA", ("OM", "domain", "police.example.gov.om")),
        # A domain that is no Arab country's says nothing; a pan-Arab outlet's site neither.
        (BODY, "https://news.example.tv/1", "", None, ("SA", "installation", "")),
        ("الرباط - " + BODY, "https://www.aljazeera.net/news/1", "", None, ("MA", "dateline", "الرباط")),
        # The dateline: a city, a capital in two words, a date after the place.
        ("الرباط - " + BODY, "", "", None, ("MA", "dateline", "الرباط")),
        ("عنوان الخبر\nأبو ظبي: " + BODY, "", "", None, ("AE", "dateline", "أبو ظبي")),
        ("تونس العاصمة - " + BODY, "", "", None, ("TN", "dateline", "تونس العاصمة")),
        ("مسقط في 3 مارس " + BODY, "", "", None, ("OM", "dateline", "مسقط")),
        ("القاهرة ـ " + BODY, "", "", None, ("EG", "dateline", "القاهرة")),
        # A sentence that only opens with a word is no dateline; a place further in neither.
        (BODY + " في الرباط.", "", "", None, ("SA", "installation", "")),
        # Nothing in the article: the upload's choice, "none" chosen, else the installation's.
        (BODY, "", "", "om", ("OM", "chosen", "")),
        (BODY, "", "", "", ("", "chosen", "")),
        (BODY, "https://news.example.com/1", "", None, ("SA", "installation", "")),
    ],
)
def test_the_home_party_is_chosen_from_the_article(settings, text, url, feed_home, chosen, expected):
    settings.TAAWUN_HOME_PARTY = "SA"
    choice = choose_home(text, url=url, feed_home=feed_home, chosen=chosen)
    assert (choice.code, choice.source, choice.detail) == expected


def test_the_reason_reads_in_the_readers_language():
    assert describe("outlet", "kuna.net.kw") == "outlet: kuna.net.kw"
    assert describe("dateline", "الرباط") == "dateline: الرباط"
    assert describe("officer") == "chosen by the officer"
    assert describe("") == ""


def test_a_malformed_address_falls_to_the_text(settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    assert choose_home("الرباط - " + BODY, url="http://[::1") == HomeChoice("MA", "dateline", "الرباط")


# --- the development set, where it is present (read-only) --------------------------------------

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="no development set here")
def test_on_the_development_set_the_choice_agrees_with_the_gold_home_far_more_than_one_country(settings):
    """The gold records say whose ministry each article's unqualified words mean ("home"): chosen
    per article (text and address) it is right far more often than the installation's party."""
    settings.TAAWUN_HOME_PARTY = "SA"
    agree_installation = agree_chosen = 0
    for gold_path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold.get("home"):
            continue
        text = tidy((DEV / "texts" / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
        agree_installation += gold["home"] == "SA"
        agree_chosen += choose_home(text, url=gold.get("source") or "").code == gold["home"]
    assert agree_chosen >= 2 * agree_installation
