"""The country brief: what a minister reads before a visit, as a PDF and as an editable DOCX.

Its first page is the whole story at a glance: who is who on their side, what is open between us
and them, the last three engagements and what is coming. The pages after it hold each list in
full (bounded, with its count). Everything is read within the reader's clearance.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.core import bounded
from taawun.registry import selectors as registry_selectors
from taawun.registry.models import Engagement, Party, Person
from taawun.reports.partners import PartnerEngagements, with_party
from taawun.training.models import TrainingProgram

# A brief is read before a visit, not searched: a summary page and a few pages after it. Each list
# shows its first BRIEF_LIST and says how many there are (the partner's page has them all); ten
# keeps a busy partner's brief to about six pages, laid out in well under a second.
BRIEF_ENGAGEMENTS = 10
BRIEF_LIST = 10
# The first page: a handful of each.
FIRST_PAGE_PEOPLE = 6
FIRST_PAGE_ENGAGEMENTS = 3
FIRST_PAGE_DEADLINES = 3


def _bounded(name: str, records: QuerySet) -> dict:
    shown, count = bounded.first_counted(records, BRIEF_LIST)
    return {name: shown, f"{name}_count": count}


def by_seniority(people: QuerySet[Person]) -> QuerySet[Person]:
    """Those holding a post now first, the most senior first (the vocabulary lists ranks from the
    highest), then by name; people without a rank last (registry.selectors.by_seniority)."""
    return registry_selectors.by_seniority(people)


def who_is_who(people: QuerySet[Person], count: int) -> list[Person]:
    """The first `count` people in seniority order, each with the posts they hold now or, for a
    former holder, the last post held and its end (`post_text`): two queries."""
    return registry_selectors.with_posts(by_seniority(people.select_related("agency"))[:count])


def _open_items(user) -> QuerySet[ActionItem]:
    # Soonest due first (the model's order), each with its owners for the table.
    return (
        ActionItem.objects.visible_to(user)
        .open()
        .select_related("owner_party", "owner_person", "owner_agency")
    )


def _shared_with(party: Party) -> Q:
    """Items of the committees and understandings shared with the partner (subqueries, not joins:
    each item once without DISTINCT)."""
    return Q(committee__in=JointCommittee.objects.filter(parties=party).values("pk")) | Q(
        understanding__in=Understanding.objects.filter(parties=party).values("pk")
    )


def first_page(party: Party, user, *, today: dt.date) -> dict:
    """Who is who, what is open between us, the last engagements and what is coming."""
    records = Engagement.objects.visible_to(user).select_related("host", "location_country")
    theirs = _open_items(user).filter(owner_party=party)
    ours = _open_items(user).filter(_shared_with(party)).exclude(owner_party=party)
    understandings = Understanding.objects.visible_to(user).filter(parties=party)
    tomorrow = today + dt.timedelta(days=1)
    coming = with_party(records.filter(start_date__gte=tomorrow), party, start_after=tomorrow)
    return {
        "who_is_who": who_is_who(party.people.visible_to(user), FIRST_PAGE_PEOPLE),
        "open_between_us": {
            "theirs": theirs.count(),
            "theirs_overdue": theirs.filter(due_on__lt=today).count(),
            "ours": ours.count(),
            "ours_overdue": ours.filter(due_on__lt=today).count(),
            "in_force": understandings.filter(status__in=Understanding.SIGNED_STATUSES).count(),
            "expiring": understandings.filter(
                status__in=Understanding.SIGNED_STATUSES,
                expires_on__gte=today,
                expires_on__lte=today + dt.timedelta(days=90),
            ).count(),
        },
        "last_engagements": PartnerEngagements(party, user, records, start_before=today)[
            :FIRST_PAGE_ENGAGEMENTS
        ],
        "coming_engagements": list(coming.order_by("start_date", "created_at")[:FIRST_PAGE_ENGAGEMENTS]),
        "next_deadlines": list(
            (theirs | ours).filter(due_on__gte=today).order_by("due_on", "pk")[:FIRST_PAGE_DEADLINES]
        ),
    }


def country_brief(party: Party, user, *, today: dt.date | None = None) -> dict:
    """The first page, then the last engagements, the agreements and where they stand, what each
    side still owes, the people to know and the training given."""
    today = today or timezone.localdate()
    records = Engagement.objects.visible_to(user).select_related("host", "location_country")
    understandings = Understanding.objects.visible_to(user).filter(parties=party)  # latest signed first
    open_items = _open_items(user)
    return {
        "party": party,
        "today": today,
        "counted_up_to": bounded.COUNTED_UP_TO,
        **first_page(party, user, today=today),
        "engagements": PartnerEngagements(party, user, records)[:BRIEF_ENGAGEMENTS],
        **_bounded("understandings", understandings),
        **_bounded("their_commitments", open_items.filter(owner_party=party)),
        **_bounded("our_commitments", open_items.filter(_shared_with(party)).exclude(owner_party=party)),
        "people": who_is_who(party.people.visible_to(user), BRIEF_LIST),
        **_bounded(
            "training",
            TrainingProgram.objects.visible_to(user)
            .filter(Q(provider=party) | Q(recipient=party))
            .select_related("provider", "recipient", "domain"),
        ),
    }
