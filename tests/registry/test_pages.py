"""The registry's pages: engagements and people written through the web (with an engagement's
participants), deletions refused while a record is referred to, the engagement list's filters, and
an engagement's dates in both calendars."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.registry.models import Engagement, Participation, Party, Person
from tests.pages import text, url

pytestmark = pytest.mark.django_db


# --- writing through the web ------------------------------------------------------------------


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
        "record-party": "SY",
        "record-agency": agency.pk,
        "record-classification": "internal",
        **management("fs0", 1),
        "fs0-0-title_ar": "وزير الداخلية",
        "fs0-0-agency": agency.pk,
    }
    response = officer_client.post(url("registry:person_create"), data)
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert (person.rank, person.agency, person.position) == ("فريق", agency, "وزير الداخلية")

    # The post ends and another begins: the position shown follows the post held now.
    post = person.positions.get()
    data.update(
        {
            **management("fs0", 2, initial=1),
            "fs0-0-id": post.pk,
            "fs0-0-start_date": "2020-01-05",
            "fs0-0-end_date": "2024-03-01",
            "fs0-1-title_ar": "نائب رئيس مجلس الوزراء",
            "fs0-1-start_date": "2024-03-02",
        }
    )
    response = officer_client.post(url("registry:person_update", person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "نائب رئيس مجلس الوزراء"
    assert person.positions.count() == 2


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


# --- deleting ---------------------------------------------------------------------------------


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


# --- list filters and htmx --------------------------------------------------------------------


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


# --- dates in both calendars ------------------------------------------------------------------


def test_the_engagement_page_shows_the_hijri_date_in_arabic(officer_client, make):
    engagement = make.engagement(start_date=dt.date(2025, 4, 14))
    body = text(officer_client.get(url("registry:engagement_detail", engagement.pk)))
    assert "16 شوال 1446" in body
    assert 'datetime="2025-04-14"' in body


def test_the_engagement_page_shows_the_hijri_date_in_english(officer_client, make):
    engagement = make.engagement(start_date=dt.date(2025, 4, 14))
    body = text(officer_client.get(url("registry:engagement_detail", engagement.pk, language="en")))
    assert "16 Shawwal 1446 AH" in body
