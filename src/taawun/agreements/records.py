"""The follow-up's record types: understandings, joint committees and action items."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import can_view
from taawun.agreements import filters, forms, selectors, services
from taawun.agreements.models import ActionItem, CommitteeSession, JointCommittee, Understanding
from taawun.core.exports import Percent
from taawun.records import catalog, lookup
from taawun.records.crud import Column, Crud
from taawun.registry import selectors as registry_selectors
from taawun.registry.models import Engagement, Person


def days_overdue(item: ActionItem) -> int | None:
    """How many days past its due date an open item is (None when it is not overdue)."""
    today = timezone.localdate()
    return (today - item.due_on).days if item.overdue_on(today) else None


# A person's page lists this many of their commitments still open, and of those closed.
PERSON_COMMITMENTS = 20


def person_detail(person: Person, user) -> dict:
    """A person's page (the registry's: posts, contact details, engagements) with the commitments
    they own, those still open first (soonest due, overdue ones flagged) then the latest closed,
    and the joint committees they chair or sit on: all within the reader's clearance."""
    items = ActionItem.objects.visible_to(user).filter(owner_person=person)
    items = items.select_related("owner_party", "owner_person", "owner_agency", "committee")
    # Soonest due first, so the overdue ones lead; undated last on every database.
    open_items = list(items.open().order_by(F("due_on").asc(nulls_last=True), "pk")[: PERSON_COMMITMENTS + 1])
    closed = list(
        items.exclude(status__in=ActionItem.OPEN_STATUSES).order_by("-updated_at", "-pk")[:PERSON_COMMITMENTS]
    )
    committees = (
        JointCommittee.objects.visible_to(user)
        .filter(Q(members=person) | Q(chair=person))
        .distinct()
        .order_by("name_ar", "name_en", "pk")
    )
    return {
        **registry_selectors.person_detail(person, user),
        "open_commitments": open_items[:PERSON_COMMITMENTS],
        "more_open_commitments": len(open_items) > PERSON_COMMITMENTS,
        "closed_commitments": closed,
        "committees": committees,
    }


def progress_form(item: ActionItem, data=None) -> forms.ActionItemProgressForm:
    return forms.ActionItemProgressForm(data, initial={"status": item.status, "progress": item.progress})


understanding = Crud(
    model=Understanding,
    form_class=forms.UnderstandingForm,
    update_form_class=forms.UnderstandingUpdateForm,
    filterset_class=filters.UnderstandingFilter,
    queryset=lambda: Understanding.objects.prefetch_related("parties"),
    columns=[
        Column(_("Title"), lambda u: u.title, link=True),
        Column(_("Kind"), lambda u: u.get_kind_display()),
        Column(_("Parties"), lambda u: list(u.parties.all())),
        Column(_("Status"), lambda u: u.get_status_display()),
        Column(_("Signed on"), lambda u: u.signed_on),
        Column(_("Expires on"), lambda u: u.expires_on),
    ],
    detail_context=lambda record, user: {
        **selectors.understanding_detail(record, user),
        "transition_form": forms.UnderstandingTransitionForm(understanding=record),
    },
)

committee = Crud(
    model=JointCommittee,
    form_class=forms.JointCommitteeForm,
    filterset_class=filters.JointCommitteeFilter,
    queryset=lambda: JointCommittee.objects.select_related("chair").prefetch_related("parties"),
    columns=[
        Column(_("Name"), str, link=True),
        Column(_("Parties"), lambda c: list(c.parties.all())),
        Column(_("Chair"), lambda c: c.chair),
        Column(_("Established on"), lambda c: c.established_on),
    ],
    detail_context=selectors.committee_detail,
)

action_item = Crud(
    model=ActionItem,
    form_class=forms.ActionItemForm,
    save=services.action_item_save,  # a change of status or progress goes to the item's update log
    filterset_class=filters.ActionItemFilter,
    queryset=lambda: ActionItem.objects.select_related(
        "owner_party", "owner_person", "owner_agency", "committee", "understanding"
    ),
    columns=[
        Column(_("Title"), str, link=True),
        Column(_("Responsible side"), lambda a: a.owner_party),
        Column(_("Owner"), lambda a: a.owner_person or a.owner_agency),
        Column(_("Due on"), lambda a: a.due_on),
        Column(_("Status"), lambda a: a.get_status_display()),
        Column(_("Progress"), lambda a: Percent(a.progress)),
    ],
    export_columns=[
        Column(_("Committee"), lambda a: a.committee),
        Column(_("Understanding"), lambda a: a.understanding),
        Column(_("Days overdue"), days_overdue),
    ],
    detail_context=lambda record, user: {
        **selectors.action_item_detail(record, user),
        "form": progress_form(record),
    },
)


def find_sessions(user, query: str) -> list[CommitteeSession]:
    """Sessions found by their committee's name (or their number), within the reader's clearance."""
    committees = lookup.matching(
        JointCommittee.objects.visible_to(user), query, lookup.SearchFields.of(JointCommittee)
    )
    found = Q(committee__in=committees)
    if query.strip().isdigit():
        found |= Q(number=int(query))
    sessions = CommitteeSession.objects.visible_to(user).filter(found).select_related("committee")
    return list(sessions.order_by("committee", "-number")[: lookup.RESULTS])


def session_choice(session: CommitteeSession, user) -> str:
    """A session as pickers show it: with its committee where the reader may see it."""
    if can_view(user, session.committee):
        return f"{session.committee} — {session}"
    return str(session)


session = Crud(
    model=CommitteeSession,
    form_class=forms.CommitteeSessionForm,
    formsets=[forms.AgendaFormSet],
    save=services.session_save,  # numbered in order; the last session's unfinished items carried over
    filterset_class=filters.CommitteeSessionFilter,
    queryset=lambda: CommitteeSession.objects.select_related("committee", "place_country"),
    columns=[
        Column(_("Session"), str, link=True),
        Column(_("Committee"), lambda s: s.committee),
        Column(_("Held on"), lambda s: s.held_on),
        Column(_("Place"), lambda s: s.place_city or s.place_country),
    ],
    detail_context=selectors.session_detail,
    find=find_sessions,
    choice_label=session_choice,
)

catalog.register(understanding, committee, action_item, session)

# An engagement's page shows the follow-up it led to.
catalog.provide(Engagement, detail_context=selectors.engagement_detail)
# A person's page shows what they owe and the committees they sit on.
catalog.provide(Person, detail_context=person_detail)
