from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter, date_from, date_to
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Domain, Party
from taawun.training.models import TrainingProgram


class TrainingProgramFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "description"])
    provider = RecordChoiceFilter(model=Party, label=_("Provider"))
    recipient = RecordChoiceFilter(model=Party, label=_("Recipient"))
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), label=_("Domain"))
    status = django_filters.ChoiceFilter(choices=TrainingProgram.Status.choices, label=_("Status"))
    start_after = date_from("start_date", _("From"))
    start_before = date_to("start_date", _("Until"))

    class Meta:
        model = TrainingProgram
        fields = []
