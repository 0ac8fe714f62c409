"""Saving and deleting records: all or nothing, and always audited.

Each service writes the audit entries of what it changed (taawun.audit) in the same transaction
as the change, so a rolled-back change leaves no entry and a committed one always has its entries.
Old values are read from the database (rows locked for the transaction) before the change, never
from the bound form, whose instance validation has already overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.forms import BaseFormSet, ModelForm

from taawun.audit.models import Action
from taawun.audit.services import append, diff, jsonable, snapshot, stored_snapshot
from taawun.core.deferred import deferred
from taawun.records import referrers


def _children(formset: BaseFormSet, parent: models.Model, *, lock: bool = False) -> dict:
    """pk -> (snapshot, repr) of the rows an inline formset edits, as stored now."""
    fk = getattr(formset, "fk", None)
    if fk is None:
        raise TypeError("record_save audits inline formsets (with a foreign key to the record) only.")
    if parent.pk is None:
        return {}
    queryset = formset.model._base_manager.filter(**{fk.name: parent.pk}).order_by("pk")
    if lock:
        queryset = queryset.select_for_update()
    return {child.pk: (snapshot(child), str(child)) for child in queryset}


@transaction.atomic
@deferred()
def record_save(
    *, form: ModelForm, formsets: Iterable[BaseFormSet] = (), actor, request=None
) -> models.Model:
    """Save a validated form with its inline formsets in one transaction, so a failure leaves nothing.

    Audit: one create/update entry for the record (field-level old and new values, many-to-many
    as id lists), then one entry per inline row created, changed or deleted.
    """
    formsets = list(formsets)
    model = type(form.instance)
    creating = form.instance._state.adding or form.instance.pk is None
    before = None if creating else stored_snapshot(model, form.instance.pk, lock=True)
    children_before = [{} if creating else _children(fs, form.instance, lock=True) for fs in formsets]

    record = form.save()
    for formset in formsets:
        formset.instance = record
        formset.save()

    after, after_repr = stored_snapshot(model, record.pk)
    append(
        action=Action.CREATE if before is None else Action.UPDATE,
        actor=actor,
        request=request,
        record=record,
        object_repr=after_repr,
        changes=diff(before[0] if before else None, after),
    )
    parent = f"{record._meta.label_lower} {record.pk}"
    for formset, old_rows in zip(formsets, children_before, strict=True):
        new_rows = _children(formset, record)
        label = formset.model._meta.label_lower
        for pk in sorted(set(old_rows) | set(new_rows), key=lambda pk: (str(type(pk)), pk)):
            old, new = old_rows.get(pk), new_rows.get(pk)
            if old and new and old[0] == new[0]:
                continue
            action = Action.CREATE if old is None else Action.DELETE if new is None else Action.UPDATE
            append(
                action=action,
                actor=actor,
                request=request,
                model_label=label,
                object_pk=str(pk),
                object_repr=(new or old)[1],
                changes=diff(old[0] if old else None, new[0] if new else None),
                note=f"inline of {parent}",
            )
    return record


class RecordInUse(Exception):
    """The record is referenced by others and cannot be deleted: `blockers` are the referrers the
    deleting user may see (named), `hidden` how many they may not see (counted, never named)."""

    def __init__(self, blockers: list[models.Model], hidden: int = 0):
        super().__init__(blockers, hidden)
        self.blockers = blockers
        self.hidden = hidden

    @classmethod
    def of(cls, found: referrers.Referrers) -> RecordInUse:
        return cls(found.shown, hidden=found.hidden)


def _m2m_field_of(through: type[models.Model]) -> models.ManyToManyField:
    owner = through._meta.auto_created
    return next(field for field in owner._meta.many_to_many if field.remote_field.through is through)


@transaction.atomic
@deferred()
def record_delete(*, record: models.Model, actor, request=None) -> None:
    """Delete a record, auditing it and everything the deletion takes with it.

    Refused (RecordInUse) while other records refer to it (taawun.records.referrers): records that
    link to it, and records the actor may not see that the deletion would change or delete.

    Audit: a delete entry for the record (its last values), a delete entry for each row removed
    by cascade, and an update entry for each row a deletion changes (SET_NULL and the like, and
    many-to-many links of surviving records).
    """
    model, pk = type(record), record.pk  # delete() clears record.pk
    found = referrers.direct_referrers(record, actor)
    if found:
        raise RecordInUse.of(found)
    root = stored_snapshot(model, pk, lock=True)
    collector = Collector(using=router.db_for_write(model, instance=record), origin=record)
    try:
        collector.collect([record])
    except models.ProtectedError as error:
        found = referrers.split_rows(error.protected_objects, actor, deleting=record)
        raise RecordInUse.of(found) from error
    except models.RestrictedError as error:
        found = referrers.split_rows(error.restricted_objects, actor, deleting=record)
        raise RecordInUse.of(found) from error

    doomed: dict[type[models.Model], dict] = defaultdict(dict)  # model -> pk -> (snapshot, repr)
    through_rows: list[models.Model] = []
    classified_doomed: list[models.Model] = []  # records deleted with it, not mere parts of it
    batches = [(m, list(objs)) for m, objs in collector.data.items()]
    batches += [(qs.model, list(qs)) for qs in collector.fast_deletes]
    for batch_model, objs in batches:
        for obj in objs:
            if batch_model._meta.auto_created:
                through_rows.append(obj)
            elif not (batch_model is model and obj.pk == pk):
                doomed[batch_model][obj.pk] = (snapshot(obj), str(obj))
                if referrers.is_classified(batch_model):
                    classified_doomed.append(obj)

    def is_doomed(target_model, target_pk) -> bool:
        return (target_model is model and target_pk == pk) or target_pk in doomed.get(target_model, {})

    # Rows that survive with a changed foreign key (on_delete=SET_NULL, SET_DEFAULT, SET(...)).
    field_updates = []
    for (field, value), groups in collector.field_updates.items():
        new = jsonable(value.pk if isinstance(value, models.Model) else value)
        for objs in groups:
            for obj in objs:
                if not is_doomed(type(obj), obj.pk):
                    old = jsonable(getattr(obj, field.attname))
                    field_updates.append((obj, diff({field.name: old}, {field.name: new})))

    # Surviving records that lose a many-to-many link to a deleted one.
    m2m_losses: dict[tuple, set] = defaultdict(set)
    for row in through_rows:
        through = type(row)
        field = _m2m_field_of(through)
        owner_model = through._meta.auto_created
        owner_pk = getattr(row, through._meta.get_field(field.m2m_field_name()).attname)
        target_pk = getattr(row, through._meta.get_field(field.m2m_reverse_field_name()).attname)
        if not is_doomed(owner_model, owner_pk):
            m2m_losses[(owner_model, owner_pk, field.name)].add(target_pk)
    m2m_updates = []
    for (owner_model, owner_pk, name), lost in m2m_losses.items():
        owner = owner_model._base_manager.get(pk=owner_pk)
        old = snapshot(owner)[name]
        m2m_updates.append((owner, diff({name: old}, {name: [pk for pk in old if pk not in lost]})))

    # Further away than its direct referrers: records the actor may not see that the deletion
    # would change, or delete with it, stop it as well (counted, never named).
    changed = [obj for obj, _changes in [*field_updates, *m2m_updates]]
    unseen = referrers.split_rows([*changed, *classified_doomed], actor, deleting=record).hidden
    if unseen:
        raise RecordInUse([], hidden=unseen)

    try:
        record.delete()
    except models.ProtectedError as error:
        found = referrers.split_rows(error.protected_objects, actor, deleting=record)
        raise RecordInUse.of(found) from error

    label = f"{model._meta.label_lower} {pk}"
    append(
        action=Action.DELETE,
        actor=actor,
        request=request,
        model_label=model._meta.label_lower,
        object_pk=str(pk),
        object_repr=root[1] if root else "",
        changes=diff(root[0] if root else None, None),
    )
    for doomed_model, rows in doomed.items():
        for row_pk, (values, text) in sorted(rows.items(), key=lambda item: (str(type(item[0])), item[0])):
            append(
                action=Action.DELETE,
                actor=actor,
                request=request,
                model_label=doomed_model._meta.label_lower,
                object_pk=str(row_pk),
                object_repr=text,
                changes=diff(values, None),
                note=f"deleted with {label}",
            )
    for obj, changes in [*field_updates, *m2m_updates]:
        append(
            action=Action.UPDATE,
            actor=actor,
            request=request,
            record=obj,
            changes=changes,
            note=f"changed by deletion of {label}",
        )
