"""Every record type's declaration (a Crud), in one catalogue the pages, the API and the
permission matrix read.

Each app declares its record types in `<app>/records.py` and registers them there
(`catalog.register(...)`); the catalogue imports every installed app's `records` module once
the apps are loaded (as Django's admin does with `admin.py`). An app may also give a record
type of a lower app what that app cannot compute without importing it (`catalog.provide`):
the partner profile, for one, is built by taawun.reports from its tallies, and the registry
declares the partner pages without knowing the reports exist.
"""

from __future__ import annotations

from django.db import models
from django.utils.module_loading import autodiscover_modules

from taawun.records.crud import Crud

_records: dict[str, Crud] = {}

# What another app may give a record type: the data its pages show, fetched where it is kept.
PROVIDABLE = frozenset(
    {"detail_context", "total", "pages", "filterset_class", "extra_columns", "annotate_page", "find"}
)


def _label(model: type[models.Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.label_lower


def register(*cruds: Crud) -> None:
    for crud in cruds:
        label = _label(crud.model)
        if label in _records:
            raise ValueError(f"{label} is declared twice")
        _records[label] = crud


def provide(model: type[models.Model] | str, **hooks) -> None:
    """Give a record type declared in another app the callables its pages use (PROVIDABLE)."""
    unknown = set(hooks) - PROVIDABLE
    if unknown:
        raise TypeError(f"a record type cannot be given {', '.join(sorted(unknown))}")
    crud = get(model)
    for name, hook in hooks.items():
        setattr(crud, name, hook)


def get(model: type[models.Model] | str) -> Crud:
    return _records[_label(model)]


def all_records() -> list[Crud]:
    return list(_records.values())


def of_app(app_label: str) -> list[Crud]:
    return [crud for crud in _records.values() if crud.namespace == app_label]


def urls(app_label: str) -> list:
    """The list, detail, create, edit and delete pages of an app's record types."""
    return [url for crud in of_app(app_label) for url in crud.urls()]


def autodiscover() -> None:
    autodiscover_modules("records")
