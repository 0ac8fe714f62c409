"""The knowledge item form."""

from __future__ import annotations

import pytest
from django.utils import translation

from taawun.knowledge.forms import KnowledgeItemForm
from tests.personas import cleared_officer

pytestmark = pytest.mark.django_db


def errors(data, *, language="en") -> dict[str, list[str]]:
    data = {"classification": "internal", **data}
    with translation.override(language):
        form = KnowledgeItemForm(user=cleared_officer(), data=data)
        form.is_valid()
        return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


def test_the_knowledge_form_accepts_a_lesson():
    form = KnowledgeItemForm(
        user=cleared_officer(),
        data={
            "kind": "lesson",
            "title_en": "Agendas",
            "body": "Send early.",
            "party": "SY",
            "classification": "public",
        },
    )
    assert form.is_valid(), form.errors


def test_the_knowledge_form_rejects_an_empty_body_in_both_languages():
    data = {"kind": "lesson", "title_en": "Agendas", "body": "   "}
    assert list(errors(data)) == ["body"]
    assert errors(data)["body"][0] == "This field is required."
    assert errors(data, language="ar")["body"][0] == "هذا الحقل مطلوب."


def test_the_knowledge_form_rejects_an_empty_title():
    data = {"kind": "lesson", "title_ar": "", "title_en": "", "body": "text"}
    assert errors(data) == {"title_ar": ["Give a title in Arabic or in English."]}
