"""The classification an audit entry inherits from the records it names.

An entry about a record is as classified as the highest level that record ever had: its current
classification, every old and new value of its classification field the trail has recorded, and
what `AuditedRecord` remembers from earlier entries. A row without a classification of its own (a
participation, a training cohort, an inline row) inherits the highest level of the classified
records it links to (its engagement, its person ...), since its entry shows their ids and names.
Entries about nothing classified (users, log-ins, tokens) carry none and stay visible to auditors.

`Classifier` works a batch of entries out with a few queries (the records' current levels, one per
model, and the remembered levels, one in all), in the order they are written, so that an entry sees
what earlier entries of the same batch raised. Both the writer (`services.append_all`) and the
migration that fills `AuditedRecord` (given the historical models) use it.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from taawun.access.policy import LEVELS

# Above every known level: an unknown value is kept (and so hidden from every reader), never
# taken for a low one.
UNKNOWN_RANK = len(LEVELS)


def rank(classification: str) -> int:
    return LEVELS.get(classification, UNKNOWN_RANK)


def highest(values) -> str | None:
    """The highest of the classifications given (None when none is)."""
    known = [value for value in values if value]
    return max(known, key=rank) if known else None


def is_classified(model: type[models.Model]) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


def classified_links(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys of an unclassified model to classified ones."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.many_to_one and f.related_model is not None and is_classified(f.related_model)
    ]


def _values(change) -> list:
    """The old and new value of a recorded change, or the value itself."""
    if isinstance(change, dict) and set(change) == {"old", "new"}:
        return [change["old"], change["new"]]
    return [change]


Key = tuple[str, str]  # (model label in lower case, primary key as text)


@dataclass
class About:
    """What an entry names, as far as its classification goes."""

    label: str = ""
    pk: str = ""
    record: models.Model | None = None
    changes: dict = field(default_factory=dict)
    floor: str | None = None  # a level the writer gives (an entry naming several records)


class Classifier:
    def __init__(self, apps, remembered: type[models.Model], using: str = "default"):
        self.apps = apps
        self.remembered = remembered  # the AuditedRecord model (real or historical)
        self.using = using
        self.current: dict[Key, str] = {}
        self.known: dict[Key, str] = {}  # AuditedRecord's rows, then raised entry by entry
        self.raised: dict[Key, str] = {}  # the rows to write back

    def model(self, label: str) -> type[models.Model] | None:
        try:
            return self.apps.get_model(label)
        except (LookupError, ValueError):
            return None

    def _links(self, about: About, model) -> list[Key]:
        keys = []
        for link in classified_links(model):
            if about.record is not None and isinstance(about.record, model):
                ids = [getattr(about.record, link.attname)]
            else:
                ids = _values(about.changes.get(link.name))
            target = link.related_model._meta.label_lower
            keys += [(target, str(pk)) for pk in ids if pk not in (None, "")]
        return keys

    def classify(self, abouts: list[About]) -> list[str | None]:
        """The classification of each entry, in order; afterwards `raised` holds the rows of
        AuditedRecord to create or raise."""
        plans = []
        lookups: dict[Key, None] = {}  # records whose current level is read
        for about in abouts:
            model = self.model(about.label) if about.label else None
            own = [about.floor]
            links: list[Key] = []
            subject = (about.label.lower(), about.pk) if model is not None and about.pk else None
            if model is not None and is_classified(model):
                own += _values(about.changes.get("classification"))
                if isinstance(about.record, model):
                    own.append(about.record.classification)
                    # Fields classified apart from their record (a person's contact details).
                    classify_changes = getattr(about.record, "classification_of_changes", None)
                    if classify_changes is not None:
                        own.append(classify_changes(about.changes))
                elif subject:
                    lookups[subject] = None
            elif model is not None:
                links = self._links(about, model)
                lookups.update(dict.fromkeys(links))
            plans.append((subject, own, links))
        self._read_current(list(lookups))
        self._read_known(
            [key for subject, _own, links in plans for key in ([subject] if subject else []) + links]
        )

        levels = []
        for subject, own, links in plans:
            values = [value for value in own if isinstance(value, str)]
            if subject:
                values += [self.known.get(subject), self.current.get(subject)]
            for key in links:
                values += [self.known.get(key), self.current.get(key)]
            level = highest(values)
            if subject and level and level != self.known.get(subject):
                self.known[subject] = self.raised[subject] = level
            levels.append(level)
        return levels

    def _read_current(self, keys: list[Key]) -> None:
        by_model: dict[str, list[str]] = defaultdict(list)
        for label, pk in keys:
            by_model[label].append(pk)
        for label, pks in by_model.items():
            model = self.model(label)
            pk_field = model._meta.pk
            valid = []
            for pk in pks:
                try:
                    valid.append(pk_field.to_python(pk))
                except Exception:  # noqa: BLE001 - not a key of this model: no such record
                    continue
            rows = (
                model._base_manager.using(self.using).filter(pk__in=valid).values_list("pk", "classification")
            )
            for pk, classification in rows:
                self.current[(label, str(pk))] = classification

    def _read_known(self, keys: list[Key]) -> None:
        wanted: dict[str, set[str]] = defaultdict(set)
        for label, pk in keys:
            if (label, pk) not in self.known:
                wanted[label].add(pk)
        if not wanted:
            return
        condition = functools.reduce(
            operator.or_, (Q(model_label=label, object_pk__in=sorted(pks)) for label, pks in wanted.items())
        )
        rows = self.remembered._base_manager.using(self.using).filter(condition)
        for label, pk, classification in rows.values_list("model_label", "object_pk", "classification"):
            self.known[(label, pk)] = classification

    def save(self) -> None:
        """Create or raise the rows of AuditedRecord that `classify` changed (one statement)."""
        if not self.raised:
            return
        rows = [
            self.remembered(model_label=label, object_pk=pk, classification=level)
            for (label, pk), level in self.raised.items()
        ]
        self.remembered._base_manager.using(self.using).bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["model_label", "object_pk"],
            update_fields=["classification"],
        )
        self.raised = {}
