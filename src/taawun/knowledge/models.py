"""Best practices and lessons learned from cooperation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawun.access.classified import Classified
from taawun.core.models import BilingualTitled, TimeStamped
from taawun.registry.models import Domain, Engagement, Party


class KnowledgeItem(Classified, TimeStamped, BilingualTitled):
    class Kind(models.TextChoices):
        BEST_PRACTICE = "best_practice", _("Best practice")
        LESSON = "lesson", _("Lesson learned")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BEST_PRACTICE)
    body = models.TextField(_("text"))
    domain = models.ForeignKey(
        Domain,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knowledge_items",
        verbose_name=_("domain"),
    )
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knowledge_items",
        verbose_name=_("learned from"),
    )
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
        verbose_name=_("engagement"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")

    def get_absolute_url(self) -> str:
        return reverse("knowledge:knowledgeitem_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = self.untitled_errors()
        if self.body and not self.body.strip():
            errors["body"] = _("Write the practice or the lesson.")
        if errors:
            raise ValidationError(errors)
