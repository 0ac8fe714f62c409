"""Reading the registry: what a page shows, limited to what the reader may see,
fetched with a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from taawun.access.policy import can_view, visible_levels
from taawun.core.dates import Precision, gregorian, hijri
from taawun.registry.models import Engagement, Participation, Person, Position, Source

# A person's page lists their latest engagements, and links to the engagement list for the rest.
PERSON_ENGAGEMENTS = 20


def engagements_list() -> QuerySet[Engagement]:
    return Engagement.objects.select_related("host", "location_country").prefetch_related("guests")


def engagements_visible_to(user) -> QuerySet[Engagement]:
    return engagements_list().visible_to(user)


def engagement_detail(engagement: Engagement, user) -> dict:
    """Who took part and what reported it, as far as the reader may see (the follow-up's items are
    added by taawun.agreements: agreements/records.py)."""
    participations = (
        # The person's clearance as a condition of the join, not `person__in` a subquery: SQLite would
        # otherwise walk every visible person (a million-row registry) to find this engagement's few.
        Participation.objects.filter(engagement=engagement, person__classification__in=visible_levels(user))
        .select_related("person__party", "person__agency")
        .order_by("role", "person__name_ar")
    )
    return {
        "participations": participations,
        "sources": Source.objects.visible_to(user).filter(engagements=engagement),
    }


def source_detail(source: Source, user) -> dict:
    """The engagements the source reports, as far as the reader may see them."""
    return {"engagements": Engagement.objects.visible_to(user).filter(sources=source)}


# --- people and their posts ---------------------------------------------------------------------


def by_seniority(people: QuerySet[Person]) -> QuerySet[Person]:
    """Those holding a post now first, the most senior first among them (the vocabulary lists ranks
    from the highest; no rank last), then by name: the order of an index of a partner's people."""
    return people.order_by("-holds_post", "seniority", "name_ar", "name_en", "pk")


def current_first(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """The people holding a post now first (`holds_post`, kept with their position), each group
    in the queryset's own order (else the model's). For lists, briefs and the record pickers."""
    order = [name for name in (queryset.query.order_by or Person._meta.ordering) if name != "-holds_post"]
    return queryset.order_by("-holds_post", *order, "pk")


def with_posts(people: Iterable[Person], today: dt.date | None = None) -> list[Person]:
    """The people (a page of them, a brief's few), each with `current_posts` (held now, latest
    taken first) and `last_post` (the latest ended post, or None: shown as "former" with its end
    date when nothing is held now), their agencies loaded: one query for them all."""
    people = list(people)
    today = today or timezone.localdate()
    prefetch_related_objects(
        people, Prefetch("positions", queryset=Position.objects.select_related("agency"), to_attr="all_posts")
    )
    for person in people:
        posts = person.all_posts
        person.current_posts = sorted(
            (post for post in posts if post.is_current(today)),
            key=lambda post: post.start_date or dt.date.min,
            reverse=True,
        )
        ended = [post for post in posts if post.end_date and post.end_date < today]
        person.last_post = max(ended, key=lambda post: post.end_date) if ended else None
        person.former = not person.current_posts and person.last_post is not None
        person.post_text = post_text(person)
    return people


def post_text(person: Person) -> str:
    """A person's post as a list or a brief shows it (after with_posts): the posts held now; else
    the last one held, marked former with its end date in both calendars; else the position text
    recorded, if any."""
    if person.current_posts:
        return " · ".join(post.title for post in person.current_posts)
    if person.last_post is not None:
        end = person.last_post.end_date
        return _("Former %(title)s (until %(gregorian)s / %(hijri)s)") % {
            "title": person.last_post.title,
            "gregorian": gregorian(end, Precision.DAY),
            "hijri": hijri(end, Precision.DAY),
        }
    return person.position


def person_detail(person: Person, user) -> dict:
    """A person's page: the posts held now, then the past ones; the contact details if the reader
    is cleared for them; the latest engagements they took part in (newest first) that the reader
    may see. (Their commitments and committees are added by taawun.agreements:
    agreements/records.py.)"""
    today = timezone.localdate()
    posts = list(person.positions.select_related("agency"))
    current = [post for post in posts if post.is_current(today)]
    participations = (
        Participation.objects.filter(person=person, engagement__classification__in=visible_levels(user))
        .select_related("engagement")
        .order_by(F("engagement__start_date").desc(nulls_last=True), "-engagement__created_at", "-pk")
    )
    shown = list(participations[: PERSON_ENGAGEMENTS + 1])
    contact = person.contact_details
    return {
        "today": today,
        "current_posts": current,
        "past_posts": [post for post in posts if post not in current],
        "contact": contact if contact and can_view(user, contact) else None,
        "participations": shown[:PERSON_ENGAGEMENTS],
        "more_engagements": len(shown) > PERSON_ENGAGEMENTS,
    }
