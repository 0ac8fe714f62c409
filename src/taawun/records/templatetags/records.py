"""Template tags of the record pages: a list's cells and related records, within the reader's clearance."""

from __future__ import annotations

from django import template
from django.db import models
from django.utils.html import format_html

from taawun.core.templatetags.taawun import show
from taawun.records.visibility import visible_related

register = template.Library()


@register.simple_tag(takes_context=True)
def cell(context, column, record):
    # A related record above the reader's clearance (an owner, a chair, a party) is left out.
    value = visible_related(context["request"].user, column.value(record))
    shown = show(value)
    if column.link and hasattr(record, "get_absolute_url"):
        return format_html('<a href="{}" dir="auto">{}</a>', record.get_absolute_url(), shown)
    return shown


@register.filter
def visible_to(value, user):
    """A related record, or records, as the user may see them: those above the user's clearance
    are left out (a single one becomes None, shown as "—"). Filters what is already loaded."""
    if isinstance(value, models.QuerySet):
        value = list(value)
    return visible_related(user, value)
