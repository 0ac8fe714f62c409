"""An entry's changes as the reader knows the record: field labels, choice labels, dates, and
related records by name (only those within the reader's clearance; any other stays unnamed).

The trail stores what changed as field names and raw values ("owner_person: null -> 6"); this is
for the page only, the CSV keeps the stored values. Related records are fetched once per page, a
query per related model, whatever the number of entries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from taawun.access.classified import Classified
from taawun.core import dates

LONG_TEXT = 120  # characters of a long text shown; the CSV export has the whole value


@dataclass(frozen=True)
class ShownChange:
    label: str
    old: str
    new: str


def model_of(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def record_type(label: str) -> str:
    """A model label ("registry.engagement") as its name in the reader's language."""
    model = model_of(label)
    return capfirst(model._meta.verbose_name) if model else label


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _pks(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _related_names(entries, user) -> dict[tuple[type[models.Model], str], str]:
    """{(related model, pk as text): name} of every related record the page's changes name that
    the reader may see."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        model = model_of(entry.model_label)
        for name, change in (entry.changes or {}).items():
            field = _field(model, name)
            if field is None or not field.is_relation or not isinstance(change, dict):
                continue
            for value in (change.get("old"), change.get("new")):
                wanted[field.related_model].update(str(pk) for pk in _pks(value))
    names = {}
    for related, pks in wanted.items():
        records = related._default_manager.all()
        if issubclass(related, Classified):
            records = records.visible_to(user)
        for record in records.filter(pk__in=sorted(pks)):
            names[(related, str(record.pk))] = str(record)
    return names


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _value(field, value, names) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field is None:
        return str(value)
    if field.is_relation:
        hidden = _("a record you may not see")
        return "، ".join(names.get((field.related_model, str(pk)), hidden) for pk in _pks(value))
    if isinstance(field, models.JSONField):
        return _("structured data (not shown)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = dt.datetime.fromisoformat(value)
        return date_format(
            timezone.localtime(moment) if timezone.is_aware(moment) else moment, "DATETIME_FORMAT"
        )
    if isinstance(field, models.DateField) and isinstance(value, str):
        return dates.gregorian(dt.date.fromisoformat(value))
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def shown_changes(entries, user) -> None:
    """Give each entry that is not masked `shown_changes`: its changes as ShownChange rows."""
    entries = [entry for entry in entries if not entry.masked]
    names = _related_names(entries, user)
    for entry in entries:
        model = model_of(entry.model_label)
        rows = []
        for name, change in sorted((entry.changes or {}).items()):
            field = _field(model, name)
            label = (
                capfirst(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
            )
            if isinstance(change, dict) and set(change) == {"old", "new"}:
                if _empty(change["old"]) and _empty(change["new"]):
                    continue  # nothing before, nothing after ("Reason: — → —"): no change to read
                # A record created had no value before: its values are shown without "— →".
                old = "" if entry.action == "create" else _value(field, change["old"], names)
                rows.append(ShownChange(label, old, _value(field, change["new"], names)))
            else:
                rows.append(ShownChange(label, "", _value(field, change, names)))
        entry.shown_changes = rows
        entry.record_type = record_type(entry.model_label)
