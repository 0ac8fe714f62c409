"""A participant read in an article is matched to the person of the registry the press writes
another way: with or without the بن chain, "عبد الله" or "عبدالله", hamza and ta marbuta,
honorifics and ranks; with the reasons shown on the review screen, a type-ahead over the people
the reviewer may see, and never a person above their clearance."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from taawun.access.system import SYSTEM_READER
from taawun.ingest import services
from taawun.registry import resolution
from taawun.registry.models import Engagement
from tests.ingest.browser import form_as_posted, selected_option

pytestmark = pytest.mark.django_db

# A Saudi brigadier received in Amman, named without his father's name.
SHORT_NAME = (
    "عمّان - استقبل مدير الأمن العام الأردني يوم الاثنين 3 فبراير 2025 العميد عواد البلوي "
    "مدير عام حرس الحدود السعودي والوفد المرافق له، وبحث الجانبان تعزيز التعاون في أمن الحدود."
)


def accept_url(draft) -> str:
    return f"/en/ingest/drafts/{draft.pk}/accept/"


@pytest.mark.parametrize(
    ("read", "registered", "reason"),
    [
        ("عواد البلوي", "عواد بن عيد البلوي", "same first and family name"),
        ("فهد المطيري", "فهد سالم المطيري", "same first and family name"),
        ("عواد بن عيد البلوي", "عواد عيد البلوي", "same name without the بن/ابن chain"),
        ("راشد بن عبد الله آل خليفة", "راشد بن عبدالله ال خليفة", "same name"),
        ("الشيخ أحمد الجابر", "احمد الجابر", "same name"),
        ("اللواء فاطمة الزهراء", "فاطمه الزهراء", "same name"),
        ("إبراهيم ابن سعيد المؤمن", "ابراهيم بن سعيد المومن", "same name without the بن/ابن chain"),
        ("Sheikh Awad bin Eid Al-Balawi", "Awad Al Balawi", "same first and family name"),
        ("Abdul Aziz Al-Saud", "abdulaziz alsaud", "same name"),
    ],
)
def test_names_written_differently_are_taken_for_one_person(read, registered, reason):
    score, why = resolution.name_likeness(read, registered)
    assert score > 0 and why == reason


@pytest.mark.parametrize(
    ("read", "registered"),
    [("خالد البلوي", "عواد بن عيد البلوي"), ("عواد الشمري", "عواد بن عيد البلوي"), ("البلوي", "عواد البلوي")],
)
def test_different_people_of_one_family_are_not(read, registered):
    assert resolution.name_likeness(read, registered) == (0.0, "")


def test_candidates_come_with_their_reasons_best_first(make, officer):
    same = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد", position="مدير عام حرس الحدود")
    make.person("SA", name_ar="عواد بن سالم البلوي", rank="لواء")  # another rank: another man
    make.person("JO", name_ar="عواد بن عيد البلوي")  # another party
    found = resolution.person_candidates(
        officer, name="عواد البلوي", party="SA", rank="عميد", position="مدير عام حرس الحدود السعودي"
    )
    assert [candidate.record for candidate in found] == [same]
    assert found[0].reasons == ["same first and family name", "same rank", "same position", "same party"]


def test_a_person_above_the_clearance_is_never_proposed(make, low_clearance):
    make.person("SA", name_ar="عواد بن عيد البلوي", classification="secret")
    assert resolution.person_candidates(low_clearance, name="عواد البلوي", party="SA") == []


def test_the_review_proposes_the_registered_person_for_a_shorter_name(make, officer, officer_client):
    known = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد", position="مدير عام حرس الحدود")
    draft = services.ingest_text(text=SHORT_NAME, home="JO", actor=officer).draft
    people = services.review_record(draft, officer)["people"]
    entry = next(person for person in people if "البلوي" in person["name"])
    assert entry["match"] == known.pk
    page = officer_client.get(f"/en/ingest/drafts/{draft.pk}/").content.decode()
    index = people.index(entry)
    assert selected_option(page, accept_url(draft), f"people-{index}-match") == str(known.pk)
    assert "same first and family name" in page and "same rank" in page


def test_an_unattended_import_takes_the_one_person_that_stands_out(make):
    known = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد")
    assert resolution.best_person(SYSTEM_READER, name="العميد عواد بن عيد البلوي", party="SA") == known
    make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد")  # two alike: a person chooses
    assert resolution.best_person(SYSTEM_READER, name="عواد بن عيد البلوي", party="SA") is None


def test_the_person_picker_finds_visible_people_only(make, officer_client, low_clearance, client_of):
    """Each participant row's picker asks the people's choices address (taawun.records.pickers)."""
    seen = make.person("SA", name_ar="عواد بن عيد البلوي", name_en="Awad Al-Balawi", classification="public")
    make.person("SA", name_ar="عواد بن خالد البلوي", classification="secret")

    def found(client, query: str) -> list[int]:
        response = client.get(reverse("registry:person_choices"), {"q": query})
        assert response.status_code == 200
        return [int(result["id"]) for result in response.json()["results"]]

    assert set(found(officer_client, "عواد البلوي")) == {seen.pk} | {
        person.pk for person in resolution.Person.objects.filter(classification="secret")
    }
    assert found(client_of("low_clearance"), "عواد البلوي") == [seen.pk]
    assert found(officer_client, "balawi") == [seen.pk]
    assert found(officer_client, "ع") == []


def test_each_row_picks_any_visible_person_with_the_proposals_listed_first(make, officer, officer_client):
    registered = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد", position="مدير عام حرس الحدود")
    draft = services.ingest_text(text=SHORT_NAME, home="JO", actor=officer).draft
    page = officer_client.get(f"/en/ingest/drafts/{draft.pk}/").content.decode()
    data = form_as_posted(page, accept_url(draft))
    index = next(i for i in range(10) if "البلوي" in (data.get(f"people-{i}-name") or [""])[0])
    choices = reverse("registry:person_choices")
    select = re.search(rf'<select name="people-{index}-match"[^>]*>.*?</select>', page, re.S).group(0)
    assert 'data-picker="search"' in select and f'data-picker-url="{choices}"' in select
    assert 'data-picker-keep-empty="true"' in select  # "New person" is a choice of its own
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert options[0] == ("", "New person")
    assert options[1][0] == str(registered.pk) and "same" in options[1][1]  # with its reasons


def test_a_person_picked_with_the_type_ahead_is_accepted(make, officer, officer_client):
    elsewhere = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد")
    draft = services.ingest_text(text=SHORT_NAME, home="JO", actor=officer).draft
    elsewhere.name_ar = "شخص آخر تماما"  # no longer proposed: only the search finds him
    elsewhere.save()
    page = officer_client.get(f"/en/ingest/drafts/{draft.pk}/").content.decode()
    data = form_as_posted(page, accept_url(draft))
    index = next(i for i in range(10) if "البلوي" in (data.get(f"people-{i}-name") or [""])[0])
    data[f"people-{index}-match"] = [str(elsewhere.pk)]
    response = officer_client.post(accept_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.engagement.participations.filter(person=elsewhere).exists()


def test_the_blank_row_is_not_ticked_until_filled_in(officer, officer_client):
    draft = services.ingest_text(text=SHORT_NAME, home="JO", actor=officer).draft
    page = officer_client.get(f"/en/ingest/drafts/{draft.pk}/").content.decode()
    data = form_as_posted(page, accept_url(draft))
    blank = int(data["people-TOTAL_FORMS"][0]) - 1
    assert f"people-{blank}-include" not in data and f"people-{blank - 1}-include" in data
    data[f"people-{blank}-name"] = ["سالم الحربي"]
    data[f"people-{blank}-party"] = ["SA"]
    assert officer_client.post(accept_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.engagement.participants.filter(name_ar="سالم الحربي").exists()


def test_the_review_refuses_a_host_role_of_another_party_and_a_host_among_the_guests(officer, officer_client):
    draft = services.ingest_text(text=SHORT_NAME, home="JO", actor=officer).draft
    page = officer_client.get(f"/en/ingest/drafts/{draft.pk}/").content.decode()
    data = form_as_posted(page, accept_url(draft))
    saudi = next(i for i in range(10) if (data.get(f"people-{i}-party") or [""])[0] == "SA")
    data[f"people-{saudi}-role"] = ["host"]
    data["draft-guests"] = [*data.get("draft-guests", []), data["draft-host"][0]]
    response = officer_client.post(accept_url(draft), data)
    body = response.content.decode()
    assert response.status_code == 400 and not Engagement.objects.exists()
    assert "The host cannot also be a guest." in body
    assert "The host&#x27;s role is for a participant of the host party (JO)." in body


def test_a_name_in_latin_letters_finds_the_person_by_the_english_name(make, officer):
    known = make.person("SA", name_ar="عواد بن عيد البلوي", name_en="Awad Al Balawi")
    found = resolution.person_candidates(officer, name="Awad bin Eid Al-Balawi", party="SA")
    assert [candidate.record for candidate in found] == [known]
    assert [
        candidate.record for candidate in resolution.person_candidates(officer, name="awad albalawi")
    ] == [known]
