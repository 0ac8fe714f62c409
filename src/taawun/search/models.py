"""The search index: one row per indexed record, a derived projection of the registry.

Rows hold index terms (normalised, stemmed), never the readable text: titles and snippets are
built from the live record at search time, after the reader's clearance has been checked.
The full-text structures beside this table are engine-specific and made by migration 0002:
an FTS5 table kept in step by triggers on SQLite, a weighted tsvector column with a GIN index on
PostgreSQL.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import Classification


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=32)  # the model name: "engagement", "source", ...
    object_id = models.BigIntegerField(_("record"))
    classification = models.CharField(_("classification"), max_length=16, choices=Classification.choices)
    # Space-separated codes with a space at each end (" SA SY "), so a code is found with contains.
    parties = models.CharField(_("parties"), max_length=1000, blank=True, default="")
    domains = models.CharField(_("domains"), max_length=1000, blank=True, default="")
    date = models.DateField(_("date"), null=True, blank=True)
    title_terms = models.TextField(_("title terms"), blank=True, default="")
    body_terms = models.TextField(_("text terms"), blank=True, default="")
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_record")]
        indexes = [models.Index(fields=["classification", "kind"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
