"""Small factories for every record type, each filling in what a test does not care about.

Reference rows (every country by ISO code, the organisations EU, GCC, AIMC, INTERPOL, UN, LAS,
the domains and the forms of cooperation) come from migration registry/0002, so the factories look
them up instead of creating them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Max

from taawun.agreements.models import ActionItem, CommitteeSession, JointCommittee, Understanding
from taawun.knowledge.models import KnowledgeItem
from taawun.minutes.models import MinuteItem, Minutes
from taawun.programmes.models import ProgrammeItem
from taawun.registry.models import Agency, Domain, Engagement, Participation, Party, Person, Source
from taawun.registry.services import source_create
from taawun.training.models import TrainingProgram

_counter = itertools.count(1)


def _n() -> int:
    return next(_counter)


def party(code: str) -> Party:
    """A reference party by its code: "SY", "QA", "GCC", "INTERPOL", ..."""
    return Party.objects.get(code=code)


def domain(code: str = "counter_terrorism") -> Domain:
    return Domain.objects.get(code=code)


def make_agency(party_code: str = "SY", *, parent: Agency | None = None, **fields) -> Agency:
    fields.setdefault("name_ar", f"مديرية {_n()}")
    fields.setdefault("name_en", f"Directorate {_n()}")
    return Agency.objects.create(party=party(party_code), parent=parent, **fields)


def make_person(party_code: str = "SY", *, agency: Agency | None = None, **fields) -> Person:
    fields.setdefault("name_ar", f"شخص {_n()}")
    fields.setdefault("name_en", f"Person {_n()}")
    return Person.objects.create(party=party(party_code), agency=agency, **fields)


def make_source(text: str | None = None, **fields) -> Source:
    source, _created = source_create(text=text or f"نص الخبر رقم {_n()}", **fields)
    return source


def make_engagement(
    host: str | None = "SA",
    guests: Iterable[str] = ("SY",),
    *,
    participants: Iterable[tuple[Person, str]] = (),
    domains: Iterable[str] = (),
    **fields,
) -> Engagement:
    fields.setdefault("kind", "visit")
    fields.setdefault("title_ar", f"زيارة {_n()}")
    fields.setdefault("title_en", f"Visit {_n()}")
    fields.setdefault("start_date", dt.date(2025, 4, 14))
    engagement = Engagement.objects.create(host=party(host) if host else None, **fields)
    engagement.guests.set([party(code) for code in guests])
    engagement.domains.set([domain(code) for code in domains])
    for person, role in participants:
        Participation.objects.create(engagement=engagement, person=person, role=role)
    return engagement


def make_understanding(parties: Iterable[str] = ("SA", "SY"), **fields) -> Understanding:
    fields.setdefault("title_ar", f"مذكرة تفاهم {_n()}")
    fields.setdefault("title_en", f"Memorandum {_n()}")
    understanding = Understanding.objects.create(**fields)
    understanding.parties.set([party(code) for code in parties])
    return understanding


def make_committee(
    parties: Iterable[str] = ("SA", "SY"), *, members: Iterable[Person] = (), **fields
) -> JointCommittee:
    fields.setdefault("name_ar", f"لجنة مشتركة {_n()}")
    fields.setdefault("name_en", f"Joint committee {_n()}")
    committee = JointCommittee.objects.create(**fields)
    committee.parties.set([party(code) for code in parties])
    committee.members.set(members)
    return committee


def make_session(
    committee: JointCommittee, *, agenda: Iterable[tuple[str, str]] = (), **fields
) -> CommitteeSession:
    """A session of the committee, numbered after its last, with agenda items (title, status)."""
    fields.setdefault("number", (committee.sessions.aggregate(last=Max("number"))["last"] or 0) + 1)
    fields.setdefault("classification", committee.classification)
    session = CommitteeSession.objects.create(committee=committee, **fields)
    for position, (title, status) in enumerate(agenda, start=1):
        outcome = f"تقرر {title}" if status == "decided" else ""
        session.agenda.create(position=position, title=title, status=status, outcome=outcome)
    return session


def make_programme_item(
    engagement: Engagement,
    *,
    ours: Iterable[Person] = (),
    theirs: Iterable[Person] = (),
    **fields,
) -> ProgrammeItem:
    """An item of the engagement's programme, on its first day at 10:00 unless told, classified as it."""
    fields.setdefault("title_ar", f"بند {_n()}")
    fields.setdefault("title_en", f"Item {_n()}")
    fields.setdefault("day", engagement.start_date or dt.date(2025, 4, 14))
    fields.setdefault("start_time", dt.time(10, 0))
    fields.setdefault("classification", engagement.classification)
    item = ProgrammeItem.objects.create(engagement=engagement, **fields)
    item.our_participants.set(ours)
    item.their_participants.set(theirs)
    return item


def make_action_item(owner: str = "SY", **fields) -> ActionItem:
    fields.setdefault("title", f"Action {_n()}")
    return ActionItem.objects.create(owner_party=party(owner), **fields)


def make_minutes(
    parent: CommitteeSession | Engagement,
    *,
    items: Iterable[dict] = (),
    **fields,
) -> Minutes:
    """Minutes of a session or an engagement, classified as it, with items (each a dict of a
    MinuteItem's fields: kind, text_ar, owner_side as a party code ...), numbered in order."""
    fields.setdefault("classification", parent.classification)
    key = "session" if isinstance(parent, CommitteeSession) else "engagement"
    minutes = Minutes.objects.create(**{key: parent}, **fields)
    for position, values in enumerate(items, start=1):
        values = dict(values)
        values.setdefault("text_ar", f"نص البند {_n()}")
        values.setdefault("classification", minutes.classification)
        if isinstance(values.get("owner_side"), str):
            values["owner_side"] = party(values["owner_side"])
        MinuteItem.objects.create(minutes=minutes, position=values.pop("position", position), **values)
    return minutes


def make_training(provider: str = "SA", recipient: str = "SY", **fields) -> TrainingProgram:
    fields.setdefault("title_ar", f"دورة تدريبية {_n()}")
    fields.setdefault("title_en", f"Training course {_n()}")
    return TrainingProgram.objects.create(provider=party(provider), recipient=party(recipient), **fields)


def make_knowledge(**fields) -> KnowledgeItem:
    fields.setdefault("title_ar", f"درس مستفاد {_n()}")
    fields.setdefault("title_en", f"Lesson {_n()}")
    fields.setdefault("body", "Share the agenda a week ahead.")
    return KnowledgeItem.objects.create(**fields)


class Make:
    """The factories as one fixture: `make.engagement(host="SA", guests=["SY"])`."""

    party = staticmethod(party)
    domain = staticmethod(domain)
    agency = staticmethod(make_agency)
    person = staticmethod(make_person)
    source = staticmethod(make_source)
    engagement = staticmethod(make_engagement)
    understanding = staticmethod(make_understanding)
    committee = staticmethod(make_committee)
    action_item = staticmethod(make_action_item)
    session = staticmethod(make_session)
    programme_item = staticmethod(make_programme_item)
    minutes = staticmethod(make_minutes)
    training = staticmethod(make_training)
    knowledge = staticmethod(make_knowledge)


def validation_errors(record, **kwargs) -> dict[str, list[str]]:
    """The errors full_clean() finds, by field ({} when the record is valid)."""
    try:
        record.full_clean(**kwargs)
    except ValidationError as error:
        return error.message_dict
    return {}
