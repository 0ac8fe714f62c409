"""Template helpers of the follow-up pages."""

from __future__ import annotations

from django import template

from taawun.access.policy import can_view

register = template.Library()


@register.filter
def seen_by(record, user):
    """The related record if the user may see it, else None (shown as "—"): an owner or a chair
    above the reader's clearance must not appear by name beside an item the reader may see."""
    if record is None or user is None:
        return None
    return record if can_view(user, record) else None
