"""The review desk's notes on what was read, as the eye and the keyboard find them: a field the
engine was unsure of is flagged in words beside it (not by colour alone), with its reason shown;
a sure field's reason is its title on hover and appears when the field has the focus, and a
picker's typed-into field is described by it for a screen reader; a participant read in the
article has its note on its row."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from taawun.ingest import services
from taawun.ingest.models import Draft
from tests.ingest.samples import VISIT


def officer():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="officer")


@pytest.fixture
def draft(signed_in_page):
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer()).draft
    # The kind unsure (VISIT's reading names no kind), the rest sure.
    Draft.objects.filter(pk=draft.pk).update(
        confidence={"kind": "low", "host": "high", "start": "high", "people": "low"}
    )
    return draft


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_an_unsure_field_is_flagged_in_words_with_its_reason(signed_in_page, draft, prefix):
    page = signed_in_page
    page.goto(f"{prefix}/ingest/drafts/{draft.pk}/")
    note = page.locator("#id_draft-kind_why")
    expect(note).to_be_visible()
    expect(note.locator(".confidence-note")).to_contain_text("⚠")
    flag = "Check this: the engine was unsure." if prefix else "تحقّق من هذا: لم يكن المحرك واثقاً."
    expect(note.locator(".confidence-note")).to_contain_text(flag)
    expect(page.locator("#id_draft-kind")).to_have_attribute("aria-describedby", "id_draft-kind_why")
    # In what was read, too.
    expect(page.locator("#why-ev-kind-0, dd.low-confidence .why").first).to_be_visible()


def test_a_sure_fields_reason_is_shown_on_hover_and_on_focus(signed_in_page, draft):
    page = signed_in_page
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    start, reason = page.locator("#id_draft-start"), page.locator("#id_draft-start_why")
    expect(reason).to_be_hidden()
    expect(start).to_have_attribute("title", "Read in the article: “15 أبريل 2025”")
    start.focus()
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("15 أبريل 2025")
    # A picker: its wrapper has the title, the field typed into is described by the note.
    host = page.locator("#id_draft-host + .ts-wrapper")
    expect(host).to_have_attribute("title", "Read in the article: “استقبل”")
    control = page.locator("#id_draft-host-ts-control")
    expect(control).to_have_attribute("aria-describedby", "id_draft-host_why")
    control.focus()
    expect(page.locator("#id_draft-host_why")).to_be_visible()


def test_a_participant_read_in_the_article_has_its_note_on_its_row(signed_in_page, draft):
    page = signed_in_page
    page.goto(f"/en/ingest/drafts/{draft.pk}/")
    row_note = page.locator("#people-1-why")
    expect(row_note).to_be_visible()  # the people were graded unsure: shown with the flag
    expect(row_note).to_contain_text("Check this: the engine was unsure.")
    expect(row_note).to_contain_text("خالد بن محمد العتيبي")
    expect(page.locator("#id_people-1-name")).to_have_attribute("aria-describedby", "people-1-why")
    expect(page.locator("#id_people-1-match-ts-control")).to_have_attribute(
        "aria-describedby", "people-1-why"
    )


DANGLING = """
() => [...document.querySelectorAll("[aria-describedby]")].flatMap((element) =>
  element.getAttribute("aria-describedby").split(/\\s+/).filter((id) => id && !document.getElementById(id))
    .map((id) => `${element.id || element.name}: ${id}`))
"""


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_every_description_the_desk_names_exists(signed_in_page, draft, prefix):
    """A field described by its note or its help text names an element that is on the page (a
    screen reader reads nothing from an id that is not)."""
    page = signed_in_page
    page.goto(f"{prefix}/ingest/drafts/{draft.pk}/")
    expect(page.locator("#id_draft-host-ts-control")).to_be_visible()  # the pickers are built
    assert page.evaluate(DANGLING) == []
