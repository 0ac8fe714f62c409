"""Record pickers: a form renders only the records chosen, the record type's choices address
finds the others as they are typed, within the reader's clearance, and what is posted is checked
as before (issue 19: forms that listed every record took seconds at 100,000 engagements)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from taawun.registry.models import Engagement
from tests.pages import offered
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


def choices(client, name: str, query: str) -> list[str]:
    response = client.get(reverse(name), {"q": query})
    assert response.status_code == 200
    return [result["label"] for result in response.json()["results"]]


def select(page: str, name: str) -> str:
    found = re.search(rf'<select name="{re.escape(name)}"[^>]*>.*?</select>', page, re.S)
    assert found, name
    return found.group(0)


def test_an_engagement_form_renders_only_the_chosen_source_and_people(officer_client, make):
    chosen = make.source(title="بيان عن الزيارة")
    for number in range(30):
        make.source(title=f"مصدر آخر رقم {number}")
        make.person("SY", name_ar=f"شخص آخر {number}")
    head = make.person("SY", name_ar="سالم الحربي")
    engagement = make.engagement("SA", ["SY"], title_ar="زيارة عمل")
    engagement.sources.add(chosen)
    engagement.participations.create(person=head, role="head")

    page = officer_client.get(reverse("registry:engagement_update", args=[engagement.pk])).content.decode()

    sources = select(page, "record-sources")
    assert 'data-picker="search"' in sources and reverse("registry:source_choices") in sources
    assert re.findall(r"<option [^>]*selected>([^<]*)</option>", sources) == [str(chosen)]
    assert "مصدر آخر" not in page and "شخص آخر" not in page
    first_row = select(page, "fs0-0-person")
    assert "سالم الحربي" in first_row and 'data-picker-url="/registry/person/choices/"' in first_row
    blank_row = select(page, "fs0-1-person")
    assert re.findall(r"<option", blank_row) == ["<option"]  # the empty choice only


def test_partners_are_listed_in_full_and_filtered_as_typed(officer_client):
    page = officer_client.get(reverse("registry:engagement_create")).content.decode()
    host = select(page, "record-host")
    assert 'data-picker="list"' in host and "data-picker-url" not in host
    assert offered(officer_client, page, "record-host", "(SY)")  # "Syria (SY)", by code too
    assert len(re.findall(r"<option", host)) > 200  # every country


def test_people_are_found_however_the_name_is_spelled_and_only_within_the_clearance(make, django_user_model):
    make.person("SY", name_ar="أحمد عبد الله الحسن", name_en="Ahmad Abdullah Al-Hasan", rank="brigadier")
    make.person("SY", name_ar="أحمد السري", classification="secret")
    officer = logged_in(make_user(django_user_model, "officer"))
    low = logged_in(make_user(django_user_model, "low_clearance"))

    for typed in ("احمد الحسن", "أحمد", "عبدالله", "Al-Hasan", "hasan"):
        labels = choices(officer, "registry:person_choices", typed)
        assert any("أحمد عبد الله الحسن" in label for label in labels), typed
    assert "أحمد السري" in " ".join(choices(officer, "registry:person_choices", "احمد"))
    assert "أحمد السري" not in " ".join(choices(low, "registry:person_choices", "احمد"))
    # The label tells two namesakes apart: rank, name, partner.
    label = next(label for label in choices(officer, "registry:person_choices", "الحسن"))
    assert label.endswith("SY") and "أحمد عبد الله الحسن" in label


def test_one_letter_finds_nothing_and_an_outsider_is_sent_to_log_in(client, officer_client, make):
    make.person("SY", name_ar="أحمد الحسن")
    assert choices(officer_client, "registry:person_choices", "أ") == []
    response = client.get(reverse("registry:person_choices"), {"q": "أحمد"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_engagements_are_found_through_the_search_index_within_the_clearance(make, django_user_model):
    make.engagement("SA", ["SY"], title_ar="اجتماع اللجنة الأمنية المشتركة")
    make.engagement("SA", ["SY"], title_ar="اجتماع اللجنة السرية", classification="secret")
    officer = logged_in(make_user(django_user_model, "officer"))
    low = logged_in(make_user(django_user_model, "low_clearance"))

    assert any("الأمنية" in label for label in choices(officer, "registry:engagement_choices", "اللجنة"))
    assert any("السرية" in label for label in choices(officer, "registry:engagement_choices", "اللجنة"))
    assert not any("السرية" in label for label in choices(low, "registry:engagement_choices", "اللجنة"))
    # While a word is still being typed, its beginning finds it.
    assert choices(officer, "registry:engagement_choices", "المشتر")


def test_a_record_above_the_clearance_posted_by_hand_is_refused(make, django_user_model):
    hidden = make.person("SY", name_ar="شخص سري", classification="secret")
    client = logged_in(make_user(django_user_model, "low_clearance"))
    response = client.post(
        reverse("registry:engagement_create"),
        {
            "record-kind": "meeting",
            "record-title_ar": "اجتماع",
            "record-classification": "public",
            "record-start_precision": "day",
            "record-end_precision": "day",
            "fs0-TOTAL_FORMS": "1",
            "fs0-INITIAL_FORMS": "0",
            "fs0-0-person": str(hidden.pk),
            "fs0-0-role": "head",
        },
    )
    assert response.status_code == 400  # the form again, with the message
    assert not Engagement.objects.filter(title_ar="اجتماع").exists()
    assert "شخص سري" not in response.content.decode()


def test_the_person_picker_offers_who_holds_the_post_now_first(officer_client, make):
    import datetime as dt

    from taawun.registry import services
    from taawun.registry.models import Position

    former = make.person("SY", name_ar="أحمد الأسبق")  # first by name
    present = make.person("SY", name_ar="أحمد الحالي")
    for person, end in ((former, dt.date(2020, 1, 1)), (present, None)):
        Position.objects.create(
            person=person, title_ar="وزير الداخلية", start_date=dt.date(2015, 1, 1), end_date=end
        )
        services.person_position_sync(person)
    labels = choices(officer_client, "registry:person_choices", "أحمد")
    assert [label.split()[1] for label in labels[:2]] == ["الحالي", "الأسبق"]
