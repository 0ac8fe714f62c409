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

from django.db.models import BooleanField, Case, CharField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower

from taawun.access.policy import Classification, visible_levels
from taawun.audit.models import AuditedRecord, AuditEntry


def _remembered_level() -> Subquery:
    """The highest classification the entry's record ever had (NULL: no classified record).

    A scalar subquery with LIMIT 1, so that it is one index probe per entry read: PostgreSQL would
    answer an EXISTS by hashing every hidden record once per query, whatever the page's size."""
    return Subquery(
        AuditedRecord.objects.filter(
            # Older refusals name the model as "registry.Engagement": the entry's side is lowered,
            # so the index on (model_label, object_pk) still serves the lookup.
            model_label=Lower(OuterRef("model_label")),
            object_pk=OuterRef("object_pk"),
        ).values("classification")[:1]
    )


def entries_for_reader(user, queryset: QuerySet | None = None) -> QuerySet:
    """The entries, each annotated `masked` (True: show it only as an entry about a hidden record)."""
    queryset = AuditEntry.objects.all() if queryset is None else queryset
    levels = visible_levels(user)
    # `alias`, not `annotate`: the record's level is only compared, so its lookup runs once per row.
    return queryset.alias(
        record_level=Coalesce(_remembered_level(), Value(Classification.PUBLIC), output_field=CharField())
    ).annotate(
        masked=Case(
            When(Q(classification__isnull=False) & ~Q(classification__in=levels), then=Value(True)),
            When(~Q(record_level__in=levels), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def readable_only(queryset: QuerySet, user) -> QuerySet:
    """Only the entries the user may read in full: for filters by record, whose answer would
    otherwise tell which hidden records have entries."""
    if "masked" not in queryset.query.annotations:
        queryset = entries_for_reader(user, queryset)
    return queryset.filter(masked=False)
