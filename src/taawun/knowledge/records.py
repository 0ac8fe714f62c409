"""The knowledge base's record type."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawun.knowledge.filters import KnowledgeItemFilter
from taawun.knowledge.forms import KnowledgeItemForm
from taawun.knowledge.models import KnowledgeItem
from taawun.records import catalog
from taawun.records.crud import Column, Crud

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

catalog.register(knowledge_item)
