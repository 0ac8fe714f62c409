"""The programme item as a record type (pages, pickers, API, audit through the record framework),
and what the programme gives the pages of an engagement and of a committee session."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawun.access.policy import can_view
from taawun.programmes import filters, forms
from taawun.programmes.models import ProgrammeItem
from taawun.programmes.selectors import items_visible_to
from taawun.records import catalog
from taawun.records.crud import Column, Crud
from taawun.registry.models import Engagement


def item_time(item: ProgrammeItem) -> str:
    start = item.start_time.strftime("%H:%M")
    return f"{start}–{item.end_time:%H:%M}" if item.end_time else start


def item_detail(item: ProgrammeItem, user) -> dict:
    """An item's page: its people as far as the reader may see them (the others counted)."""
    shown = items_visible_to(user).get(pk=item.pk)
    return {
        "item": shown,
        "hidden_people": item.our_participants.count()
        + item.their_participants.count()
        - len(shown.our_participants.all())
        - len(shown.their_participants.all()),
    }


programme_item = Crud(
    model=ProgrammeItem,
    form_class=forms.ProgrammeItemForm,
    filterset_class=filters.ProgrammeItemFilter,
    queryset=lambda: ProgrammeItem.objects.select_related("engagement").order_by("-day", "start_time", "pk"),
    columns=[
        Column(_("Day"), lambda item: item.day),
        Column(_("Time"), item_time),
        Column(_("Title"), str, link=True),
        Column(_("Kind"), lambda item: item.get_kind_display()),
        Column(_("Engagement"), lambda item: item.engagement),
        Column(_("Place"), lambda item: item.place),
    ],
    detail_context=item_detail,
)

catalog.register(programme_item)


def programme_summary(engagement: Engagement, user) -> dict:
    """What an engagement's page says of its programme: how many items the reader may see."""
    return {
        "programme_section": {
            "engagement": engagement,
            "items": items_visible_to(user).filter(engagement=engagement).count(),
        }
    }


def _session_programme(session, user) -> dict:
    """A committee session's programme is its engagement's, linked where the reader may see it."""
    engagement = session.engagement if session.engagement_id else None
    if engagement is None or not can_view(user, engagement):
        return {}
    return programme_summary(engagement, user)


def _with(earlier, more):
    def detail_context(record, user) -> dict:
        return {**(earlier(record, user) if earlier else {}), **more(record, user)}

    return detail_context


# Added to what the engagement's and the session's own apps give their pages.
catalog.provide(Engagement, detail_context=_with(catalog.get(Engagement).detail_context, programme_summary))
# Named, not imported: the follow-up is a sibling layer (the committee sessions are its records).
SESSION = "agreements.committeesession"
catalog.provide(SESSION, detail_context=_with(catalog.get(SESSION).detail_context, _session_programme))
