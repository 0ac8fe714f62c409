from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter
from taawun.knowledge.models import KnowledgeItem
from taawun.records.forms import RecordChoiceFilter
from taawun.registry.models import Domain, Party


class KnowledgeItemFilter(django_filters.FilterSet):
    q = TextFilter(fields=["title_ar", "title_en", "body"])
    kind = django_filters.ChoiceFilter(choices=KnowledgeItem.Kind.choices, label=_("Kind"))
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), label=_("Domain"))
    party = RecordChoiceFilter(model=Party, label=_("Learned from"))

    class Meta:
        model = KnowledgeItem
        fields = []
