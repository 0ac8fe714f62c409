"""Every page in both languages, the write paths through the web, list filters and the party profile.

The page matrix is built from the record catalogue (every app's records.py), so a new Crud is walked automatically
(give `one_of_each` in conftest.py a record of the new type).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from taawun.agreements.models import ActionItem, Understanding
from taawun.knowledge.models import KnowledgeItem
from taawun.records import catalog
from taawun.registry.models import Engagement, Participation, Party, Person

pytestmark = pytest.mark.django_db

CRUDS = catalog.all_records()
ACTIONS = ["list", "create", "detail", "update", "delete"]
RECORD_ACTIONS = {"detail", "update", "delete"}
LANGUAGES = {"ar": '<html lang="ar" dir="rtl">', "en": '<html lang="en" dir="ltr">'}
PAGES = [(crud, action) for crud in CRUDS for action in ACTIONS]
PAGE_IDS = [crud.url_name(action) for crud, action in PAGES]


def url(name: str, *args, language: str = "ar", query: str = "") -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def crud_url(crud, action: str, records: dict, language: str) -> str:
    args = [records[crud.key].pk] if action in RECORD_ACTIONS else []
    return url(crud.url_name(action), *args, language=language)


def text(response) -> str:
    return response.content.decode()


# --- the page matrix ------------------------------------------------------------------------


def test_every_crud_has_a_record_to_walk_its_pages(one_of_each):
    assert {crud.key for crud in CRUDS} <= set(one_of_each)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(("crud", "action"), PAGES, ids=PAGE_IDS)
def test_every_page_opens_in_both_languages_for_an_officer(
    officer_client, one_of_each, crud, action, language
):
    address = crud_url(crud, action, one_of_each, language)
    assert address.startswith("/en/") == (language == "en")
    response = officer_client.get(address)
    assert response.status_code == 200, address
    assert LANGUAGES[language] in text(response)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(("crud", "action"), PAGES, ids=PAGE_IDS)
def test_every_page_sends_an_anonymous_visitor_to_the_login(client, one_of_each, crud, action, language):
    address = crud_url(crud, action, one_of_each, language)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:login", language=language) + "?next=")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_home_page_opens_in_both_languages(officer_client, one_of_each, language):
    response = officer_client.get(url("web:home", language=language))
    assert response.status_code == 200
    assert LANGUAGES[language] in text(response)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_home_page_sends_an_anonymous_visitor_to_the_login(client, language):
    response = client.get(url("web:home", language=language))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:login", language=language))


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_login_page_opens_in_both_languages(client, language):
    response = client.get(url("accounts:login", language=language))
    assert response.status_code == 200
    assert LANGUAGES[language] in text(response)


@pytest.mark.parametrize(
    ("page", "language", "lands_on"),
    [
        ("/registry/engagement/?year=2025", "en", "/en/registry/engagement/?year=2025"),
        ("/en/registry/engagement/?year=2025", "ar", "/registry/engagement/?year=2025"),
    ],
)
def test_the_language_switch_returns_to_the_same_page_in_the_other_language(
    officer_client, page, language, lands_on
):
    html = officer_client.get(page).content.decode()
    switch = re.search(r'<form action="([^"]+)" method="post" class="langswitch">(.*?)</form>', html, re.S)
    next_value = re.search(r'name="next" type="hidden" value="([^"]+)"', switch.group(2)).group(1)
    response = officer_client.post(
        switch.group(1), {"language": language, "next": next_value.replace("&amp;", "&")}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on
    opened = officer_client.get(response["Location"]).content.decode()
    assert f'<html lang="{language}"' in opened


def test_urls_without_a_prefix_are_arabic_and_en_urls_english(officer_client):
    assert url("registry:engagement_list") == "/registry/engagement/"
    assert url("registry:engagement_list", language="en") == "/en/registry/engagement/"


# --- writing through the web ----------------------------------------------------------------


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def engagement_post(participations=(), **overrides) -> dict:
    """An engagement create/edit POST: the main form under "record-", participations under "fs0-"."""
    fields = {
        "kind": "visit",
        "classification": "internal",
        "title_ar": "زيارة وزير الداخلية السوري",
        "title_en": "Visit of the Syrian interior minister",
        "start_date": "2025-04-14",
        "start_precision": "day",
        "end_date": "2025-04-15",
        "end_precision": "day",
        "location_country": "SA",
        "location_city": "الرياض",
        "host": "SA",
        "guests": ["SY"],
        "domains": ["counter_terrorism", "narcotics"],
        "forms": ["visit"],
        "summary": "",
        "outcomes": "",
    }
    fields.update(overrides)
    data = {f"record-{name}": value for name, value in fields.items() if value is not None}
    data.update(management("fs0", len(participations)))
    for index, row in enumerate(participations):
        for name, value in row.items():
            data[f"fs0-{index}-{name}"] = value
    return data


def test_an_engagement_is_created_with_its_participants(officer_client, make):
    head, member = make.person("SY"), make.person("SY")
    response = officer_client.post(
        url("registry:engagement_create"),
        engagement_post(
            participations=[{"person": head.pk, "role": "head"}, {"person": member.pk, "role": "member"}]
        ),
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == engagement.get_absolute_url()
    assert [p.code for p in engagement.parties()] == ["SA", "SY"]
    assert {d.code for d in engagement.domains.all()} == {"counter_terrorism", "narcotics"}
    assert set(engagement.participations.values_list("person_id", "role")) == {
        (head.pk, "head"),
        (member.pk, "member"),
    }


def test_an_engagement_is_edited_with_its_participants(officer_client, make):
    head, member, newcomer = make.person("SY"), make.person("SY"), make.person("SA")
    engagement = make.engagement("SA", ["SY"], participants=[(head, "head"), (member, "member")])
    rows = list(engagement.participations.order_by("id"))
    data = engagement_post(
        title_ar="زيارة معدلة",
        participations=[
            {"id": rows[0].pk, "person": head.pk, "role": "head"},
            {"id": rows[1].pk, "person": member.pk, "role": "member", "DELETE": "on"},
            {"person": newcomer.pk, "role": "host"},
        ],
    )
    data.update(management("fs0", 3, initial=2))
    response = officer_client.post(url("registry:engagement_update", engagement.pk), data)
    assert response.status_code == 302, text(response)
    engagement.refresh_from_db()
    assert engagement.title_ar == "زيارة معدلة"
    assert set(engagement.participations.values_list("person_id", "role")) == {
        (head.pk, "head"),
        (newcomer.pk, "host"),
    }


def test_an_invalid_participant_row_leaves_no_engagement_behind(officer_client, make):
    person = make.person("SY")
    response = officer_client.post(
        url("registry:engagement_create"),
        engagement_post(participations=[{"person": person.pk, "role": "not-a-role"}]),
    )
    assert response.status_code == 400
    assert not Engagement.objects.exists()
    assert not Participation.objects.exists()


def test_an_unknown_participant_leaves_no_engagement_behind(officer_client):
    response = officer_client.post(
        url("registry:engagement_create"),
        engagement_post(participations=[{"person": 999999, "role": "head"}]),
    )
    assert response.status_code == 400
    assert not Engagement.objects.exists()


def test_the_same_participant_twice_is_refused_and_nothing_is_saved(officer_client, make):
    person = make.person("SY")
    response = officer_client.post(
        url("registry:engagement_create"),
        engagement_post(
            participations=[{"person": person.pk, "role": "head"}, {"person": person.pk, "role": "member"}]
        ),
    )
    assert response.status_code == 400
    assert not Engagement.objects.exists()


def test_an_invalid_engagement_is_refused_with_400_and_nothing_is_saved(officer_client, make):
    person = make.person("SY")
    response = officer_client.post(
        url("registry:engagement_create", language="en"),
        engagement_post(end_date="2025-04-01", participations=[{"person": person.pk, "role": "head"}]),
    )
    assert response.status_code == 400
    assert "The end cannot be before the start." in text(response)
    assert "Nothing was saved" in text(response)
    assert not Engagement.objects.exists()
    assert not Participation.objects.exists()


def test_a_failure_while_saving_the_participants_rolls_the_engagement_back(officer_client, make, monkeypatch):
    from taawun.registry.forms import ParticipationFormSet

    def broken_save(self, commit=True):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ParticipationFormSet, "save", broken_save)
    person = make.person("SY")
    with pytest.raises(RuntimeError):
        officer_client.post(
            url("registry:engagement_create"),
            engagement_post(participations=[{"person": person.pk, "role": "head"}]),
        )
    assert not Engagement.objects.exists()


def test_an_invalid_engagement_form_shows_the_error_in_arabic(officer_client):
    response = officer_client.post(url("registry:engagement_create"), engagement_post(kind=""))
    assert response.status_code == 400
    assert "هذا الحقل مطلوب." in text(response)


def test_a_person_is_created_and_edited_through_the_web(officer_client, make):
    agency = make.agency("SY")
    data = {
        "record-name_ar": "أحمد",
        "record-name_en": "Ahmad",
        "record-rank": "فريق",
        "record-position": "وزير الداخلية",
        "record-party": "SY",
        "record-agency": agency.pk,
        "record-classification": "internal",
    }
    response = officer_client.post(url("registry:person_create"), data)
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert (person.rank, person.agency) == ("فريق", agency)

    data["record-position"] = "نائب رئيس مجلس الوزراء"
    response = officer_client.post(url("registry:person_update", person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "نائب رئيس مجلس الوزراء"


def test_a_person_with_an_agency_of_another_party_is_refused(officer_client, make):
    data = {
        "record-name_en": "Ahmad",
        "record-party": "SY",
        "record-agency": make.agency("QA").pk,
        "record-classification": "internal",
    }
    response = officer_client.post(url("registry:person_create", language="en"), data)
    assert response.status_code == 400
    assert "The agency must belong to the person&#x27;s party." in text(response)
    assert not Person.objects.exists()


def test_an_understanding_is_created_and_edited_through_the_web(officer_client):
    data = {
        "record-kind": "mou",
        "record-title_ar": "مذكرة تفاهم في مكافحة المخدرات",
        "record-parties": ["SA", "SY"],
        "record-status": "signed",
        "record-signed_on": "2024-05-01",
        "record-domains": ["narcotics"],
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:understanding_create"), data)
    understanding = Understanding.objects.get()
    assert response.status_code == 302 and response["Location"] == understanding.get_absolute_url()
    assert sorted(p.code for p in understanding.parties.all()) == ["SA", "SY"]

    data.update({"record-effective_on": "2024-06-01", "record-parties": ["SA", "SY", "QA"]})
    response = officer_client.post(url("agreements:understanding_update", understanding.pk), data)
    assert response.status_code == 302
    understanding.refresh_from_db()
    assert understanding.status == "signed"  # the edit form no longer sets the status
    assert understanding.effective_on == dt.date(2024, 6, 1)
    assert understanding.parties.count() == 3

    # The status moves through the lifecycle, with a reason.
    response = officer_client.post(
        url("agreements:understanding_transition", understanding.pk), {"to": "in_force", "reason": "Ratified"}
    )
    assert response.status_code == 302
    understanding.refresh_from_db()
    assert understanding.status == "in_force"


def test_an_understanding_with_one_party_is_refused_through_the_web(officer_client):
    data = {
        "record-kind": "mou",
        "record-title_ar": "مذكرة",
        "record-parties": ["SY"],
        "record-status": "draft",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:understanding_create", language="en"), data)
    assert response.status_code == 400
    assert "An understanding is between at least two parties." in text(response)
    assert not Understanding.objects.exists()


def test_an_action_item_is_created_and_edited_through_the_web(officer_client, make):
    committee = make.committee()
    owner = make.person("SY")
    data = {
        "record-title": "تبادل ضباط الارتباط",
        "record-committee": committee.pk,
        "record-owner_party": "SY",
        "record-owner_person": owner.pk,
        "record-due_on": "2025-06-30",
        "record-status": "open",
        "record-progress": "0",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:actionitem_create"), data)
    item = ActionItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()

    data.update({"record-status": "done", "record-progress": "100"})
    response = officer_client.post(url("agreements:actionitem_update", item.pk), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == ("done", 100)


def test_an_action_item_done_below_one_hundred_percent_is_not_saved(officer_client, make):
    item = make.action_item("SY", title="Unchanged")
    data = {
        "record-title": "Changed",
        "record-owner_party": "SY",
        "record-status": "done",
        "record-progress": "90",
        "record-classification": "internal",
    }
    response = officer_client.post(url("agreements:actionitem_update", item.pk, language="en"), data)
    assert response.status_code == 400
    assert "A done item is at 100%." in text(response)
    item.refresh_from_db()
    assert (item.title, item.status) == ("Unchanged", "open")


# --- deleting -------------------------------------------------------------------------------


def test_a_record_is_deleted_and_the_list_is_shown(officer_client, make):
    item = make.knowledge()
    response = officer_client.post(url("knowledge:knowledgeitem_delete", item.pk))
    assert response.status_code == 302
    assert response["Location"] == url("knowledge:knowledgeitem_list")
    assert not KnowledgeItem.objects.exists()


def test_deleting_an_engagement_deletes_its_participations_but_not_the_people(officer_client, make):
    person = make.person("SY")
    engagement = make.engagement(participants=[(person, "head")])
    response = officer_client.post(url("registry:engagement_delete", engagement.pk))
    assert response.status_code == 302
    assert not Engagement.objects.exists() and not Participation.objects.exists()
    assert Person.objects.filter(pk=person.pk).exists()


def test_deleting_a_party_that_hosts_an_engagement_is_refused_with_409(officer_client, make):
    engagement = make.engagement("SA", ["SY"], title_en="Riyadh talks")
    response = officer_client.post(url("registry:party_delete", "SA", language="en"))
    assert response.status_code == 409
    body = text(response)
    assert "This record is still referenced by others; nothing was deleted." in body
    assert "Riyadh talks" in body
    assert Party.objects.filter(code="SA").exists()
    assert Engagement.objects.filter(pk=engagement.pk, host_id="SA").exists()


def test_the_still_referenced_page_speaks_arabic_in_arabic(officer_client, make):
    make.engagement("SA", ["SY"])
    response = officer_client.post(url("registry:party_delete", "SA"))
    assert response.status_code == 409
    assert LANGUAGES["ar"] in text(response)
    assert "هذا السجل لا يزال مرتبطًا بسجلات أخرى" in text(response)


def test_deleting_a_person_who_took_part_in_an_engagement_is_refused_with_409(officer_client, make):
    person = make.person("SY")
    make.engagement(participants=[(person, "head")])
    response = officer_client.post(url("registry:person_delete", person.pk, language="en"))
    assert response.status_code == 409
    assert "still referenced" in text(response)
    assert Person.objects.filter(pk=person.pk).exists()
    assert Participation.objects.filter(person=person).exists()


def test_deleting_a_party_that_is_a_guest_of_an_engagement_is_refused(officer_client, make):
    engagement = make.engagement("SA", ["YE"])
    response = officer_client.post(url("registry:party_delete", "YE"))
    assert Party.objects.filter(code="YE").exists()
    assert list(engagement.guests.values_list("code", flat=True)) == ["YE"]
    assert response.status_code == 409


# --- list filters and htmx ------------------------------------------------------------------


@pytest.fixture
def engagements(make) -> dict[str, Engagement]:
    return {
        "riyadh": make.engagement(
            "SA", ["SY"], kind="visit", domains=["narcotics"], start_date=dt.date(2025, 4, 14)
        ),
        "doha": make.engagement(
            "QA", ["SA", "JO"], kind="meeting", domains=["cybercrime"], start_date=dt.date(2024, 11, 2)
        ),
        "damascus": make.engagement(
            "SY", ["JO"], kind="workshop", domains=["narcotics", "cybercrime"], start_date=dt.date(2023, 1, 9)
        ),
        "undated": make.engagement("GCC", ["SA"], kind="conference", start_date=None),
    }


def listed(client, query: str) -> set[int]:
    response = client.get(url("registry:engagement_list", query=query))
    assert response.status_code == 200
    return {record.pk for record in response.context["object_list"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"riyadh", "doha", "damascus", "undated"}),
        ("party=SA", {"riyadh", "doha", "undated"}),
        ("party=SY", {"riyadh", "damascus"}),
        ("party=JO", {"doha", "damascus"}),
        ("party=GCC", {"undated"}),
        ("kind=meeting", {"doha"}),
        ("domain=narcotics", {"riyadh", "damascus"}),
        ("domain=cybercrime&party=JO", {"doha", "damascus"}),
        ("start_after=2024-01-01", {"riyadh", "doha"}),
        ("start_before=2024-11-02", {"doha", "damascus"}),
        ("start_after=2024-01-01&start_before=2024-12-31", {"doha"}),
        ("party=SA&kind=visit&domain=narcotics&start_after=2025-04-14&start_before=2025-04-14", {"riyadh"}),
        ("party=SA&kind=workshop", set()),
    ],
)
def test_the_engagement_list_filters_by_party_kind_domain_and_dates(
    officer_client, engagements, query, expected
):
    assert listed(officer_client, query) == {engagements[name].pk for name in expected}


def test_the_engagement_list_searches_the_titles(officer_client, engagements):
    assert listed(officer_client, f"q={engagements['doha'].title_en}") == {engagements["doha"].pk}


def test_an_htmx_request_to_a_list_gets_only_the_results(officer_client, engagements):
    response = officer_client.get(url("registry:engagement_list", query="party=SY"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = text(response)
    assert "<html" not in body and "<form" not in body
    assert '<table class="records">' in body
    assert engagements["riyadh"].title_ar in body
    assert engagements["doha"].title_ar not in body


@pytest.mark.parametrize("crud", CRUDS, ids=[crud.key for crud in CRUDS])
def test_every_list_answers_htmx_with_a_fragment(officer_client, one_of_each, crud):
    response = officer_client.get(url(crud.url_name("list")), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in text(response)


def test_a_boosted_htmx_request_gets_the_whole_page(officer_client):
    response = officer_client.get(
        url("registry:engagement_list"), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"
    )
    assert LANGUAGES["ar"] in text(response)


# --- the party profile ----------------------------------------------------------------------


def test_the_party_profile_shows_its_timeline_understandings_and_open_items(officer_client, make):
    visit = make.engagement("SA", ["SY"], title_ar="زيارة الرياض", start_date=dt.date(2025, 4, 14))
    talks = make.engagement("SY", ["JO"], title_ar="محادثات دمشق", start_date=dt.date(2023, 1, 9))
    elsewhere = make.engagement("QA", ["JO"], title_ar="لقاء الدوحة")
    understanding = make.understanding(["SA", "SY"], title_ar="مذكرة الرياض")
    other_understanding = make.understanding(["QA", "JO"], title_ar="مذكرة عمّان")
    committee = make.committee(["SA", "SY"])
    open_item = make.action_item("SY", title="Send the liaison officer")
    committee_item = make.action_item("SA", title="Host the next round", committee=committee)
    done_item = make.action_item("SY", title="Already finished", status="done", progress=100)

    response = officer_client.get(url("registry:party_detail", "SY"))
    assert response.status_code == 200
    body = text(response)
    for shown in [
        visit.title_ar,
        talks.title_ar,
        understanding.title_ar,
        open_item.title,
        committee_item.title,
    ]:
        assert shown in body
    for hidden in [elsewhere.title_ar, other_understanding.title_ar, done_item.title]:
        assert hidden not in body
    # The timeline goes by year, most recent first.
    assert [year for year, _ in response.context["timeline"]] == [2025, 2023]
    assert body.index(visit.title_ar) < body.index(talks.title_ar)


def test_undated_engagements_come_after_the_dated_ones(officer_client, make):
    undated = make.engagement("SA", ["SY"], start_date=None)
    dated = make.engagement("SA", ["SY"], start_date=dt.date(2025, 4, 14))
    response = officer_client.get(url("registry:engagement_list"))
    assert [e.pk for e in response.context["object_list"]] == [dated.pk, undated.pk]
    profile = officer_client.get(url("registry:party_detail", "SY"))
    assert [year for year, _ in profile.context["timeline"]] == [2025, None]


def test_the_party_profile_of_a_party_without_activity_opens(officer_client):
    response = officer_client.get(url("registry:party_detail", "TV", language="en"))
    assert response.status_code == 200
    assert "Tuvalu" in text(response)


def test_an_unknown_party_code_is_404(officer_client):
    assert officer_client.get(url("registry:party_detail", "XX")).status_code == 404


# --- dates in both calendars ----------------------------------------------------------------


def test_the_engagement_page_shows_the_hijri_date_in_arabic(officer_client, make):
    engagement = make.engagement(start_date=dt.date(2025, 4, 14))
    body = text(officer_client.get(url("registry:engagement_detail", engagement.pk)))
    assert "16 شوال 1446" in body
    assert 'datetime="2025-04-14"' in body


def test_the_engagement_page_shows_the_hijri_date_in_english(officer_client, make):
    engagement = make.engagement(start_date=dt.date(2025, 4, 14))
    body = text(officer_client.get(url("registry:engagement_detail", engagement.pk, language="en")))
    assert "16 Shawwal 1446 AH" in body


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("agreements:understanding_detail", lambda make: make.understanding(signed_on=dt.date(2025, 4, 14))),
        ("agreements:actionitem_detail", lambda make: make.action_item(due_on=dt.date(2025, 4, 14))),
        ("training:trainingprogram_detail", lambda make: make.training(start_date=dt.date(2025, 4, 14))),
    ],
    ids=["understanding", "action item", "training"],
)
def test_other_detail_pages_show_hijri_dates_too(officer_client, make, name, record):
    body = text(officer_client.get(url(name, record(make).pk)))
    assert "16 شوال 1446" in body


def test_a_detail_page_shows_the_title_in_the_reader_language(officer_client, make):
    engagement = make.engagement(title_ar="زيارة رسمية", title_en="Official visit")
    assert re.search(r"<h1>\s*زيارة رسمية", text(officer_client.get(engagement.get_absolute_url())))
    english = text(officer_client.get(url("registry:engagement_detail", engagement.pk, language="en")))
    assert re.search(r"<h1>\s*Official visit", english)


@pytest.mark.parametrize(("language", "first", "second"), [("ar", "JO", "EG"), ("en", "EG", "JO")])
def test_partner_choices_are_listed_in_the_order_of_the_readers_language(
    officer_client, language, first, second
):
    # Egypt / مصر and Jordan / الأردن come in opposite orders in the two languages.
    html = officer_client.get(url("registry:engagement_create", language=language)).content.decode()
    host = re.search(r'<select name="record-host"[^>]*>(.*?)</select>', html, re.S).group(1)
    codes = re.findall(r'<option value="([A-Z]{2,})"', host)
    assert codes.index(first) < codes.index(second)
