"""Signals keep the index in step with the records (one of the projections: taawun.projections).

The house rule keeps business rules out of signals; the index is not one. It is a derived
projection of records that other apps own and save through their own services, and every way a
record changes (the generic record pages, ingestion, the API, the admin, the demo data) must reach
it without each of those paths knowing that search exists. So the search app listens: a save or a
delete of an indexed record, or a change to the many-to-many links its document is made of,
re-indexes it inside the same transaction (once per record at the end of a service that runs in
`taawun.core.deferred.deferred()`, however many times the record changed). Writes that bypass
signals (QuerySet.update, raw SQL) are caught at search time, where the reader's clearance is
checked against the live records, and repaired by `taawun reindex`.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from taawun.core.deferred import run_or_defer
from taawun.search.indexing import KINDS, kind_of
from taawun.search.services import index_record, unindex_record

# (model label, many-to-many field) whose links are part of a document.
LINKS = (
    ("registry.Engagement", "guests"),
    ("registry.Engagement", "domains"),
    ("registry.Engagement", "forms"),  # their labels are indexed (search.indexing)
    ("registry.Engagement", "sources"),  # a source takes its engagements' parties and domains
    ("agreements.Understanding", "parties"),
    ("agreements.Understanding", "domains"),
)


def _key(record) -> tuple:
    return ("search", kind_of(record).key, record.pk)


def reindex_soon(record, *, created: bool = False) -> None:
    """Re-index the record now, or once at the end of the enclosing `deferred()` block."""
    if created:
        run_or_defer(_key(record), lambda: index_record(record, created=True))
    else:
        run_or_defer(_key(record), lambda: index_record(record))


def refresh(record, *, created: bool = False) -> None:
    """Re-index a record and the documents derived from it (an engagement's sources)."""
    reindex_soon(record, created=created)
    if not created and kind_of(record).key == "engagement":  # a new engagement has no sources yet
        for source in record.sources.all():
            reindex_soon(source)


def _saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not raw:  # fixtures being loaded: their links may not exist yet; `taawun reindex` after
        refresh(instance, created=created)


def _before_delete(sender, instance, **kwargs) -> None:
    if kind_of(instance).key == "engagement":
        instance._search_sources = list(instance.sources.all())


def _deleted(sender, instance, **kwargs) -> None:
    kind, pk = kind_of(instance).key, instance.pk
    run_or_defer(_key(instance), lambda: unindex_record(kind=kind, object_id=pk))
    for source in getattr(instance, "_search_sources", ()):
        reindex_soon(source)


def _linked_pks(field, instance, reverse: bool) -> set:
    through = field.remote_field.through
    mine, theirs = field.m2m_field_name(), field.m2m_reverse_field_name()
    if reverse:
        mine, theirs = theirs, mine
    return set(through._default_manager.filter(**{mine: instance.pk}).values_list(theirs, flat=True))


def _link_handler(owner, field):
    def changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if action == "pre_clear":  # remember what is unlinked: post_clear does not say
            instance._search_cleared = _linked_pks(field, instance, reverse)
            return
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        pks = getattr(instance, "_search_cleared", set()) if action == "post_clear" else set(pk_set or ())
        owners = owner._default_manager.filter(pk__in=pks) if reverse else [instance]
        for record in owners:
            refresh(record)
        if field.name == "sources":
            sources = [instance] if reverse else field.related_model._default_manager.filter(pk__in=pks)
            for source in sources:
                reindex_soon(source)

    return changed


def connect() -> None:
    for kind in KINDS:
        model = kind.model
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-saved-{kind.key}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"search-deleting-{kind.key}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-deleted-{kind.key}")
    for label, name in LINKS:
        owner = apps.get_model(label)
        field = owner._meta.get_field(name)
        m2m_changed.connect(
            _link_handler(owner, field),
            sender=field.remote_field.through,
            dispatch_uid=f"search-links-{label}-{name}",
            weak=False,
        )
