"""Who holds a post now: the country brief (PDF page and Word) and the partner profile list those
holding a post first, by seniority, and mark a former holder with the end of the post (issue 19,
item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from taawun.registry.models import Position
from taawun.registry.services import person_position_sync
from taawun.reports.brief import country_brief
from tests.pages import text
from tests.reports.test_brief import cells, docx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_ministers(make):
    """The previous and the present interior minister of one partner, and a senior officer."""
    former = make.person("SY", name_ar="أحمد السابق", rank="لواء")
    Position.objects.create(
        person=former,
        title_ar="وزير الداخلية",
        start_date=dt.date(2018, 11, 26),
        end_date=dt.date(2024, 12, 8),
    )
    present = make.person("SY", name_ar="يوسف الحالي")
    Position.objects.create(person=present, title_ar="وزير الداخلية", start_date=dt.date(2025, 3, 29))
    officer_ = make.person("SY", name_ar="باسل الضابط", rank="عقيد")
    Position.objects.create(person=officer_, title_ar="مدير إدارة الهجرة")
    for person in (former, present, officer_):
        person_position_sync(person)
    return former, present, officer_


def test_the_brief_lists_the_present_holders_first_and_marks_the_former_one(make, officer, two_ministers):
    former, present, officer_ = two_ministers
    with translation.override("en"):
        brief = country_brief(make.party("SY"), officer)
    # Holding a post: the colonel before the minister without a rank (seniority); the former
    # minister, a major general, after both.
    assert [p.pk for p in brief["who_is_who"]] == [officer_.pk, present.pk, former.pk]
    assert [p.pk for p in brief["people"]] == [officer_.pk, present.pk, former.pk]
    shown = {p.pk: p.post_text for p in brief["who_is_who"]}
    assert shown[present.pk] == "وزير الداخلية"
    assert shown[former.pk].startswith("Former وزير الداخلية (until ")
    assert "2024" in shown[former.pk] and "1446" in shown[former.pk]


def test_the_brief_pdf_and_word_show_the_former_minister_as_former(
    make, officer, officer_client, two_ministers
):
    html = render_to_string(
        "reports/brief.html", {**country_brief(make.party("SY"), officer), "user": officer}
    )
    first_page = html[: html.index("</table>")]
    assert first_page.index("يوسف الحالي") < first_page.index("أحمد السابق")
    assert 'class="former"' in first_page[first_page.index("أحمد السابق") :]
    document = " ".join(cells(docx_of(officer_client)))
    assert document.index("يوسف الحالي") < document.index("أحمد السابق")
    assert "2024" in document[document.index("أحمد السابق") :]


def test_the_partner_profile_lists_those_holding_a_post_first(officer_client, two_ministers, make):
    former, present, officer_ = two_ministers
    page = text(officer_client.get(reverse("registry:party_detail", args=["SY"])))
    people = page[page.index("باسل الضابط") - 200 :]
    assert people.index("باسل الضابط") < people.index("يوسف الحالي") < people.index("أحمد السابق")
    assert 'class="former"' in people


def test_the_person_list_puts_those_holding_a_post_first(officer_client, two_ministers):
    page = text(officer_client.get(reverse("registry:person_list")))
    assert page.index("باسل الضابط") < page.index("أحمد السابق")
    assert page.index("يوسف الحالي") < page.index("أحمد السابق")
    former_row = page[page.index("أحمد السابق") :]
    assert "2024" in former_row[: former_row.index("</tr>")]  # marked former, with the end of the post
