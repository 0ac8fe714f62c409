from taawun.core.forms import RecordForm
from taawun.knowledge.models import KnowledgeItem


class KnowledgeItemForm(RecordForm):
    class Meta:
        model = KnowledgeItem
        fields = ["kind", "title_ar", "title_en", "body", "domain", "party", "engagement", "classification"]
