"""Model rules of training programmes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from taawun.training.models import TrainingProgram

pytestmark = pytest.mark.django_db


def new_program(make, provider="SA", recipient="SY", **fields) -> TrainingProgram:
    fields.setdefault("title_ar", "دورة في مكافحة المخدرات")
    return TrainingProgram(provider=make.party(provider), recipient=make.party(recipient), **fields)


def test_it_accepts_a_programme_between_two_parties(make, errors_of):
    program = new_program(make, start_date=dt.date(2025, 1, 5), end_date=dt.date(2025, 1, 20), trainees=30)
    assert errors_of(program) == {}


def test_it_rejects_a_provider_that_is_also_the_recipient(make, errors_of):
    with translation.override("en"):
        errors = errors_of(new_program(make, provider="SY", recipient="SY"))
    assert errors == {"recipient": ["The provider and the recipient must be different parties."]}


def test_it_rejects_an_end_before_the_start(make, errors_of):
    program = new_program(make, start_date=dt.date(2025, 1, 5), end_date=dt.date(2025, 1, 4))
    with translation.override("en"):
        assert errors_of(program) == {"end_date": ["The end cannot be before the start."]}


def test_it_rejects_an_empty_title_in_both_languages(make, errors_of):
    with translation.override("en"):
        errors = errors_of(new_program(make, title_ar="", title_en="  "))
    assert errors == {"title_ar": ["Give a title in Arabic or in English."]}


def test_it_rejects_a_negative_number_of_trainees(make, errors_of):
    assert list(errors_of(new_program(make, trainees=-1))) == ["trainees"]


def test_an_organisation_can_train_a_country(make, errors_of):
    assert errors_of(new_program(make, provider="INTERPOL", recipient="SY")) == {}
