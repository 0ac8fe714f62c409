"""What the programme pages and documents read: the items the reader may see, day by day, with
their clashes, and the delegation list in precedence order. A bounded number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.text import capfirst

from taawun.access.policy import LEVELS, Classification, visible_levels
from taawun.programmes.models import DelegationPlace, ProgrammeItem
from taawun.registry.models import Engagement, Participation, Person


def in_language(text, language: str) -> str:
    """A translatable text (a label, a classification) in the language given."""
    with translation.override(language):
        return str(text)


def items_visible_to(user) -> QuerySet[ProgrammeItem]:
    """Every programme item the user may see, with its officer and its visible people loaded."""
    people = Person.objects.filter(classification__in=visible_levels(user)).select_related("party")
    return (
        ProgrammeItem.objects.visible_to(user)
        .select_related("responsible_officer")
        .prefetch_related(
            Prefetch("our_participants", queryset=people.order_by("seniority", "name_ar", "pk")),
            Prefetch("their_participants", queryset=people.order_by("seniority", "name_ar", "pk")),
        )
    )


@dataclass
class Slot:
    """An item as the programme shows it, with the items it clashes with."""

    item: ProgrammeItem
    clashes: list[tuple[ProgrammeItem, list[Person]]] = field(default_factory=list)

    @property
    def logistics(self) -> list[tuple[str, str, str, str]]:
        """(field, Arabic label, English label, text) of each logistics note the item has."""
        rows = []
        for name in ProgrammeItem.LOGISTICS:
            text = getattr(self.item, name).strip()
            if text:
                label = capfirst(ProgrammeItem._meta.get_field(name).verbose_name)
                rows.append((name, in_language(label, "ar"), in_language(label, "en"), text))
        return rows

    @property
    def people(self) -> set[Person]:
        return {*self.item.our_participants.all(), *self.item.their_participants.all()}


def _overlap(first: ProgrammeItem, second: ProgrammeItem) -> bool:
    """Whether two items of one day take some of the same time (an item without an end is a
    moment: it clashes with what runs at that moment, or starts then)."""
    if first.day != second.day:
        return False
    first_end = first.end_time or first.start_time
    second_end = second.end_time or second.start_time
    if first.start_time == second.start_time:
        return True
    return first.start_time < second_end and second.start_time < first_end


def _flag_clashes(slots: list[Slot]) -> None:
    """Items of a day that overlap and share a participant: the same person cannot be at both."""
    for index, slot in enumerate(slots):
        for other in slots[index + 1 :]:
            if not _overlap(slot.item, other.item):
                continue
            shared = sorted(slot.people & other.people, key=lambda person: (person.seniority, str(person)))
            if shared:
                slot.clashes.append((other.item, shared))
                other.clashes.append((slot.item, shared))


def programme_days(engagement: Engagement, user) -> list[tuple[dt.date, list[Slot]]]:
    """The engagement's items the user may see, day by day, by time, clashes flagged."""
    items = (
        items_visible_to(user).filter(engagement=engagement).order_by("day", "start_time", "end_time", "pk")
    )
    days = []
    for day, of_day in groupby(items, key=lambda item: item.day):
        slots = [Slot(item) for item in of_day]
        _flag_clashes(slots)
        days.append((day, slots))
    return days


def highest_classification(engagement: Engagement, days) -> str:
    """The highest classification of what a document of the programme holds: the marking it carries."""
    levels = [engagement.classification] + [
        slot.item.classification for _day, slots in days for slot in slots
    ]
    return max(levels, key=lambda value: LEVELS.get(value, len(LEVELS)))


@dataclass
class Member:
    """A person of the delegation list, at their place in the order of precedence."""

    person: Person
    place: int
    role: str = ""  # their role in the engagement, where recorded
    set_by_office: bool = False


def delegation(engagement: Engagement, user, days=None) -> dict[str, list[Member]]:
    """The engagement's people the user may see, each side in precedence order: the places the
    office set first, in their order, then the others by rank (most senior first) and name. The
    people are the engagement's participants and those named on the programme's visible items."""
    levels = visible_levels(user)
    roles = {
        participation.person_id: participation.get_role_display()
        for participation in Participation.objects.filter(
            engagement=engagement, person__classification__in=levels
        )
    }
    if days is None:
        days = programme_days(engagement, user)
    named = {person.pk for _day, slots in days for slot in slots for person in slot.people}
    people = {
        person.pk: person
        for person in Person.objects.filter(
            pk__in=named | set(roles), classification__in=levels
        ).select_related("party", "agency")
    }
    set_places = dict(
        DelegationPlace.objects.filter(engagement=engagement, person_id__in=list(people)).values_list(
            "person_id", "precedence"
        )
    )

    def order(person: Person):
        explicit = set_places.get(person.pk)
        return (explicit is None, explicit or 0, person.seniority, person.name_ar, person.name_en, person.pk)

    sides: dict[str, list[Member]] = {"ours": [], "theirs": []}
    for person in sorted(people.values(), key=order):
        side = sides["ours" if person.party_id == settings.TAAWUN_HOME_PARTY else "theirs"]
        side.append(
            Member(
                person=person,
                place=len(side) + 1,
                role=roles.get(person.pk, ""),
                set_by_office=person.pk in set_places,
            )
        )
    return sides


def programme(engagement: Engagement, user) -> dict:
    """Everything the programme page and its PDF show."""
    days = programme_days(engagement, user)
    return {
        "engagement": engagement,
        "days": days,
        "delegation": delegation(engagement, user, days),
        "clash_count": sum(1 for _day, slots in days for slot in slots if slot.clashes),
        "item_count": sum(len(slots) for _day, slots in days),
        "marking": (marking := highest_classification(engagement, days)),
        "marking_ar": in_language(Classification(marking).label, "ar"),
        "marking_en": in_language(Classification(marking).label, "en"),
    }
