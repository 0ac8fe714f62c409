"""Signals keep the index in step with the records.

The house rule keeps business rules out of signals; the index is not one. It is a derived
projection of records that other apps own and save through their own services, and every way a
record changes (the generic record pages, ingestion, the API, the admin, the demo data) must reach
it without each of those paths knowing that search exists. So the search app listens: a save or a
delete of an indexed record, or a change to the many-to-many links its document is made of,
re-indexes it inside the same transaction. Writes that bypass signals (QuerySet.update, raw SQL)
are caught at search time, where the reader's clearance is checked against the live records, and
repaired by `taawun reindex`.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from taawun.search.indexing import KINDS, kind_of
from taawun.search.services import index_record, unindex_record

# (model label, many-to-many field) whose links are part of a document.
LINKS = (
    ("registry.Engagement", "guests"),
    ("registry.Engagement", "domains"),
    ("registry.Engagement", "sources"),  # a source takes its engagements' parties and domains
    ("agreements.Understanding", "parties"),
    ("agreements.Understanding", "domains"),
)


def refresh(record) -> None:
    """Re-index a record and the documents derived from it (an engagement's sources)."""
    index_record(record)
    if kind_of(record).key == "engagement":
        for source in record.sources.all():
            index_record(source)


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures being loaded: their links may not exist yet; `taawun reindex` after
        refresh(instance)


def _before_delete(sender, instance, **kwargs) -> None:
    if kind_of(instance).key == "engagement":
        instance._search_sources = list(instance.sources.all())


def _deleted(sender, instance, **kwargs) -> None:
    unindex_record(kind=kind_of(instance).key, object_id=instance.pk)
    for source in getattr(instance, "_search_sources", ()):
        index_record(source)


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
                index_record(source)

    return changed


def connect() -> None:
    from django.apps import apps

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
