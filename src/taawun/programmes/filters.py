from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter, date_from, date_to
from taawun.programmes.models import ProgrammeItem
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Engagement


class ProgrammeItemFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "place"])
    engagement = RecordChoiceFilter(model=Engagement, label=_("Engagement"))
    kind = django_filters.ChoiceFilter(choices=ProgrammeItem.Kind.choices, label=_("Kind"))
    day_from = date_from("day", _("From"))
    day_until = date_to("day", _("Until"))

    class Meta:
        model = ProgrammeItem
        fields = []
