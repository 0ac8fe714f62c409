"""Write the demo dataset (data/*.json) into the registry: once, and all or nothing.

The records are data, one file per kind (`KINDS`, in the order they are loaded: a record names
only records of the files before it). Conventions:

- Records point at each other by a short ``key`` local to the dataset ("sa_moi", "e_sy_visit").
- Parties are ISO 3166-1 codes or the vocabulary's organisation codes; domains and forms are
  vocabulary keys; ranks are the vocabulary's Arabic rank strings.
- A date is "YYYY-MM-DD", "YYYY-MM" (month precision) or "YYYY" (year precision) for history, or
  "today", "today+N", "today-N" (N days) for what must stay alive whenever the demo is loaded:
  action items, expiries and planned training.
- Engagements took place between 2023 and 2026. Those drawn from the corpus seed and dev articles
  keep the public facts (who, where, when where known); the committees, action items, training
  and knowledge items that follow them up are illustrative. All text is written for the demo.
- Natural keys: agencies and people by (party, Arabic name), every other record by its Arabic
  title or name, sources by content. Renaming a record in the data makes the next load add a new one.

Each record is looked up by its natural key first; only missing ones are created, so a second
load changes nothing. Every record is validated with `full_clean()` before it is saved, and the
whole load runs in one transaction. Codes, ranks and keys that do not resolve raise
`CommandError` naming the culprit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone

from taawun import vocabulary
from taawun.access.policy import Classification
from taawun.agreements.forms import ActionItemForm
from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.core.dates import Precision
from taawun.knowledge.models import KnowledgeItem
from taawun.registry.models import (
    Agency,
    CooperationForm,
    Domain,
    Engagement,
    Participation,
    Party,
    Person,
    Position,
    Source,
)
from taawun.registry.services import person_position_sync, position_from_text, source_create
from taawun.training.models import TrainingProgram

DATA = Path(__file__).resolve().parent / "data"
# One file per kind of record, in the order they are loaded.
KINDS = (
    "agencies",
    "people",
    "engagements",
    "understandings",
    "committees",
    "action_items",
    "training",
    "knowledge",
)

ABSOLUTE_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2}))?(?:-(?P<day>\d{2}))?")
RELATIVE_DATE = re.compile(r"today(?:(?P<sign>[+-])(?P<days>\d+))?")

# How the summary names each kind of record, in the order it lists them.
LABELS = {
    Engagement: "engagements",
    Source: "sources",
    Person: "people",
    Agency: "agencies",
    Understanding: "understandings",
    JointCommittee: "joint committees",
    ActionItem: "action items",
    TrainingProgram: "training programmes",
    KnowledgeItem: "knowledge items",
}


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        totals = ", ".join(
            f"{self.created[label] + self.present[label]} {label}" for label in LABELS.values()
        )
        return (
            f"Demo data: {totals} "
            f"(created {sum(self.created.values())}, already present {sum(self.present.values())})."
        )


def dataset() -> dict[str, list[dict]]:
    """The demo records by kind, as data/<kind>.json lists them."""
    return {
        kind: json.loads((DATA / f"{kind}.json").read_text(encoding="utf-8"))["records"] for kind in KINDS
    }


def load(today: dt.date | None = None) -> Report:
    """Load the dataset; dates written "today±N" count from `today` (default: the local date)."""
    return Loader(today or timezone.localdate()).run()


class Loader:
    def __init__(self, today: dt.date):
        self.today = today
        self.report = Report()
        self.keys: dict[type[models.Model], dict[str, models.Model]] = {}
        self.ranks = {term.key for term in vocabulary.ranks()}

    def run(self) -> Report:
        records = dataset()
        write = {
            "agencies": self.agency,
            "people": self.person,
            "engagements": self.engagement,
            "understandings": self.understanding,
            "committees": self.committee,
            "action_items": self.action_item,
            "training": self.training,
            "knowledge": self.knowledge,
        }
        with transaction.atomic():
            for kind in KINDS:
                for record in records[kind]:
                    write[kind](record)
        return self.report

    # Records ----------------------------------------------------------------------------------

    def agency(self, r: dict) -> None:
        self.check_fields(
            r, "agency", {"key", "party", "kind", "name_ar", "name_en", "abbreviation", "parent"}
        )
        party = self.party(r["party"])
        agency = Agency.objects.filter(party=party, name_ar=r["name_ar"]).first()
        if agency is None:
            agency = Agency(
                party=party,
                parent=self.ref(Agency, r.get("parent")),
                kind=r["kind"],
                name_ar=r["name_ar"],
                name_en=r.get("name_en", ""),
                abbreviation=r.get("abbreviation", ""),
            )
            self.save(agency, r["name_ar"])
        else:
            self.report.present[LABELS[Agency]] += 1
        self.remember(Agency, r["key"], agency)

    def person(self, r: dict) -> None:
        self.check_fields(
            r,
            "person",
            {"key", "party", "agency", "name_ar", "name_en", "rank", "position", "positions", "contact"},
        )
        rank = r.get("rank", "")
        if rank and rank not in self.ranks:
            raise CommandError(f"Unknown rank {rank!r} for {r['name_ar']!r} in demo data")
        party = self.party(r["party"])
        person = Person.objects.filter(party=party, name_ar=r["name_ar"]).first()
        if person is None:
            contact = r.get("contact", {})
            self.check_fields(contact, "contact", {"phone", "email", "office", "classification"})
            person = Person(
                party=party,
                agency=self.ref(Agency, r.get("agency")),
                name_ar=r["name_ar"],
                name_en=r.get("name_en", ""),
                rank=rank,
                position=r.get("position", ""),
                phone=contact.get("phone", ""),
                email=contact.get("email", ""),
                office=contact.get("office", ""),
                contact_classification=contact.get("classification", Classification.PUBLIC),
            )
            self.save(person, r["name_ar"])
        else:
            self.report.present[LABELS[Person]] += 1
        for post in r.get("positions", []):
            self.position(person, post)
        if not r.get("positions"):
            position_from_text(person)
        person_position_sync(person, self.today)
        self.remember(Person, r["key"], person)

    def position(self, person: Person, r: dict) -> None:
        """A post of the person, once: found again by its title and start (a post without dates,
        made of the position text by the data migration, is given the dates)."""
        self.check_fields(r, "position", {"title_ar", "title_en", "agency", "start", "end"})
        start, end = self.day(r.get("start")), self.day(r.get("end"))
        same = person.positions.filter(title_ar=r.get("title_ar", ""), title_en=r.get("title_en", ""))
        post = same.filter(start_date=start).first() or same.filter(start_date=None, end_date=None).first()
        if post is None:
            post = Position(person=person, title_ar=r.get("title_ar", ""), title_en=r.get("title_en", ""))
        elif (post.start_date, post.end_date) == (start, end):
            return
        post.agency = self.ref(Agency, r.get("agency"))
        post.start_date, post.end_date = start, end
        self.save(post, f"{person.name_ar}: {post.title}", count=False)

    def engagement(self, r: dict) -> None:
        self.check_fields(
            r,
            "engagement",
            {"key", "kind", "title_ar", "title_en", "start", "end", "location", "host", "guests", "domains"}
            | {"forms", "participants", "summary", "outcomes", "source"},
        )
        engagement = Engagement.objects.filter(title_ar=r["title_ar"]).first()
        if engagement is not None:
            self.report.present[LABELS[Engagement]] += 1
            engagement.sources.add(self.source(r["source"]))  # already there: no change
            self.remember(Engagement, r["key"], engagement)
            return
        start, start_precision = self.date(r.get("start"))
        end, end_precision = self.date(r.get("end"))
        country, city = r.get("location", ("", ""))
        engagement = Engagement(
            kind=r["kind"],
            title_ar=r["title_ar"],
            title_en=r.get("title_en", ""),
            start_date=start,
            start_precision=start_precision,
            end_date=end,
            end_precision=end_precision,
            location_country=self.party(country) if country else None,
            location_city=city,
            host=self.party(r["host"]) if r.get("host") else None,
            summary=r.get("summary", ""),
            outcomes=r.get("outcomes", ""),
        )
        self.save(engagement, r["title_ar"])
        engagement.guests.set([self.party(code) for code in r.get("guests", [])])
        engagement.domains.set([self.domain(code) for code in r.get("domains", [])])
        engagement.forms.set([self.form(code) for code in r.get("forms", [])])
        for key, role in r.get("participants", []):
            if role not in Participation.Role.values:
                raise CommandError(f"Unknown participant role {role!r} in demo engagement {r['title_ar']!r}")
            self.save(
                Participation(engagement=engagement, person=self.ref(Person, key), role=role),
                key,
                count=False,
            )
        engagement.sources.add(self.source(r["source"]))
        self.remember(Engagement, r["key"], engagement)

    def source(self, r: dict) -> Source:
        self.check_fields(r, "source", {"title", "url", "published", "text"})
        try:
            source, created = source_create(
                text=r["text"],
                title=r.get("title", ""),
                url=r.get("url", ""),
                published_on=self.day(r.get("published")),
            )
        except ValidationError as error:
            raise CommandError(
                f"Invalid demo source {r.get('title')!r}: {'; '.join(error.messages)}"
            ) from error
        (self.report.created if created else self.report.present)[LABELS[Source]] += 1
        return source

    def understanding(self, r: dict) -> None:
        self.check_fields(
            r,
            "understanding",
            {"key", "kind", "title_ar", "title_en", "parties", "status", "signed_on", "effective_on"}
            | {"expires_on", "signed_at", "domains", "summary"},
        )
        understanding = Understanding.objects.filter(title_ar=r["title_ar"]).first()
        if understanding is None:
            understanding = Understanding(
                kind=r["kind"],
                title_ar=r["title_ar"],
                title_en=r.get("title_en", ""),
                status=r["status"],
                signed_on=self.day(r.get("signed_on")),
                effective_on=self.day(r.get("effective_on")),
                expires_on=self.day(r.get("expires_on")),
                signed_at=self.ref(Engagement, r.get("signed_at")),
                summary=r.get("summary", ""),
            )
            self.save(understanding, r["title_ar"])
            understanding.parties.set([self.party(code) for code in r["parties"]])
            understanding.domains.set([self.domain(code) for code in r.get("domains", [])])
        else:
            self.report.present[LABELS[Understanding]] += 1
        self.remember(Understanding, r["key"], understanding)

    def committee(self, r: dict) -> None:
        self.check_fields(
            r,
            "committee",
            {"key", "name_ar", "name_en", "parties", "understandings", "chair", "members", "meetings"}
            | {"established_on", "mandate"},
        )
        committee = JointCommittee.objects.filter(name_ar=r["name_ar"]).first()
        if committee is None:
            committee = JointCommittee(
                name_ar=r["name_ar"],
                name_en=r.get("name_en", ""),
                chair=self.ref(Person, r.get("chair")),
                established_on=self.day(r.get("established_on")),
                mandate=r.get("mandate", ""),
            )
            self.save(committee, r["name_ar"])
            committee.parties.set([self.party(code) for code in r["parties"]])
            committee.understandings.set(
                [self.ref(Understanding, key) for key in r.get("understandings", [])]
            )
            committee.members.set([self.ref(Person, key) for key in r.get("members", [])])
            committee.meetings.set([self.ref(Engagement, key) for key in r.get("meetings", [])])
        else:
            self.report.present[LABELS[JointCommittee]] += 1
        self.remember(JointCommittee, r["key"], committee)

    def action_item(self, r: dict) -> None:
        # What an officer fills in on the action item form, but the classification (the default).
        self.check_fields(r, "action item", set(ActionItemForm.Meta.fields) - {"classification"})
        owner_party = self.party(r["owner_party"])
        if ActionItem.objects.filter(title=r["title"], owner_party=owner_party).exists():
            self.report.present[LABELS[ActionItem]] += 1
            return
        item = ActionItem(
            title=r["title"],
            description=r.get("description", ""),
            committee=self.ref(JointCommittee, r.get("committee")),
            understanding=self.ref(Understanding, r.get("understanding")),
            engagement=self.ref(Engagement, r.get("engagement")),
            owner_party=owner_party,
            owner_person=self.ref(Person, r.get("owner_person")),
            owner_agency=self.ref(Agency, r.get("owner_agency")),
            due_on=self.day(r.get("due_on")),
            status=r["status"],
            progress=r.get("progress", 0),
        )
        self.save(item, r["title"])

    def training(self, r: dict) -> None:
        self.check_fields(
            r,
            "training programme",
            {"title_ar", "title_en", "provider", "recipient", "domain", "status", "start_date", "end_date"}
            | {"trainees", "understanding", "committee", "engagement", "description"},
        )
        if TrainingProgram.objects.filter(title_ar=r["title_ar"]).exists():
            self.report.present[LABELS[TrainingProgram]] += 1
            return
        program = TrainingProgram(
            title_ar=r["title_ar"],
            title_en=r.get("title_en", ""),
            provider=self.party(r["provider"]),
            recipient=self.party(r["recipient"]),
            domain=self.domain(r["domain"]) if r.get("domain") else None,
            status=r["status"],
            start_date=self.day(r.get("start_date")),
            end_date=self.day(r.get("end_date")),
            trainees=r.get("trainees", 0),
            understanding=self.ref(Understanding, r.get("understanding")),
            committee=self.ref(JointCommittee, r.get("committee")),
            engagement=self.ref(Engagement, r.get("engagement")),
            description=r.get("description", ""),
        )
        self.save(program, r["title_ar"])

    def knowledge(self, r: dict) -> None:
        self.check_fields(
            r, "knowledge item", {"kind", "title_ar", "title_en", "body", "domain", "party", "engagement"}
        )
        if KnowledgeItem.objects.filter(title_ar=r["title_ar"]).exists():
            self.report.present[LABELS[KnowledgeItem]] += 1
            return
        item = KnowledgeItem(
            kind=r["kind"],
            title_ar=r["title_ar"],
            title_en=r.get("title_en", ""),
            body=r["body"],
            domain=self.domain(r["domain"]) if r.get("domain") else None,
            party=self.party(r["party"]) if r.get("party") else None,
            engagement=self.ref(Engagement, r.get("engagement")),
        )
        self.save(item, r["title_ar"])

    # Helpers ----------------------------------------------------------------------------------

    def save(self, record: models.Model, label: str, *, count: bool = True) -> None:
        try:
            record.full_clean()
        except ValidationError as error:
            name = type(record).__name__
            raise CommandError(f"Invalid demo {name} {label!r}: {'; '.join(error.messages)}") from error
        record.save()
        if count:
            self.report.created[LABELS[type(record)]] += 1

    def remember(self, model: type[models.Model], key: str, record: models.Model) -> None:
        found = self.keys.setdefault(model, {})
        if key in found:
            raise CommandError(f"Duplicate {model.__name__} key {key!r} in demo data")
        found[key] = record

    def ref(self, model: type[models.Model], key: str | None):
        """The record named `key` earlier in the dataset; None for no key."""
        if not key:
            return None
        try:
            return self.keys[model][key]
        except KeyError:
            raise CommandError(f"Unknown {model.__name__} key {key!r} in demo data") from None

    def party(self, code: str) -> Party:
        return self.lookup(Party, code, "party code")

    def domain(self, code: str) -> Domain:
        return self.lookup(Domain, code, "domain code")

    def form(self, code: str) -> CooperationForm:
        return self.lookup(CooperationForm, code, "form code")

    def lookup(self, model: type[models.Model], code: str, what: str):
        cache = self.keys.setdefault(model, {})
        if code not in cache:
            record = model.objects.filter(pk=code).first()
            if record is None:
                raise CommandError(f"Unknown {what} {code!r} in demo data")
            cache[code] = record
        return cache[code]

    @staticmethod
    def check_fields(record: dict, what: str, allowed: set[str]) -> None:
        unknown = set(record) - allowed
        if unknown:
            raise CommandError(f"Unknown field(s) {', '.join(sorted(unknown))} in demo {what} {record!r:.80}")

    def date(self, value: str | None) -> tuple[dt.date | None, str]:
        """A date and its precision from "YYYY-MM-DD", "YYYY-MM", "YYYY" or "today±N"."""
        if not value:
            return None, Precision.DAY
        relative = RELATIVE_DATE.fullmatch(value)
        if relative:
            days = int(relative["days"] or 0) * (-1 if relative["sign"] == "-" else 1)
            return self.today + dt.timedelta(days=days), Precision.DAY
        absolute = ABSOLUTE_DATE.fullmatch(value)
        if absolute is None:
            raise CommandError(f"Unreadable date {value!r} in demo data")
        try:
            date = dt.date(int(absolute["year"]), int(absolute["month"] or 1), int(absolute["day"] or 1))
        except ValueError:
            raise CommandError(f"Impossible date {value!r} in demo data") from None
        if absolute["day"]:
            return date, Precision.DAY
        return date, Precision.MONTH if absolute["month"] else Precision.YEAR

    def day(self, value: str | None) -> dt.date | None:
        """A full date: partial dates are only for engagements."""
        date, precision = self.date(value)
        if date is not None and precision != Precision.DAY:
            raise CommandError(f"Give a full date instead of {value!r} in demo data")
        return date
