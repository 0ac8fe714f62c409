from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from taawun.core.filters import TextFilter
from taawun.knowledge.forms import KnowledgeItemForm
from taawun.knowledge.models import KnowledgeItem
from taawun.records.crud import Column, Crud
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


knowledge_item = Crud(
    model=KnowledgeItem,
    form_class=KnowledgeItemForm,
    filterset_class=KnowledgeItemFilter,
    queryset=lambda: KnowledgeItem.objects.select_related("domain", "party"),
    columns=[
        Column(_("Title"), lambda k: k.title, link=True),
        Column(_("Kind"), lambda k: k.get_kind_display()),
        Column(_("Domain"), lambda k: k.domain),
        Column(_("Learned from"), lambda k: k.party),
    ],
)

CRUDS = [knowledge_item]
