"""What is indexed of each record type: its titles, its texts, its parties, domains and date.

Only a record's own fields are indexed, never the names of the records it links to (a person
above the reader's clearance must not make an engagement findable by that person's name).
Parties and domains are kept as codes for filtering. The labels of a record's vocabulary terms
(its kind, domains, forms of cooperation, a person's rank) are indexed in both languages, never
shown, so "الأمن السيبراني" or "cybersecurity" finds what is tagged with it. A source has no parties of its own: it takes
those of the engagements it reports, so it is indexed again when they change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from taawun import vocabulary


def _labels(terms: tuple[vocabulary.Term, ...], key: str) -> list[str]:
    """A vocabulary term's Arabic and English labels, so either language finds it."""
    return [label for term in terms if term.key == key for label in (term.ar, term.en)]


def _codes_labels(terms: tuple[vocabulary.Term, ...], keys: list[str]) -> list[str]:
    """The labels of the vocabulary terms a record is tagged with (its domains, its forms)."""
    return [label for key in keys for label in _labels(terms, key)]


def _pks(manager) -> list:
    return [item.pk for item in manager.all()]


def _engagement_parties(engagement) -> list[str]:
    codes = [engagement.host_id, engagement.location_country_id, *_pks(engagement.guests)]
    return [code for code in codes if code]


def _source_parties(source) -> list[str]:
    return [code for engagement in source.engagements.all() for code in _engagement_parties(engagement)]


def _source_domains(source) -> list[str]:
    return [code for engagement in source.engagements.all() for code in _pks(engagement.domains)]


def _nothing(record) -> list:
    return []


@dataclass(frozen=True)
class IndexedKind:
    """One record type in the index. `key` is its model name, used in URLs and filters."""

    key: str
    model_label: str
    titles: Callable[[Any], list[str]]
    texts: Callable[[Any], list[str]]  # indexed and shown in snippets
    parties: Callable[[Any], Iterable[str]]
    domains: Callable[[Any], Iterable[str]] = _nothing
    date: Callable[[Any], dt.date | None] = lambda record: None
    extras: Callable[[Any], list[str]] = _nothing  # indexed, never shown (vocabulary labels)
    prefetch: tuple[str, ...] = field(default=())

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def label(self):
        return self.model._meta.verbose_name

    @property
    def label_plural(self):
        return self.model._meta.verbose_name_plural


KINDS: tuple[IndexedKind, ...] = (
    IndexedKind(
        key="engagement",
        model_label="registry.Engagement",
        titles=lambda r: [r.title_ar, r.title_en],
        texts=lambda r: [r.summary, r.outcomes, r.location_city],
        parties=_engagement_parties,
        domains=lambda r: _pks(r.domains),
        date=lambda r: r.start_date,
        extras=lambda r: [
            *_labels(vocabulary.kinds(), r.kind),
            *_codes_labels(vocabulary.domains(), _pks(r.domains)),
            *_codes_labels(vocabulary.forms(), _pks(r.forms)),
        ],
        prefetch=("guests", "domains", "forms"),
    ),
    IndexedKind(
        key="source",
        model_label="registry.Source",
        titles=lambda r: [r.title],
        texts=lambda r: [r.text],
        parties=_source_parties,
        domains=_source_domains,
        date=lambda r: r.published_on,
        prefetch=("engagements__guests", "engagements__domains"),
    ),
    IndexedKind(
        key="person",
        model_label="registry.Person",
        titles=lambda r: [r.name_ar, r.name_en],
        texts=lambda r: [r.position],
        parties=lambda r: [r.party_id],
        extras=lambda r: _labels(vocabulary.ranks(), r.rank),
    ),
    IndexedKind(
        key="agency",
        model_label="registry.Agency",
        titles=lambda r: [r.name_ar, r.name_en, r.abbreviation],
        texts=_nothing,
        parties=lambda r: [r.party_id],
    ),
    IndexedKind(
        key="understanding",
        model_label="agreements.Understanding",
        titles=lambda r: [r.title_ar, r.title_en],
        texts=lambda r: [r.summary],
        parties=lambda r: _pks(r.parties),
        domains=lambda r: _pks(r.domains),
        date=lambda r: r.signed_on or r.effective_on,
        extras=lambda r: _codes_labels(vocabulary.domains(), _pks(r.domains)),
        prefetch=("parties", "domains"),
    ),
    IndexedKind(
        key="actionitem",
        model_label="agreements.ActionItem",
        titles=lambda r: [r.title],
        texts=lambda r: [r.description],
        parties=lambda r: [r.owner_party_id],
        date=lambda r: r.due_on,
    ),
    IndexedKind(
        key="knowledgeitem",
        model_label="knowledge.KnowledgeItem",
        titles=lambda r: [r.title_ar, r.title_en],
        texts=lambda r: [r.body],
        parties=lambda r: [r.party_id] if r.party_id else [],
        domains=lambda r: [r.domain_id] if r.domain_id else [],
        date=lambda r: timezone.localdate(r.created_at) if r.created_at else None,
        extras=lambda r: _labels(vocabulary.domains(), r.domain_id),
    ),
    # A file attached to a record (taawun.attachments): its title, its name and its text layer; a
    # hit leads to its record's page, and only a reader who may see the file and its record finds it.
    IndexedKind(
        key="attachment",
        model_label="attachments.Attachment",
        titles=lambda r: [r.title, r.file_name],
        texts=lambda r: [r.text],
        parties=_nothing,
        date=lambda r: timezone.localdate(r.added_at) if r.added_at else None,
    ),
)

KIND_KEYS: tuple[str, ...] = tuple(kind.key for kind in KINDS)


def kind_named(key: str) -> IndexedKind:
    return _by_key()[key]


@cache
def _by_key() -> dict[str, IndexedKind]:
    return {kind.key: kind for kind in KINDS}


def kind_of(record_or_model) -> IndexedKind | None:
    """The indexed kind of a record or model class, or None when that type is not indexed."""
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    label = model._meta.label
    return next((kind for kind in KINDS if kind.model_label == label), None)


def codes(values: Iterable[str]) -> str:
    """Codes as stored for filtering: " SA SY " (unique, sorted, a space at each end)."""
    unique = sorted({str(value) for value in values if value})
    return f" {' '.join(unique)} " if unique else ""
