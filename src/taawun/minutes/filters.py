from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.agreements.models import JointCommittee
from taawun.minutes.models import MinuteItem, Minutes
from taawun.records.forms import RecordChoiceFilter


class MinutesFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Contains"), method="filter_text")
    status = django_filters.ChoiceFilter(choices=Minutes.Status.choices, label=_("Status"))
    committee = RecordChoiceFilter(
        model=JointCommittee, field_name="session__committee", label=_("Committee")
    )

    class Meta:
        model = Minutes
        fields = []

    def filter_text(self, qs, name, value):
        """Minutes whose summary, or one of whose items the reader may see, holds the words."""
        value = (value or "").strip()
        if not value:
            return qs
        items = MinuteItem.objects.visible_to(self.request.user if self.request else None).filter(
            Q(text_ar__icontains=value) | Q(text_en__icontains=value)
        )
        return qs.filter(
            Q(summary_ar__icontains=value)
            | Q(summary_en__icontains=value)
            | Q(pk__in=items.values("minutes_id"))
        )
