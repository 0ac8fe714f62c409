"""The notifications link of the navigation bar, with the unread count."""

from __future__ import annotations

from django import template

from taawun.notifications.selectors import my_open_items_count, unread_count

register = template.Library()


@register.inclusion_tag("notifications/nav_link.html", takes_context=True)
def notifications_link(context) -> dict:
    user = context.get("user")
    return {"unread": unread_count(user)}


@register.inclusion_tag("notifications/my_items_link.html", takes_context=True)
def my_items_link(context) -> dict:
    return {"open_items": my_open_items_count(context.get("user"))}
