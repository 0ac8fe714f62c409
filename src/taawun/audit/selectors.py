"""Reading the trail as a reader of a given clearance may.

An entry is shown in full only when both its own classification (the records it named when it was
written) and the highest classification its record ever had (AuditedRecord) are within the
reader's clearance. Any other entry is listed as "an entry about a record you may not see": its
number, time, user, address and action, never the record's name, id, path, values or note. It is
still listed, so that the sequence has no gaps that would look like deleted entries.

Both conditions are evaluated in the database, per row, with one indexed lookup of AuditedRecord
(model label, id), so a page of 25 entries or a streamed export of millions costs no more queries
than without them.
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from taawun.accounts.policy import visible_levels
from taawun.audit.models import AuditedRecord, AuditEntry


def hidden_from(user) -> Q:
    """Entries the user may read only masked."""
    levels = visible_levels(user)
    above_clearance = AuditedRecord.objects.filter(
        # Older refusals name the model as "registry.Engagement": the lookup lowers the entry's side,
        # so the index on (model_label, object_pk) still serves it.
        model_label=Lower(OuterRef("model_label")),
        object_pk=OuterRef("object_pk"),
    ).exclude(classification__in=levels)
    return (Q(classification__isnull=False) & ~Q(classification__in=levels)) | Exists(above_clearance)


def entries_for_reader(user, queryset: QuerySet | None = None) -> QuerySet:
    """The entries, each annotated `masked` (True: show it only as an entry about a hidden record)."""
    queryset = AuditEntry.objects.all() if queryset is None else queryset
    return queryset.annotate(
        masked=Case(
            When(hidden_from(user), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def readable_only(queryset: QuerySet, user) -> QuerySet:
    """Only the entries the user may read in full: for filters by record, whose answer would
    otherwise tell which hidden records have entries."""
    return queryset.exclude(hidden_from(user))
