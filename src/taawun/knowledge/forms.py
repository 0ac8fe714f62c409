from taawun.knowledge.models import KnowledgeItem
from taawun.records.forms import RecordForm


class KnowledgeItemForm(RecordForm):
    class Meta:
        model = KnowledgeItem
        fields = ["kind", "title_ar", "title_en", "body", "domain", "party", "engagement", "classification"]
