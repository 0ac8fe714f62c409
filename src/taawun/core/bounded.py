"""The first few records of a long list and how many there are, counted only so far.

A partner's profile and its country brief show the first twenty of each list with its count; a
busy partner has thousands. The keys are looked at once, up to one more than the count shown
("more than 1,000" past it), and only the first few records are fetched whole: finding a busy
partner's items twice, to list and to count, was the profile's dearest work on PostgreSQL.
"""

from __future__ import annotations

from django.db.models import QuerySet

COUNTED_UP_TO = 1000


def first_counted(records: QuerySet, shown: int, keys: QuerySet | None = None) -> tuple[list, int]:
    """The first `shown` records, in the queryset's order, and how many there are (up to one
    more than COUNTED_UP_TO). `keys`, when given, lists the records' keys in the order to show
    them (from a table kept for the purpose); it is read instead of `records`."""
    if keys is None:
        keys = records.values_list("pk", flat=True)
    keys = list(keys[: COUNTED_UP_TO + 1])
    first = keys[:shown]
    found = {record.pk: record for record in records.filter(pk__in=first).order_by()}
    return [found[key] for key in first if key in found], len(keys)
