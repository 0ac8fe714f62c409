"""From a press release to the registry: paste an article, review the draft the extraction engine
made of it, accept it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from taawun.registry.models import Engagement
from tests.e2e.test_accessibility import IMAGES_WITHOUT_ALT, UNLABELLED_CONTROLS

# Written for this test (never the corpus' sentences).
ARTICLE = (
    "الرياض - استقبل وزير الداخلية في مكتبه بالرياض يوم الأحد الموافق 6 أبريل 2025 "
    "وزير الداخلية في دولة قطر والوفد المرافق له، وبحث الجانبان سبل تعزيز التعاون الأمني "
    "في مجالات مكافحة المخدرات وأمن الحدود وتبادل المعلومات بين الأجهزة المختصة في البلدين."
)


def paste_article(page) -> None:
    page.goto("/ingest/new/")
    page.locator("#id_text").fill(ARTICLE)
    page.locator("#id_title").fill("وزير الداخلية يستقبل نظيره القطري")
    page.locator("form.recordform button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ingest/drafts/\d+/$"))


def test_an_officer_pastes_an_article_reviews_its_draft_and_accepts_it(signed_in_page):
    page = signed_in_page
    paste_article(page)
    expect(page.locator("main")).to_contain_text("مكافحة المخدرات")
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    assert page.evaluate(IMAGES_WITHOUT_ALT) == []
    # What the engine could not tell, the reviewer fills in.
    if not page.locator("#id_draft-kind").input_value():
        page.locator("#id_draft-kind").select_option("visit")
    if not page.locator("#id_draft-title_ar").input_value():
        page.locator("#id_draft-title_ar").fill("وزير الداخلية يستقبل نظيره القطري")
    names = page.locator("input[name^='people-'][name$='-name']")
    for index in range(names.count()):
        if not names.nth(index).input_value():  # the blank row for adding someone: leave it out
            page.locator(f"#id_people-{index}-include").uncheck()
    page.locator("button[formaction$='/accept/']").click()

    expect(page).to_have_url(re.compile(r"/registry/engagement/\d+/$"))
    expect(page.locator(".messages")).to_be_visible()
    engagement = Engagement.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert engagement.sources.filter(text__contains="مكافحة المخدرات").exists()
    expect(page.locator("main")).to_contain_text(engagement.title_ar)


def test_a_draft_can_be_accepted_as_the_engine_made_it(signed_in_page):
    page = signed_in_page
    paste_article(page)
    page.locator("button[formaction$='/accept/']").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/registry/engagement/\d+/$"), timeout=1500)
