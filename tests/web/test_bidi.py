"""Text typed in either script is isolated where the pages print it (show, isolate, with_post):
each name, title or position takes its direction from its own letters, escaped as ever."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from taawun.core.templatetags.taawun import isolate, show, with_post

pytestmark = pytest.mark.django_db


def test_a_text_is_isolated_and_escaped():
    assert show("مدير عام") == "<bdi>مدير عام</bdi>"
    assert show("<b>x</b>") == "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"
    assert isolate("") == "" and show("") == "—"


def test_a_record_links_with_its_direction_from_its_name(make):
    person = make.person("JO", name_ar="سامي القحطاني", name_en="")
    assert show(person) == f'<a href="{person.get_absolute_url()}" dir="auto">سامي القحطاني</a>'


def test_names_in_a_list_are_each_isolated_so_the_commas_keep_their_order(make):
    first = make.person("JO", name_ar="سامي القحطاني", name_en="")
    second = make.person("JO", name_ar="فهد العتيبي", name_en="")
    with translation.override("en"):
        shown = show([first, second])
    assert shown.count('dir="auto"') == 2 and "</a>, <a" in shown


def test_a_person_with_a_post_shows_both_isolated(make):
    person = make.person("JO", name_ar="سامي القحطاني", name_en="", position="مدير عام الشؤون الدولية")
    shown = with_post(person)
    assert shown.startswith(f'<a href="{person.get_absolute_url()}" dir="auto">سامي القحطاني</a> — ')
    assert shown.endswith("<bdi>مدير عام الشؤون الدولية</bdi>")
    assert with_post(None) == "—"
    person.position = ""
    assert "—" not in with_post(person)


def test_a_calendar_event_title_is_isolated_from_its_kind_and_flag(officer_client, make):
    make.action_item("JO", title="تبادل قوائم الضباط", due_on=timezone.localdate() + dt.timedelta(days=3))
    page = officer_client.get("/en" + reverse("schedule:agenda")).content.decode()
    assert "<bdi>تبادل قوائم الضباط</bdi></a>" in page


def test_each_paragraph_of_a_typed_text_takes_its_own_direction(officer_client, make):
    engagement = make.engagement(summary="اجتماع دوري لبحث التعاون.\n\nA regular meeting on cooperation.")
    page = officer_client.get("/en" + engagement.get_absolute_url()).content.decode()
    assert '<p dir="auto"><span dir="auto">اجتماع دوري لبحث التعاون.</span></p>' in page
    assert '<p dir="auto"><span dir="auto">A regular meeting on cooperation.</span></p>' in page
