"""The minutes' PDF (issue 21, item 3: "checked by extracting their text in both languages, with
the confidential items absent"): Arabic and English both, the reader's choice first, the items up
to the classification chosen and never above the reader's clearance, marked with the highest
classification it holds; audited as an export. And the API's minutes, within the same clearance."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.urls import reverse

from taawun.audit.models import AuditEntry
from taawun.extract import normalize_arabic
from taawun.ingest import pdftext
from taawun.minutes import services
from tests.api.client import ApiClient, token_for
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

PUBLIC_AR, PUBLIC_EN = "اعتماد خطة العمل المشتركة", "The joint action plan is adopted"
RESTRICTED_AR, RESTRICTED_EN = "تبادل قوائم المطلوبين كل ثلاثة أشهر", "Wanted lists are exchanged quarterly"
CONFIDENTIAL_AR, CONFIDENTIAL_EN = "إنشاء خلية مشتركة للعمليات", "A joint operations cell is set up"


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order (Arabic too), through the reader uploads go through."""
    if shutil.which("pdftotext") is None:
        pytest.skip("Poppler's pdftotext is not installed")
    text, _blocks = pdftext.poppler_text(data, name="minutes.pdf", limit=10_000_000)
    return normalize_arabic(" ".join(pdftext.plain(text).split()))


def has(text: str, arabic_or_english: str) -> bool:
    return normalize_arabic(arabic_or_english) in text


@pytest.fixture
def minutes(make, officer):
    committee = make.committee(("SA", "SY"), classification="public", name_ar="اللجنة الأمنية المشتركة")
    session = make.session(committee, classification="public", held_on=dt.date(2026, 3, 10))
    owner = make.person("SY", name_ar="سامر الحلبي", name_en="Samer Halabi", classification="public")
    minutes = make.minutes(
        session,
        items=[
            {"text_ar": PUBLIC_AR, "text_en": PUBLIC_EN, "classification": "public"},
            {
                "kind": "commitment",
                "owner_side": "SY",
                "owner_person": owner,
                "due_on": dt.date(2026, 6, 30),
                "from_decision": 1,
                "text_ar": RESTRICTED_AR,
                "text_en": RESTRICTED_EN,
                "classification": "restricted",
            },
            {
                "kind": "recommendation",
                "text_ar": CONFIDENTIAL_AR,
                "text_en": CONFIDENTIAL_EN,
                "classification": "confidential",
            },
        ],
    )
    services.minutes_approve(minutes=minutes, actor=officer)
    return minutes


def test_the_pdf_holds_both_languages_and_leaves_out_what_is_above_the_chosen_classification(
    officer_client, minutes
):
    response = officer_client.get(reverse("minutes:minutes_pdf", args=[minutes.pk]), {"cap": "restricted"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for words in (PUBLIC_AR, PUBLIC_EN, RESTRICTED_AR, RESTRICTED_EN, "Samer Halabi", "سامر الحلبي"):
        assert has(text, words), words
    for words in (CONFIDENTIAL_AR, CONFIDENTIAL_EN):
        assert not has(text, words), words
    # Marked with the highest classification it holds, in both languages.
    # (Poppler reads the bold Arabic word with a space inside it: compared without spaces.)
    assert has(text, "Restricted") and "مقيد" in text.replace(" ", "")
    assert not has(text, "Confidential")
    assert minutes.approvals.get().text_hash in text
    assert AuditEntry.objects.filter(action="export", note__contains=f"minutes {minutes.pk} pdf").exists()


def test_everything_the_reader_may_see_by_default(officer_client, minutes):
    text = pdf_text(officer_client.get(reverse("minutes:minutes_pdf", args=[minutes.pk])).content)
    assert has(text, CONFIDENTIAL_AR) and has(text, CONFIDENTIAL_EN) and has(text, "Confidential")


def test_never_above_the_readers_clearance(minutes, django_user_model):
    viewer = logged_in(make_user(django_user_model, "viewer"))  # cleared for internal
    text = pdf_text(viewer.get(reverse("minutes:minutes_pdf", args=[minutes.pk])).content)
    assert has(text, PUBLIC_AR) and has(text, PUBLIC_EN)
    assert not has(text, RESTRICTED_AR) and not has(text, RESTRICTED_EN) and not has(text, CONFIDENTIAL_EN)
    # A classification above the clearance is not offered, nor accepted.
    assert viewer.get(reverse("minutes:minutes_pdf", args=[minutes.pk]), {"cap": "secret"}).status_code == 400


def test_the_reader_chooses_which_language_comes_first(officer, minutes):
    arabic_first = pdf_text(services.minutes_pdf(minutes, reader=officer, cap="public", first="ar"))
    english_first = pdf_text(services.minutes_pdf(minutes, reader=officer, cap="public", first="en"))
    assert has(arabic_first, PUBLIC_AR) and has(english_first, PUBLIC_EN)
    assert arabic_first != english_first


def test_the_api_serves_minutes_with_the_items_the_reader_may_see(minutes, django_user_model):
    viewer = make_user(django_user_model, "viewer")
    client = ApiClient(token_for(viewer))
    response = client.get(f"/api/minutes/{minutes.pk}")
    assert response.status_code == 200, response.content
    texts = [item["text_en"] for item in response.json()["items"]]
    assert texts == [PUBLIC_EN]
    listed = client.get("/api/minutes").json()["items"]
    assert [m["id"] for m in listed] == [minutes.pk]
    type(minutes).objects.filter(pk=minutes.pk).update(classification="secret")
    assert client.get(f"/api/minutes/{minutes.pk}").status_code == 404
