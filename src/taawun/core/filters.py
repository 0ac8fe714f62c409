"""Filters shared by the record lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.core.widgets import DateInput


class TextFilter(django_filters.CharFilter):
    """Contains-filter over several fields at once (the full Arabic-aware search is separate)."""

    def __init__(self, *args, fields: list[str], **kwargs):
        kwargs.setdefault("label", _("Contains"))
        super().__init__(*args, **kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        if not value:
            return qs
        query = Q()
        for name in self.search_fields:
            query |= Q(**{f"{name}__icontains": value.strip()})
        return qs.filter(query)


def date_from(field: str, label) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name=field, lookup_expr="gte", label=label, widget=DateInput())


def date_to(field: str, label) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name=field, lookup_expr="lte", label=label, widget=DateInput())
