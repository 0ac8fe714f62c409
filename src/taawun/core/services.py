"""Saving and deleting records: all or nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm


@transaction.atomic
def record_save(*, form: ModelForm, formsets: Iterable[BaseFormSet] = ()) -> models.Model:
    """Save a validated form with its inline formsets in one transaction, so a failure leaves nothing."""
    record = form.save()
    for formset in formsets:
        formset.instance = record
        formset.save()
    return record


class RecordInUse(Exception):
    """The record is referenced by others and cannot be deleted."""

    def __init__(self, blockers: list[models.Model]):
        super().__init__(blockers)
        self.blockers = blockers


@transaction.atomic
def record_delete(*, record: models.Model) -> None:
    try:
        record.delete()
    except models.ProtectedError as error:
        raise RecordInUse(list(error.protected_objects)[:10]) from error
