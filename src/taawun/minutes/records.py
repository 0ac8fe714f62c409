"""The minutes' record type, and what they give the pages of sessions, engagements and action items
(catalog.provide: their minutes and the link to write them; the commitment an item was made from).
The earlier context of those pages (their own app's, or another's) is kept: this adds to it."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import can_view
from taawun.agreements.models import ActionItem, CommitteeSession, JointCommittee
from taawun.minutes import filters, forms, selectors, services
from taawun.minutes.models import Minutes
from taawun.records import catalog, lookup
from taawun.records.crud import Column, Crud
from taawun.registry.models import Engagement


def find_minutes(user, query: str) -> list[Minutes]:
    """Minutes found by their committee's name or their engagement's title, within the reader's clearance."""
    committees = lookup.matching(
        JointCommittee.objects.visible_to(user), query, lookup.SearchFields.of(JointCommittee)
    )
    engagements = lookup.matching(
        Engagement.objects.visible_to(user), query, lookup.SearchFields.of(Engagement)
    )
    found = Minutes.objects.visible_to(user).filter(
        Q(session__committee__in=committees) | Q(engagement__in=engagements)
    )
    return list(found.select_related("session", "engagement")[: lookup.RESULTS])


def minutes_choice(minutes: Minutes, user) -> str:
    """Minutes as pickers show them: with the session's committee where the reader may see it."""
    if minutes.session_id and can_view(user, minutes.session.committee):
        return f"{minutes.session.committee} — {minutes}"
    return str(minutes)


minutes = Crud(
    model=Minutes,
    form_class=forms.MinutesForm,
    formsets=[forms.MinuteItemFormSet],
    save=services.minutes_save,  # items numbered and checked; approved minutes reopened by an edit
    filterset_class=filters.MinutesFilter,
    queryset=lambda: Minutes.objects.select_related("session__committee", "engagement"),
    columns=[
        Column(_("Minutes"), str, link=True),
        Column(_("Committee"), lambda m: m.session.committee if m.session_id else None),
        Column(_("Engagement"), lambda m: m.engagement),
        Column(_("Held on"), lambda m: m.session.held_on if m.session_id else m.engagement.start_date),
        Column(_("Status"), lambda m: m.get_status_display()),
    ],
    detail_context=selectors.minutes_detail,
    find=find_minutes,
    choice_label=minutes_choice,
)

catalog.register(minutes)


def _adding(earlier, more):
    def detail_context(record, user) -> dict:
        return {**(earlier(record, user) if earlier else {}), **more(record, user)}

    return detail_context


# A session's and an engagement's pages show their minutes (or the link to write them); an action
# item's page, the commitment of the minutes it was made from.
for _model, _more in (
    (CommitteeSession, selectors.minutes_section),
    (Engagement, selectors.minutes_section),
    (ActionItem, selectors.origin_of),
):
    catalog.provide(_model, detail_context=_adding(catalog.get(_model).detail_context, _more))
