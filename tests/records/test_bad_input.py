"""Hostile and random input: never rendered unescaped, never a server error, never half written,
and no field set that the form does not show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taawun.registry.forms import EngagementForm
from taawun.registry.models import Engagement, Person
from tests.personas import cleared_officer, logged_in, make_user

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def officer_client(django_user_model):
    return logged_in(make_user(django_user_model, "officer"))


def test_hostile_article_text_and_titles_are_shown_escaped(officer_client, make):
    source = make.source(text=f"مقال عدائي {HOSTILE}", title=HOSTILE)
    engagement = make.engagement("SA", ["SY"], title_ar=HOSTILE, title_en=HOSTILE, summary=HOSTILE)
    engagement.sources.add(source)
    pages = [
        reverse("registry:source_detail", args=[source.pk]),
        reverse("registry:source_list"),
        reverse("registry:engagement_detail", args=[engagement.pk]),
        reverse("registry:engagement_list"),
        reverse("registry:party_detail", args=["SY"]),
        reverse("web:home"),
    ]
    for page in pages:
        html = officer_client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html and "<svg onload" not in html, page
        assert "&lt;script&gt;" in html, page


def test_fields_the_form_does_not_show_cannot_be_set(officer_client):
    response = officer_client.post(
        reverse("registry:person_create"),
        {
            "record-name_ar": "سالم",
            "record-party": "SY",
            "record-classification": "internal",
            "record-created_at": "2001-01-01T00:00:00Z",
            "record-id": "999",
            "record-pk": "999",
            "fs0-TOTAL_FORMS": "0",  # the person's posts (none)
            "fs0-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name_ar="سالم")
    assert person.pk != 999
    assert person.created_at.year > 2001


def test_no_one_classifies_a_record_above_their_clearance(django_user_model):
    client = logged_in(make_user(django_user_model, "low_clearance"))
    response = client.post(
        reverse("registry:person_create"),
        {"record-name_ar": "سالم", "record-party": "SY", "record-classification": "secret"},
    )
    assert response.status_code == 400
    assert not Person.objects.filter(name_ar="سالم").exists()


text = st.text(max_size=300)
maybe_date = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1)).map(str), text)


@FUZZ
@given(
    title_ar=text,
    title_en=text,
    kind=st.one_of(st.sampled_from(["visit", "meeting", "conference"]), text),
    start=maybe_date,
    end=maybe_date,
    host=st.one_of(st.sampled_from(["SA", "SY", "ZZ", ""]), text),
    precision=st.one_of(st.sampled_from(["day", "month", "year"]), text),
)
def test_the_engagement_form_never_fails_on_random_input(
    title_ar, title_en, kind, start, end, host, precision
):
    data = {
        "kind": kind,
        "title_ar": title_ar,
        "title_en": title_en,
        "start_date": start or "",
        "end_date": end or "",
        "start_precision": precision,
        "end_precision": "day",
        "host": host,
        "classification": "internal",
    }
    form = EngagementForm(user=cleared_officer(), data=data)
    if form.is_valid():
        record = form.save()
        assert record.pk and (not record.end_date or record.start_date <= record.end_date)


@FUZZ
@given(name_ar=text, name_en=text, rank=text, position=text, party=text, phone=text, start=text)
def test_the_person_page_answers_random_input_without_a_server_error(
    officer_client, name_ar, name_en, rank, position, party, phone, start
):
    before = Person.objects.count()
    response = officer_client.post(
        reverse("registry:person_create"),
        {
            "record-name_ar": name_ar,
            "record-name_en": name_en,
            "record-rank": rank,
            "record-party": party,
            "record-classification": "internal",
            "record-phone": phone,
            # One post (the person's posts formset).
            "fs0-TOTAL_FORMS": "1",
            "fs0-INITIAL_FORMS": "0",
            "fs0-MIN_NUM_FORMS": "0",
            "fs0-MAX_NUM_FORMS": "1000",
            "fs0-0-title_ar": position,
            "fs0-0-start_date": start,
        },
    )
    assert response.status_code in {302, 400}
    assert Person.objects.count() == before + (1 if response.status_code == 302 else 0)


def test_a_random_engagement_page_answers_without_a_server_error_either(officer_client):
    response = officer_client.post(reverse("registry:engagement_create"), {"record-title_ar": "\x00" * 3})
    assert response.status_code == 400
    assert not Engagement.objects.exists()
