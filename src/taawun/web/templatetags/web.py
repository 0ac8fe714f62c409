"""Template tags of the page frame."""

from __future__ import annotations

from django import template
from django.urls import translate_url

from taawun.access.policy import requires_second_factor

register = template.Library()


@register.simple_tag(takes_context=True)
def this_page_in(context, language: str) -> str:
    """The address of the current page in another language (/x/ ⇄ /en/x/), query string kept.

    Computed while the page's own language is active: Django's set_language view cannot do it
    itself, because it runs under the language of the unprefixed /i18n/ address, where a path
    carrying the other language's prefix does not resolve.

    A page shown in answer to a form posted to an address that takes no GET (a decision of the
    review desk refused) names the page to go back to as `page_address`.
    """
    return translate_url(context.get("page_address") or context["request"].get_full_path(), language)


@register.filter
def through_the_door(user) -> bool:
    """Whether the user is fully signed in: logged in, past the second factor where one is required,
    and with a password of their own (not one an administrator gave). Until then the frame shows no
    menu and no notification badge: pages open before that (the code's and the password's own
    pages, a page not found) must not lead into the site or count its records."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "must_change_password", False):
        return False
    verified = getattr(user, "is_verified", None)
    return not requires_second_factor(user) or (callable(verified) and verified())
