"""Where a merged record's address leads: the record it was merged into.

A merge deletes the records it folds into the one kept; bookmarks, links in e-mails and exported
lists still name them. Their addresses lead to the record kept, and a later merge of that one
moves every earlier address along, so a chain of merges is one step. Only a reader who may see
the record kept is led there: anyone else gets the same "not found" as for any missing record.
"""

from __future__ import annotations

from django.db import models

from taawun.core.models import MergedAddress


def remember_merge(model: type[models.Model], old_pks, survivor_pk) -> None:
    """Call inside the merge's transaction, after the merged records are deleted."""
    label = model._meta.label
    old = [str(pk) for pk in old_pks]
    MergedAddress.objects.filter(model_label=label, survivor_pk__in=old).update(survivor_pk=str(survivor_pk))
    MergedAddress.objects.bulk_create(
        [MergedAddress(model_label=label, old_pk=pk, survivor_pk=str(survivor_pk)) for pk in old]
    )


def survivor_pk(model: type[models.Model], pk) -> str | None:
    """The key of the record `pk` was merged into, if it was."""
    row = MergedAddress.objects.filter(model_label=model._meta.label, old_pk=str(pk)).first()
    return row.survivor_pk if row else None
