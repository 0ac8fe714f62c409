"""The generator indexes its records itself, exactly as `taawun reindex` would."""

from __future__ import annotations

import pytest

from taawun.search.models import SearchDocument
from taawun.search.services import reindex
from tests.bench.conftest import generate

pytestmark = pytest.mark.django_db

FIELDS = ("kind", "object_id", "classification", "parties", "domains", "date", "title_terms", "body_terms")


def documents() -> list[tuple]:
    return list(SearchDocument.objects.order_by("kind", "object_id").values_list(*FIELDS))


def test_every_generated_record_has_the_document_reindex_would_write():
    counts = generate(300)
    generated = documents()
    assert len(generated) == counts["search_document"]
    reindex()
    assert documents() == generated


def test_every_indexed_kind_is_generated():
    generate(600)  # enough for the rarest kind (a few knowledge items) whatever the seed draws before it
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds == {
        "engagement",
        "source",
        "person",
        "agency",
        "understanding",
        "actionitem",
        "knowledgeitem",
    }
