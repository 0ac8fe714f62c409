"""The registry's forms: their own checks, the model rules they surface, and the language of errors."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from taawun.registry.forms import (
    AgencyForm,
    EngagementForm,
    ParticipationFormSet,
    PartyForm,
    PartyUpdateForm,
    PersonForm,
    SourceForm,
)
from taawun.registry.models import Engagement, Party, Source
from tests.personas import cleared_officer

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")


def errors(form_class, data, *, language="en", **kwargs) -> dict[str, list[str]]:
    """Validate under a language and read the messages under it too (they are lazy)."""
    data = {"classification": "internal", **data}
    with translation.override(language):
        form = form_class(data=data, user=cleared_officer(), **kwargs)
        form.is_valid()
        return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


def engagement_data(**overrides) -> dict:
    data = {
        "kind": "visit",
        "classification": "internal",
        "title_ar": "زيارة وزير الداخلية",
        "title_en": "",
        "start_date": "2025-04-14",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "host": "SA",
        "guests": ["SY"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Party ----------------------------------------------------------------------------------


def test_the_party_form_creates_a_new_organisation():
    form = PartyForm(
        data={
            "code": "aipol",
            "kind": "organisation",
            "name_ar": "أيبول",
            "name_en": "Aipol",
            "classification": "public",
        }
    )
    assert form.is_valid(), form.errors
    assert form.save().code == "AIPOL"


def test_the_party_form_rejects_a_code_that_is_not_iso_for_a_country():
    data = {"code": "XQ", "kind": "country", "name_ar": "بلد", "name_en": "Land"}
    assert errors(PartyForm, data) == {"code": ["XQ is not an ISO 3166-1 country code."]}


def test_the_party_form_rejects_an_existing_code():
    data = {"code": "SY", "kind": "country", "name_ar": "سوريا", "name_en": "Syria"}
    assert list(errors(PartyForm, data)) == ["code"]


def test_the_party_edit_form_never_changes_the_code():
    syria = Party.objects.get(code="SY")
    form = PartyUpdateForm(
        data={
            "code": "XX",
            "name_ar": "سوريا",
            "name_en": "Syrian Arab Republic",
            "classification": "public",
        },
        instance=syria,
    )
    assert form.is_valid(), form.errors
    form.save()
    assert Party.objects.filter(code="SY", name_en="Syrian Arab Republic").exists()
    assert not Party.objects.filter(code="XX").exists()


# --- Agency and person ----------------------------------------------------------------------


def test_the_agency_form_rejects_a_parent_of_another_party(make):
    parent = make.agency("QA")
    data = {"party": "SY", "parent": parent.pk, "kind": "directorate", "name_en": "Passports"}
    assert errors(AgencyForm, data) == {"parent": ["The parent agency must belong to the same party."]}


def test_the_person_form_rejects_an_agency_of_another_party(make):
    data = {"name_ar": "أحمد", "party": "SY", "agency": make.agency("QA").pk}
    assert errors(PersonForm, data) == {"agency": ["The agency must belong to the person's party."]}


def test_the_person_form_rejects_a_rank_outside_the_vocabulary():
    data = {"name_ar": "أحمد", "party": "SY", "rank": "Grand Vizier"}
    assert list(errors(PersonForm, data)) == ["rank"]
    assert errors(PersonForm, data, language="ar")["rank"] == [
        "انتق خياراً صحيحاً. Grand Vizier ليس أحد الخيارات المتاحة."
    ]


def test_the_person_form_offers_ranks_in_the_active_language():
    with translation.override("en"):
        assert ("فريق", "Lieutenant General") in [
            (k, str(v)) for k, v in PersonForm(user=cleared_officer()).fields["rank"].choices
        ]
    with translation.override("ar"):
        assert ("فريق", "فريق") in [
            (k, str(v)) for k, v in PersonForm(user=cleared_officer()).fields["rank"].choices
        ]


# --- Source ---------------------------------------------------------------------------------


def test_the_source_form_stores_the_content_hash():
    form = SourceForm(
        user=cleared_officer(), data={"title": "خبر", "text": "نص الخبر", "classification": "public"}
    )
    assert form.is_valid(), form.errors
    source = form.save()
    assert len(source.content_hash) == 64


@pytest.mark.parametrize("text", ["نص الخبر\nسطر ثان", "  نص الخبر\r\nسطر ثان  "])
def test_the_source_form_rejects_a_text_already_stored(make, text):
    make.source("نص الخبر\nسطر ثان", title="الخبر الأول")
    found = errors(SourceForm, {"title": "copy", "text": text})
    assert found == {"__all__": ["This text is already stored as source “الخبر الأول”."]}
    assert Source.objects.count() == 1


def test_the_source_form_lets_a_source_be_edited_without_calling_it_a_duplicate(make):
    source = make.source("the text", title="old")
    form = SourceForm(
        user=cleared_officer(),
        data={"title": "new", "text": "the text", "classification": "public"},
        instance=source,
    )
    assert form.is_valid(), form.errors


def test_the_source_form_rejects_an_edit_that_copies_another_source(make):
    make.source("first text")
    second = make.source("second text")
    found = errors(SourceForm, {"title": "x", "text": "first text"}, instance=second)
    assert list(found) == ["__all__"]


# --- Engagement -----------------------------------------------------------------------------


def test_the_engagement_form_accepts_a_valid_engagement():
    form = EngagementForm(
        user=cleared_officer(), data=engagement_data(domains=["narcotics"], forms=["visit"])
    )
    assert form.is_valid(), form.errors
    engagement = form.save()
    assert [p.code for p in engagement.parties()] == ["SA", "SY"]


def test_the_engagement_form_rejects_a_host_that_is_also_a_guest():
    found = errors(EngagementForm, engagement_data(guests=["SY", "SA"]))
    assert found == {"guests": ["The host cannot also be a guest."]}


def test_the_engagement_form_rejects_an_end_before_the_start():
    found = errors(EngagementForm, engagement_data(end_date="2025-04-01"))
    assert found == {"end_date": ["The end cannot be before the start."]}


def test_the_engagement_form_rejects_a_title_in_neither_language():
    found = errors(EngagementForm, engagement_data(title_ar="  ", title_en=""))
    assert found == {"title_ar": ["Give a title in Arabic or in English."]}


def test_the_engagement_form_only_offers_countries_as_location():
    queryset = EngagementForm(user=cleared_officer()).fields["location_country"].queryset
    assert queryset.filter(code="SY").exists()
    assert not queryset.filter(code="GCC").exists()
    found = errors(EngagementForm, engagement_data(location_country="GCC"))
    assert list(found) == ["location_country"]


def test_a_missing_kind_is_reported_in_english_in_english():
    assert errors(EngagementForm, engagement_data(kind=""))["kind"] == ["This field is required."]


def test_a_missing_kind_is_reported_in_arabic_in_arabic():
    assert errors(EngagementForm, engagement_data(kind=""), language="ar")["kind"] == ["هذا الحقل مطلوب."]


def test_a_badly_written_date_is_reported_in_arabic_in_arabic():
    found = errors(EngagementForm, engagement_data(start_date="14/4/2025x"), language="ar")
    assert found["start_date"] == ["أدخل تاريخاً صحيحاً."]


@pytest.mark.parametrize(
    ("overrides", "field", "english"),
    [
        ({"guests": ["SY", "SA"]}, "guests", "The host cannot also be a guest."),
        ({"end_date": "2025-04-01"}, "end_date", "The end cannot be before the start."),
        ({"title_ar": "", "title_en": ""}, "title_ar", "Give a title in Arabic or in English."),
    ],
)
def test_the_engagement_rules_speak_arabic_in_arabic(overrides, field, english):
    (message,) = errors(EngagementForm, engagement_data(**overrides), language="ar")[field]
    assert message != english and ARABIC.search(message)


def test_the_duplicate_source_message_speaks_arabic_in_arabic(make):
    make.source("نص", title="الأول")
    (message,) = errors(SourceForm, {"text": "نص"}, language="ar")["__all__"]
    assert "already stored" not in message


# --- Participations -------------------------------------------------------------------------


def participation_data(rows: list[tuple[object, str]], prefix: str = "fs0") -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, (person, role) in enumerate(rows):
        data[f"{prefix}-{index}-person"] = str(getattr(person, "pk", person))
        data[f"{prefix}-{index}-role"] = role
    return data


def test_the_participation_formset_refuses_the_same_person_twice(make):
    person = make.person("SY")
    formset = ParticipationFormSet(
        data=participation_data([(person, "head"), (person, "member")]),
        instance=Engagement(),
        prefix="fs0",
        form_kwargs={"user": cleared_officer()},
    )
    assert not formset.is_valid()


def test_the_participation_formset_refuses_an_unknown_role(make):
    formset = ParticipationFormSet(
        data=participation_data([(make.person("SY"), "spy")]),
        instance=Engagement(),
        prefix="fs0",
        form_kwargs={"user": cleared_officer()},
    )
    assert not formset.is_valid()
    assert "role" in formset.errors[0]
