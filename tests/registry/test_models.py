"""The registry's model rules: everything clean() and full_clean() enforce."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from taawun.registry.models import Agency, Engagement, Participation, Party, Person, Source
from taawun.registry.services import content_hash, source_create

pytestmark = pytest.mark.django_db


def new_party(**fields) -> Party:
    fields.setdefault("name_ar", "اسم")
    fields.setdefault("name_en", "Name")
    return Party(**fields)


# --- Party ----------------------------------------------------------------------------------


class TestParty:
    def test_the_reference_rows_hold_every_country_and_the_organisations(self):
        assert Party.objects.filter(kind=Party.Kind.COUNTRY).count() >= 249
        assert Party.objects.get(code="SY").kind == Party.Kind.COUNTRY
        for code in ["EU", "GCC", "AIMC", "INTERPOL", "UN", "LAS"]:
            assert Party.objects.get(code=code).kind == Party.Kind.ORGANISATION

    def test_it_accepts_an_iso_country_code(self, errors_of):
        # SY already exists, so uniqueness is left out: only the rules are under test.
        assert errors_of(new_party(code="SY", kind="country"), validate_unique=False) == {}

    def test_it_upper_cases_and_trims_the_code(self, errors_of):
        record = new_party(code=" sy ", kind="country")
        assert errors_of(record, validate_unique=False) == {}
        assert record.code == "SY"

    @pytest.mark.parametrize("code", ["XX", "SYR", "ZZ", "EU"])
    def test_it_rejects_a_country_code_that_is_not_iso(self, errors_of, code):
        errors = errors_of(new_party(code=code, kind="country"), validate_unique=False)
        assert list(errors) == ["code"]
        with translation.override("en"):
            assert errors_of(new_party(code=code, kind="country"), validate_unique=False)["code"] == [
                f"{code} is not an ISO 3166-1 country code."
            ]

    def test_it_accepts_a_new_organisation_code(self, errors_of):
        assert errors_of(new_party(code="NEW-ORG_1", kind="organisation")) == {}

    @pytest.mark.parametrize("code", ["SY", "QA", "us"])
    def test_it_rejects_an_organisation_code_that_is_a_country_code(self, errors_of, code):
        with translation.override("en"):
            errors = errors_of(new_party(code=code, kind="organisation"), validate_unique=False)
        assert errors == {"code": [f"{code.upper()} is a country code."]}

    @pytest.mark.parametrize("code", ["X", "1ABC", "WITH SPACE", "ÉU", "A" * 17])
    def test_it_rejects_a_badly_formed_organisation_code(self, errors_of, code):
        errors = errors_of(new_party(code=code, kind="organisation"))
        assert "code" in errors

    def test_it_rejects_a_party_without_a_name_in_either_language(self, errors_of):
        with translation.override("en"):
            errors = errors_of(new_party(code="NEWORG", kind="organisation", name_ar="  ", name_en=" "))
        assert set(errors) == {"name_ar", "name_en"}

    def test_it_requires_a_party_named_in_both_languages(self, errors_of):
        assert "name_ar" in errors_of(new_party(code="NEWORG", kind="organisation", name_ar=""))

    def test_it_rejects_an_unknown_kind(self, errors_of):
        assert "kind" in errors_of(new_party(code="NEWORG", kind="planet"))

    def test_its_name_follows_the_active_language(self):
        syria = Party.objects.get(code="SY")
        with translation.override("ar"):
            assert str(syria) == "سوريا"
        with translation.override("en"):
            assert str(syria) == "Syria"


# --- Agency ---------------------------------------------------------------------------------


class TestAgency:
    def test_it_accepts_a_parent_of_the_same_party(self, make, errors_of):
        ministry = make.agency("SY", kind=Agency.Kind.MINISTRY)
        directorate = Agency(party=make.party("SY"), parent=ministry, name_ar="إدارة الهجرة")
        assert errors_of(directorate) == {}

    def test_it_rejects_a_parent_agency_of_another_party(self, make, errors_of):
        ministry = make.agency("QA")
        directorate = Agency(party=make.party("SY"), parent=ministry, name_en="Immigration")
        with translation.override("en"):
            assert errors_of(directorate) == {"parent": ["The parent agency must belong to the same party."]}

    def test_it_rejects_an_agency_that_is_its_own_parent(self, make, errors_of):
        ministry = make.agency("SY")
        ministry.parent = ministry
        with translation.override("en"):
            assert errors_of(ministry) == {"parent": ["An agency cannot be inside itself."]}

    def test_it_rejects_a_cycle_of_parents(self, make, errors_of):
        top = make.agency("SY")
        middle = make.agency("SY", parent=top)
        bottom = make.agency("SY", parent=middle)
        top.parent = bottom
        assert list(errors_of(top)) == ["parent"]

    def test_it_rejects_an_agency_without_a_name(self, make, errors_of):
        with translation.override("en"):
            errors = errors_of(Agency(party=make.party("SY"), name_ar=" ", name_en=""))
        assert errors == {"name_ar": ["Give the name in Arabic or in English."]}

    def test_it_accepts_a_name_in_english_only(self, make, errors_of):
        assert errors_of(Agency(party=make.party("SY"), name_en="Border Guard")) == {}


# --- Person ---------------------------------------------------------------------------------


class TestPerson:
    def test_it_accepts_a_person_of_the_agency_party(self, make, errors_of):
        agency = make.agency("SY")
        person = Person(party=make.party("SY"), agency=agency, name_ar="أحمد", rank="فريق")
        assert errors_of(person) == {}

    def test_it_rejects_an_agency_of_another_party(self, make, errors_of):
        person = Person(party=make.party("SY"), agency=make.agency("QA"), name_ar="أحمد")
        with translation.override("en"):
            assert errors_of(person) == {"agency": ["The agency must belong to the person's party."]}

    def test_it_rejects_a_rank_outside_the_vocabulary(self, make, errors_of):
        person = Person(party=make.party("SY"), name_ar="أحمد", rank="Grand Vizier")
        assert list(errors_of(person)) == ["rank"]

    def test_it_rejects_a_person_without_a_name(self, make, errors_of):
        with translation.override("en"):
            errors = errors_of(Person(party=make.party("SY"), name_ar="", name_en="  "))
        assert errors == {"name_ar": ["Give the name in Arabic or in English."]}

    def test_its_rank_is_shown_in_the_active_language(self, make):
        person = make.person("SY", rank="فريق")
        with translation.override("en"):
            assert person.get_rank_display() == "Lieutenant General"
        with translation.override("ar"):
            assert person.get_rank_display() == "فريق"


# --- Source ---------------------------------------------------------------------------------


class TestSource:
    def test_it_rejects_a_source_without_text(self, errors_of):
        errors = errors_of(Source(text="   \n ", content_hash="x" * 64))
        assert list(errors) == ["text"]

    def test_creating_the_same_text_twice_returns_the_stored_source(self):
        first, created = source_create(text="وزير الداخلية يستقبل نظيره", title="خبر")
        again, created_again = source_create(text="وزير الداخلية يستقبل نظيره", title="other")
        assert created and not created_again
        assert again.pk == first.pk
        assert Source.objects.count() == 1

    @pytest.mark.parametrize(
        "variant",
        [
            "line one\r\nline two",
            "line one\rline two",
            "  \n line one\nline two \n\t",
        ],
    )
    def test_line_endings_and_outer_white_space_do_not_make_a_new_source(self, variant):
        first, _ = source_create(text="line one\nline two")
        again, created = source_create(text=variant)
        assert not created
        assert again.pk == first.pk

    def test_the_same_text_in_another_unicode_normal_form_is_the_same_source(self):
        composed = unicodedata.normalize("NFC", "café résumé")
        decomposed = unicodedata.normalize("NFD", composed)
        assert composed != decomposed
        first, _ = source_create(text=composed)
        again, created = source_create(text=decomposed)
        assert (again.pk, created) == (first.pk, False)

    def test_a_different_text_makes_a_new_source(self):
        first, _ = source_create(text="one article")
        second, created = source_create(text="another article")
        assert created and second.pk != first.pk

    def test_the_hash_is_stored_with_the_source(self):
        source, _ = source_create(text=" text ")
        assert source.content_hash == content_hash("text") and len(source.content_hash) == 64

    def test_the_database_refuses_a_second_row_with_the_same_hash(self):
        source, _ = source_create(text="text")
        with pytest.raises(IntegrityError), transaction.atomic():
            Source.objects.create(text="text", content_hash=source.content_hash)


# --- Engagement -----------------------------------------------------------------------------


def new_engagement(**fields) -> Engagement:
    fields.setdefault("kind", "visit")
    fields.setdefault("title_ar", "زيارة")
    return Engagement(**fields)


class TestEngagement:
    def test_it_accepts_an_end_after_the_start(self, errors_of):
        record = new_engagement(start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 4, 16))
        assert errors_of(record) == {}

    def test_it_accepts_an_end_on_the_start_day(self, errors_of):
        record = new_engagement(start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 4, 14))
        assert errors_of(record) == {}

    def test_it_rejects_an_end_before_the_start(self, errors_of):
        record = new_engagement(start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 4, 13))
        with translation.override("en"):
            assert errors_of(record) == {"end_date": ["The end cannot be before the start."]}

    def test_it_rejects_an_end_without_a_start(self, errors_of):
        with translation.override("en"):
            errors = errors_of(new_engagement(end_date=dt.date(2025, 4, 13)))
        assert errors == {"start_date": ["An engagement with an end date needs a start date."]}

    def test_it_rejects_an_empty_title_in_both_languages(self, errors_of):
        with translation.override("en"):
            errors = errors_of(new_engagement(title_ar="  ", title_en=""))
        assert errors == {"title_ar": ["Give a title in Arabic or in English."]}

    def test_it_accepts_a_title_in_english_only(self, errors_of):
        assert errors_of(new_engagement(title_ar="", title_en="Visit")) == {}

    def test_it_rejects_a_kind_outside_the_vocabulary(self, errors_of):
        assert list(errors_of(new_engagement(kind="party"))) == ["kind"]

    def test_it_reports_every_broken_rule_at_once(self, errors_of):
        record = new_engagement(title_ar="", start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 1, 1))
        assert set(errors_of(record)) == {"title_ar", "end_date"}

    def test_its_parties_are_the_host_then_the_guests_once_each(self, make):
        engagement = make.engagement("SA", ["SY", "SA", "QA"])
        codes = [p.code for p in engagement.parties()]
        assert codes[0] == "SA" and sorted(codes) == ["QA", "SA", "SY"]

    def test_its_dates_read_in_both_calendars(self, make):
        engagement = make.engagement(start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 4, 15))
        with translation.override("ar"):
            assert engagement.when_hijri() == "16 شوال 1446 هـ – 17 شوال 1446 هـ"
        with translation.override("en"):
            assert engagement.when_hijri().startswith("16 Shawwal 1446 AH")

    def test_a_person_takes_part_in_an_engagement_only_once(self, make):
        person = make.person("SY")
        engagement = make.engagement(participants=[(person, "head")])
        with pytest.raises(IntegrityError), transaction.atomic():
            Participation.objects.create(engagement=engagement, person=person, role="member")
