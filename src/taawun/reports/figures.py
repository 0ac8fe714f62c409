"""Figures computed from many records (the dashboard's), cached until the records change.

Aggregating a million engagements takes seconds; the figures change only when records do. So
they are kept in the shared cache (settings.CACHES: one for every app process) under a key made
of the *data version*, the reader's clearance (what a reader may see depends on nothing else;
taawun.access.policy) and the question asked. Any save, deletion or change of links of a record
the figures are made of moves the version on, once its transaction has committed: a reader who
computes before the commit stores figures under the old version, which nobody asks for again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from taawun.access.policy import visible_levels
from taawun.core.deferred import run_or_defer


def _namespace() -> str:
    """Keys of this database only: one cache (files under var/, Redis) may serve several."""
    settings = connection.settings_dict
    where = (
        f"{connection.vendor}:{settings.get('HOST') or ''}:{settings.get('PORT') or ''}:{settings['NAME']}"
    )
    return "taawun:figures:" + hashlib.sha256(where.encode()).hexdigest()[:16]


# Long enough to outlive a quiet week-end; the version, not the timeout, keeps the figures true.
TIMEOUT = 7 * 24 * 3600

# The records (and their many-to-many links) the cached figures are computed from.
SOURCES = (
    "registry.Engagement",
    "registry.Party",
    "registry.Domain",
    "agreements.Understanding",
    "agreements.ActionItem",
    "training.TrainingProgram",
)


def data_version() -> int:
    version = cache.get(_namespace() + ":version")
    if version is None:
        cache.add(_namespace() + ":version", time.time_ns(), timeout=None)
        version = cache.get(_namespace() + ":version")
    return version


def _move_on() -> None:
    cache.set(_namespace() + ":version", time.time_ns(), timeout=None)


def invalidate() -> None:
    """Every cached figure is stale. Called by the signal receivers below, and by writers that
    bypass signals (bulk loads, restores).

    The version moves on now (the changing transaction itself then reads fresh figures) and again
    once the transaction commits (a reader elsewhere may have cached the old figures under the
    intermediate version meanwhile). Inside `deferred()`, once per call.
    """
    run_or_defer(("figures",), _move_on_now_and_at_commit)


def _move_on_now_and_at_commit() -> None:
    _move_on()
    transaction.on_commit(_move_on)


def records_changed(**kwargs) -> None:
    if kwargs.get("raw"):
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed fires before and after; the change is done after
    invalidate()


def cached_figures(user, question: tuple[Hashable, ...], compute: Callable[[], Any]) -> Any:
    """The figures for `question` as `user` may see them, from the cache or computed now."""
    levels = ".".join(visible_levels(user)) or "-"
    key = ":".join(str(part) for part in (_namespace(), data_version(), levels, *question))
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, timeout=TIMEOUT)
    return figures


def connect() -> None:
    for label in SOURCES:
        model = apps.get_model(label)
        uid = f"figures-{label}"
        post_save.connect(records_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(records_changed, sender=model, dispatch_uid=f"{uid}-deleted")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                records_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )
