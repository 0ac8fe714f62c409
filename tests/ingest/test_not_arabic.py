"""Taawun reads Arabic press releases: a text mostly in another script is refused, in the user's
language, wherever it comes in (paste, upload, batch, command, feed), and nothing is stored
(issue 19, item 11)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from taawun.ingest import services
from taawun.ingest.feeds import feed_poll
from taawun.ingest.models import Draft, FeedEntry, FeedSubscription, ImportBatch
from taawun.ingest.readers import MIN_ARABIC_SHARE, NotArabic, arabic_share, check_arabic
from taawun.registry.models import Source
from tests.ingest.feed_server import rss
from tests.ingest.samples import VISIT

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Riyadh - The Minister of Interior received the Jordanian Minister of Interior on Tuesday "
    "to discuss security cooperation against drug trafficking and terrorism."
)
ARABIC = "استقبل وزير الداخلية نظيره الأردني وبحثا التعاون الأمني في مكافحة المخدرات والإرهاب."


def letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def test_the_threshold_is_on_letters_and_both_sides_of_it_are_told_apart():
    # 10 Arabic letters among 40: 25 %, below the threshold; among 30: 33 %, above it.
    below = "ابتثجحخدذر" + " " + "abcdefghij" * 3
    above = "ابتثجحخدذر" + " " + "abcdefghij" * 2
    assert arabic_share(below) == pytest.approx(0.25) and arabic_share(below) < MIN_ARABIC_SHARE
    assert arabic_share(above) == pytest.approx(1 / 3) and arabic_share(above) > MIN_ARABIC_SHARE
    with pytest.raises(NotArabic):
        check_arabic(below)
    check_arabic(above)
    # Digits, punctuation and spaces are no letters; a text without letters is left to other checks.
    assert arabic_share("2025-04-15 / 10:30") is None
    check_arabic("2025")


def test_an_arabic_release_quoting_latin_names_is_read():
    text = ARABIC + " بمشاركة INTERPOL و Europol عبر www.example.org"
    assert arabic_share(text) > MIN_ARABIC_SHARE
    check_arabic(text)


def test_english_pasted_is_refused_in_the_users_language_and_kept_in_the_form(officer_client):
    response = officer_client.post(
        "/en/ingest/new/", {"text": ENGLISH, "title": "A visit", "classification": "internal"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Taawun reads Arabic press releases" in page
    assert "The Minister of Interior received" in page and 'value="A visit"' in page  # kept as typed
    assert not Source.objects.exists() and not Draft.objects.exists()


def test_the_refusal_is_in_arabic_for_an_arabic_reader(officer_client):
    with translation.override("ar"):
        response = officer_client.post("/ingest/new/", {"text": ENGLISH, "classification": "internal"})
    assert response.status_code == 400
    assert response.context["form"].errors["text"]
    assert not Draft.objects.exists()


def test_arabic_pasted_with_some_english_is_drafted(officer_client):
    text = ARABIC + "\nSecurity cooperation (English summary)."
    assert arabic_share(text) > MIN_ARABIC_SHARE
    response = officer_client.post("/en/ingest/new/", {"text": text, "classification": "internal"})
    assert response.status_code == 302 and Draft.objects.count() == 1


def test_html_markup_pasted_around_arabic_does_not_count_as_latin(officer_client):
    markup = (
        f'<html><body><div class="article-body"><p style="text-align:right">{ARABIC}</p></div></body></html>'
    )
    response = officer_client.post("/en/ingest/new/", {"text": markup, "classification": "internal"})
    assert response.status_code == 302 and Draft.objects.count() == 1


def test_an_english_file_in_a_batch_fails_alone_with_the_reason(officer_client):
    files = [
        SimpleUploadedFile("a.txt", VISIT.encode()),
        SimpleUploadedFile("english.txt", ENGLISH.encode()),
    ]
    officer_client.post("/en/ingest/new/", {"files": files, "classification": "internal"})
    batch = ImportBatch.objects.get()
    assert (batch.total, batch.new, batch.failed) == (2, 1, 1)
    failed = batch.items.get(outcome="failed")
    assert failed.name == "english.txt" and "Taawun reads Arabic press releases" in failed.message
    assert Draft.objects.count() == 1


def test_an_english_item_of_a_batch_already_queued_fails_when_it_runs(officer):
    batch = services.import_batch_create(
        items=[("english.txt", ENGLISH)], failures=[], actor=officer, classification="internal", home=""
    )
    services.import_batch_run(batch)
    item = batch.items.get()
    assert item.outcome == "failed" and "Arabic press releases" in item.message
    assert not Source.objects.exists()


def test_ingesting_english_stores_nothing(officer):
    with pytest.raises(NotArabic):
        services.ingest_text(text=ENGLISH, actor=officer)
    assert not Source.objects.exists() and not Draft.objects.exists()


def test_an_english_feed_item_is_skipped_with_its_reason(served):
    served.body = rss([("n-1", "Visit", "https://news.example/1", ENGLISH), ("n-2", "زيارة", "", VISIT)])
    result = feed_poll(FeedSubscription.objects.create(url=served.url))
    assert (result.new, result.skipped) == (1, 1)
    assert FeedEntry.objects.get(key="n-1").reason == FeedEntry.Reason.NOT_ARABIC
