"""The registry's record types: one Crud declaration each, registered in the record catalogue.

What the registry cannot compute without the apps above it is given by them (catalog.provide):
the partner profile, the list totals and a partner's engagement pages by taawun.reports (from
its tallies; reports/records.py), an engagement's follow-up by taawun.agreements
(agreements/records.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawun.core.i18n import in_reading_order
from taawun.records import catalog
from taawun.records.crud import Column, Crud
from taawun.registry import choices, filters, forms, selectors, services
from taawun.registry.models import Agency, Engagement, Party, Person, Source


def _parties(engagement) -> list:
    return engagement.parties()


party = Crud(
    model=Party,
    form_class=forms.PartyForm,
    update_form_class=forms.PartyUpdateForm,
    filterset_class=filters.PartyFilter,
    pk_converter="str",
    picker="list",  # a few hundred partners: listed, filtered as typed
    choice_label=choices.party_choice,
    queryset=lambda: in_reading_order(Party.objects.all()),  # as the reader files names
    columns=[
        Column(_("Name"), str, link=True),
        Column(_("Code"), lambda p: p.code),
        Column(_("Kind"), lambda p: p.get_kind_display()),
    ],
)

agency = Crud(
    model=Agency,
    form_class=forms.AgencyForm,
    filterset_class=filters.AgencyFilter,
    queryset=lambda: Agency.objects.select_related("party", "parent"),
    choice_label=choices.agency_choice,
    columns=[
        Column(_("Name"), str, link=True),
        Column(_("Abbreviation"), lambda a: a.abbreviation),
        Column(_("Party"), lambda a: a.party),
        Column(_("Part of"), lambda a: a.parent),
    ],
)

person = Crud(
    model=Person,
    form_class=forms.PersonForm,
    filterset_class=filters.PersonFilter,
    formsets=[forms.PositionFormSet],
    save=services.person_save,  # Person.position follows the posts held now
    # Those holding a post now first, each group by name.
    queryset=lambda: selectors.current_first(Person.objects.select_related("party", "agency")),
    choice_label=choices.person_choice,
    columns=[
        Column(_("Name"), str, link=True),
        Column(_("Rank"), lambda p: p.get_rank_display()),
        # The posts held now, else the last one held, marked former with its end (with_posts).
        Column(_("Position"), lambda p: p.post_text),
        Column(_("Party"), lambda p: p.party),
    ],
    annotate_page=lambda user, people: selectors.with_posts(people),
    detail_context=selectors.person_detail,
)

source = Crud(
    model=Source,
    form_class=forms.SourceForm,
    filterset_class=filters.SourceFilter,
    choice_label=choices.source_choice,
    columns=[
        Column(_("Title"), str, link=True),
        Column(_("Published on"), lambda s: s.published_on),
        Column(_("Address"), lambda s: s.url),
    ],
    detail_context=selectors.source_detail,
)

engagement = Crud(
    model=Engagement,
    form_class=forms.EngagementForm,
    filterset_class=filters.EngagementFilter,
    formsets=[forms.ParticipationFormSet],
    queryset=selectors.engagements_list,
    choice_label=choices.engagement_choice,
    columns=[
        Column(_("Title"), lambda e: e.title, link=True),
        Column(_("Kind"), lambda e: e.get_kind_display()),
        Column(_("When"), lambda e: e.when() or None),
        Column(_("Parties"), _parties),
    ],
    export_columns=[
        Column(_("Start"), lambda e: e.start_date),
        Column(_("End"), lambda e: e.end_date),
        Column(_("Host"), lambda e: e.host),
        Column(_("Country"), lambda e: e.location_country),
    ],
    detail_context=selectors.engagement_detail,
)

catalog.register(party, agency, person, source, engagement)
