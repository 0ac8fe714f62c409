"""The country brief's first page (who is who, what is open, the last engagements, what is coming)
and the brief as an editable Word document."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from docx import Document
from pypdf import PdfReader

from taawun.audit.models import AuditEntry
from taawun.reports.brief import country_brief
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


def test_who_is_who_puts_the_most_senior_first(make, officer):
    make.person("SY", name_ar="سامر الأول", rank="عقيد")
    make.person("SY", name_ar="خالد الثاني", rank="لواء")
    make.person("SY", name_ar="بلا رتبة")
    who = country_brief(make.party("SY"), officer)["who_is_who"]
    assert [str(p) for p in who] == ["خالد الثاني", "سامر الأول", "بلا رتبة"]


def test_the_first_page_counts_what_is_open_and_overdue_on_each_side(make, officer):
    today = timezone.localdate()
    committee = make.committee(("SA", "SY"))
    make.action_item("SY", due_on=today - dt.timedelta(days=3))  # theirs, overdue
    make.action_item("SY", due_on=today + dt.timedelta(days=3))  # theirs
    make.action_item("SA", committee=committee, due_on=today - dt.timedelta(days=1))  # ours, overdue
    make.action_item("SY", status="done", due_on=today - dt.timedelta(days=9))  # done: not open
    counts = country_brief(make.party("SY"), officer, today=today)["open_between_us"]
    assert (counts["theirs"], counts["theirs_overdue"], counts["ours"], counts["ours_overdue"]) == (
        2,
        1,
        1,
        1,
    )


def test_the_first_page_has_the_last_three_engagements_and_the_coming_ones_nearest_first(make, officer):
    today = dt.date(2026, 6, 1)
    for days in (-40, -30, -20, -10):
        make.engagement("SA", ["SY"], title_ar=f"مضى {-days}", start_date=today + dt.timedelta(days=days))
    for days in (60, 15):
        make.engagement("SY", ["SA"], title_ar=f"قادم {days}", start_date=today + dt.timedelta(days=days))
    page = country_brief(make.party("SY"), officer, today=today)
    assert [e.title_ar for e in page["last_engagements"]] == ["مضى 10", "مضى 20", "مضى 30"]
    assert [e.title_ar for e in page["coming_engagements"]] == ["قادم 15", "قادم 60"]


def test_the_pdfs_first_page_is_the_summary_and_the_lists_follow(officer_client, make):
    make.engagement("SA", ["SY"], title_ar="زيارة وفد سوري إلى الرياض")
    response = officer_client.get(reverse("reports:country_brief_pdf", args=["SY"]))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    with translation.override("ar"):
        who, recent = gettext("Who is who"), gettext("Recent engagements")
    assert who in pages[0] and recent not in pages[0]
    assert recent in pages[1]


def docx_of(client, code="SY", language="ar"):
    with translation.override(language):
        response = client.get(
            reverse("reports:country_brief_docx", args=[code]), HTTP_ACCEPT_LANGUAGE=language
        )
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return Document(io.BytesIO(response.content))


def cells(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_the_brief_is_an_editable_word_document_right_to_left_in_arabic(officer_client, make):
    make.engagement("SA", ["SY"], title_ar="زيارة وفد سوري إلى الرياض", start_date=dt.date(2024, 5, 12))
    document = docx_of(officer_client)
    assert "زيارة وفد سوري إلى الرياض" in cells(document)
    xml = document.element.xml
    assert "<w:bidi/>" in xml and "<w:bidiVisual/>" in xml  # paragraphs and tables read right to left
    assert "<w:tblHeader/>" in xml and "<w:cantSplit/>" in xml  # headers repeat, rows never split
    assert AuditEntry.objects.filter(action="export", note__contains="docx").exists()


def test_the_word_brief_holds_nothing_above_the_readers_clearance(make, django_user_model):
    make.engagement("SA", ["SY"], title_ar="لقاء علني", classification="public")
    make.engagement("SA", ["SY"], title_ar="لقاء سري", classification="secret")
    text = " ".join(cells(docx_of(logged_in(make_user(django_user_model, "low_clearance")))))
    assert "لقاء علني" in text and "لقاء سري" not in text


def test_the_word_brief_of_a_hidden_partner_does_not_exist(make, django_user_model):
    make.party("SY").__class__.objects.filter(code="SY").update(classification="secret")
    client = logged_in(make_user(django_user_model, "low_clearance"))
    assert client.get(reverse("reports:country_brief_docx", args=["SY"])).status_code == 404


# --- the brief on screen ---------------------------------------------------------------------


def test_the_brief_page_shows_the_brief_with_its_records_linked_and_its_downloads(officer_client, make):
    engagement = make.engagement("SA", ["SY"], title_ar="زيارة وفد سوري إلى الرياض")
    person = make.person("SY", name_ar="سامر الأول", rank="عقيد")
    with translation.override("ar"):
        response = officer_client.get(reverse("reports:country_brief", args=["SY"]))
        who = gettext("Who is who")
    page = response.content.decode()
    assert response.status_code == 200 and who in page
    assert f'href="{engagement.get_absolute_url()}"' in page
    assert f'href="{person.get_absolute_url()}"' in page
    assert reverse("reports:country_brief_pdf", args=["SY"]) in page
    assert reverse("reports:country_brief_docx", args=["SY"]) in page


def test_the_brief_page_holds_nothing_above_the_readers_clearance(make, django_user_model):
    make.engagement("SA", ["SY"], title_ar="لقاء علني", classification="public")
    make.engagement("SA", ["SY"], title_ar="لقاء سري", classification="secret")
    client = logged_in(make_user(django_user_model, "low_clearance"))
    page = client.get(reverse("reports:country_brief", args=["SY"])).content.decode()
    assert "لقاء علني" in page and "لقاء سري" not in page


def test_the_brief_page_of_a_hidden_partner_does_not_exist(make, django_user_model):
    make.party("SY").__class__.objects.filter(code="SY").update(classification="secret")
    client = logged_in(make_user(django_user_model, "low_clearance"))
    assert client.get(reverse("reports:country_brief", args=["SY"])).status_code == 404


def test_reading_the_brief_page_is_audited_as_a_view_of_the_partner(officer_client, make):
    party = make.party("SY")
    officer_client.get(reverse("reports:country_brief", args=["SY"]))
    assert AuditEntry.objects.filter(action="view", object_pk=str(party.pk), note__contains="brief").exists()
