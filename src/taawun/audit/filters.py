"""Filters of the auditor's list (and of its CSV export)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from taawun.audit.models import Action, AuditEntry
from taawun.audit.selectors import readable_only
from taawun.core.widgets import DateInput


def _model_choices():
    """Each record type once, by its name in the reader's language (from the models, not by
    reading the whole trail for the labels it holds)."""
    models = [model for model in apps.get_models() if model.__module__.startswith("taawun.")]
    return sorted(
        ((model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in models),
        key=lambda choice: str(choice[1]),
    )


def _office_midnight(day: dt.date) -> dt.datetime:
    """The day's first instant in the office's time zone (TAAWUN_TIME_ZONE), the one the trail's
    times are shown in: a day chosen in the filter is the day the reader sees in the table."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AuditEntryFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(label=_("User (name or id)"), method="filter_user")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices)
    model = django_filters.ChoiceFilter(
        label=_("Record type"), field_name="model_label", choices=_model_choices, method="filter_model"
    )
    object_pk = django_filters.CharFilter(
        label=_("Object id"), field_name="object_pk", method="filter_object"
    )
    date_from = django_filters.DateFilter(label=_("From"), method="filter_from", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("To"), method="filter_to", widget=DateInput())

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_user(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = Q(username__iexact=value)
        if value.isdigit():
            query |= Q(user_id=int(value))
        return queryset.filter(query)

    def _reader(self):
        return getattr(self.request, "user", None)

    # Filtering by record matches only the entries the reader may read in full: a masked entry
    # found by its id or model would tell which hidden record it is about.
    def filter_model(self, queryset, name, value):
        if not value:
            return queryset
        # Refusals name the model as "registry.Engagement", other entries "registry.engagement".
        model = apps.get_model(value)
        labels = {model._meta.label_lower, model._meta.label}
        return readable_only(queryset, self._reader()).filter(model_label__in=sorted(labels))

    def filter_object(self, queryset, name, value):
        value = value.strip()
        return readable_only(queryset, self._reader()).filter(object_pk=value) if value else queryset

    def filter_from(self, queryset, name, value):
        return queryset.filter(timestamp__gte=_office_midnight(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(timestamp__lt=_office_midnight(value + dt.timedelta(days=1)))
