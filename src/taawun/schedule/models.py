"""Calendar feed tokens: secret addresses through which calendar apps read a user's calendar.

Only the SHA-256 of a token is stored, so the database (or a backup) never holds a usable feed
address; the token itself is shown once, when it is created.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.registry.models import Party


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class CalendarToken(models.Model):
    """A revocable feed address of one user: everything the user may see, or one partner's part."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("user"),
    )
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("partner"),
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_audited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        # Never the token: entries of the audit trail name a feed by this.
        return f"{self.user} #{self.pk}{f' {self.party_id}' if self.party_id else ''}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
