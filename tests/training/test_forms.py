"""The training programme form."""

from __future__ import annotations

import pytest
from django.utils import translation

from taawun.training.forms import TrainingProgramForm
from tests.personas import cleared_officer

pytestmark = pytest.mark.django_db


def errors(data, *, language="en") -> dict[str, list[str]]:
    data = {"classification": "internal", **data}
    with translation.override(language):
        form = TrainingProgramForm(user=cleared_officer(), data=data)
        form.is_valid()
        return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


def program_data(**overrides) -> dict:
    data = {
        "title_ar": "دورة",
        "provider": "SA",
        "recipient": "SY",
        "status": "planned",
        "trainees": "25",
        "classification": "internal",
    }
    data.update(overrides)
    return data


def test_the_training_form_accepts_a_valid_programme():
    form = TrainingProgramForm(
        user=cleared_officer(), data=program_data(domain="narcotics", start_date="2025-01-05")
    )
    assert form.is_valid(), form.errors
    assert form.save().trainees == 25


def test_the_training_form_rejects_the_provider_as_recipient():
    found = errors(program_data(recipient="SA"))
    assert found == {"recipient": ["The provider and the recipient must be different parties."]}


def test_the_training_form_rejects_an_end_before_the_start():
    found = errors(program_data(start_date="2025-02-01", end_date="2025-01-01"))
    assert found == {"end_date": ["The end cannot be before the start."]}


def test_the_training_form_reports_a_missing_provider_in_arabic():
    assert errors(program_data(provider=""), language="ar") == {"provider": ["هذا الحقل مطلوب."]}
