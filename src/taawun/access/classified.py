"""The classification every record carries, and the queryset that filters records by a reader's clearance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import Classification, visible_levels


class ClassifiedQuerySet(models.QuerySet):
    def visible_to(self, user) -> ClassifiedQuerySet:
        return self.filter(classification__in=visible_levels(user))


class Classified(models.Model):
    """Mixin: every record carries a classification and is filtered by the reader's clearance."""

    classification = models.CharField(
        _("classification"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        abstract = True
