"""Attaching a file on an engagement's page in the browser, in Arabic at 1366 px: the form says its
limit, the page does not scroll sideways, a lower classification is refused with its message, the
file is listed with its Arabic name and downloads under that name with its bytes."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from taawun.attachments.content import limit_mb
from taawun.attachments.models import Attachment
from tests.e2e.conftest import OVERFLOW
from tests.e2e.test_accessibility import UNLABELLED_CONTROLS

LETTER = "رسالة الشريك بشأن برنامج الزيارة".encode()
NAME = "رسالة الشريك.txt"


def no_overflow(page) -> None:
    measured = page.evaluate(OVERFLOW)
    assert measured["scroll"] <= 0 and not measured["wide"], measured


def test_an_officer_attaches_a_letter_to_an_engagement_and_downloads_it(
    signed_in_page, make, browser_problems
):
    page = signed_in_page
    page.set_viewport_size({"width": 1366, "height": 900})
    engagement = make.engagement(title_ar="زيارة وفد الداخلية السورية", classification="restricted")

    page.goto(engagement.get_absolute_url())
    section = page.locator("section#attachments")
    expect(section.locator("h2")).to_have_text("المرفقات")
    expect(section.locator("form.attachform .help").first).to_contain_text(
        f"{limit_mb()}"
    )  # the size limit, in MB
    expect(section.locator("#id_attachment-classification")).to_have_value("restricted")
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    no_overflow(page)

    # A classification below the engagement's: refused, with its message, nothing kept.
    browser_problems.expect_status(400, r"/attachments/engagement/\d+/add/$")
    section.locator("#id_attachment-file").set_input_files(
        {"name": NAME, "mimeType": "text/plain", "buffer": LETTER}
    )
    section.locator("#id_attachment-classification").select_option("internal")
    section.locator("form.attachform button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/attachments/engagement/\d+/add/$"))
    expect(page.locator(".field.invalid .error")).to_contain_text(
        "لا تقل درجة تصنيف الملف عن درجة تصنيف سجله"
    )
    assert not Attachment.objects.exists()
    no_overflow(page)

    # Again from the record's page, as it should be.
    page.goto(engagement.get_absolute_url())
    section.locator("#id_attachment-file").set_input_files(
        {"name": NAME, "mimeType": "text/plain", "buffer": LETTER}
    )
    section.locator("#id_attachment-title").fill("رسالة الشريك")
    section.locator("form.attachform button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/registry/engagement/{engagement.pk}/#attachments$"))
    row = section.locator("table.records tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("رسالة الشريك")
    expect(row).to_contain_text(NAME)
    expect(row.locator(".hijri")).to_be_visible()
    no_overflow(page)

    with page.expect_download() as downloading:
        row.locator("a[download]").click()
    download = downloading.value
    assert download.suggested_filename == NAME
    assert Path(download.path()).read_bytes() == LETTER
    attachment = Attachment.objects.get()
    assert attachment.classification == "restricted" and attachment.kind == "text"
