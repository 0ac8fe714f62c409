"""Model rules of best practices and lessons learned."""

from __future__ import annotations

import pytest
from django.utils import translation

from taawun.knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db


def test_it_accepts_a_lesson_with_a_title_and_a_body(errors_of):
    item = KnowledgeItem(kind=KnowledgeItem.Kind.LESSON, title_en="Agendas", body="Send them early.")
    assert errors_of(item) == {}


@pytest.mark.parametrize("body", [" ", "\n\t "])
def test_it_rejects_an_empty_body(errors_of, body):
    with translation.override("en"):
        errors = errors_of(KnowledgeItem(title_ar="درس", body=body))
    assert errors == {"body": ["Write the practice or the lesson."]}


def test_it_rejects_a_missing_body(errors_of):
    assert "body" in errors_of(KnowledgeItem(title_ar="درس", body=""))


def test_it_rejects_an_empty_title_in_both_languages(errors_of):
    with translation.override("en"):
        errors = errors_of(KnowledgeItem(title_ar="", title_en=" ", body="text"))
    assert errors == {"title_ar": ["Give a title in Arabic or in English."]}


def test_it_rejects_an_unknown_kind(errors_of):
    assert list(errors_of(KnowledgeItem(kind="rumour", title_ar="x", body="y"))) == ["kind"]
