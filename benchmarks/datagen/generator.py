"""The benchmark dataset: a cooperation office's twenty years of records, at any size, from a seed.

What a real office holds, per engagement and roughly (see the constants below):

* partners drawn from a Zipf law over every party of the registry (`world`): the neighbours and
  the regional organisations take most of the work, most countries appear a few times;
* each party with its interior ministry (or secretariat) and, the busier it is, more of the
  bodies under it; people with ranks and positions, the senior ones met most often;
* engagements over twenty years (denser lately, a few planned ahead): visits in and out,
  meetings, workshops, conferences, signings, statements, with guests, domains, forms of
  cooperation and 2-4 participants; about one news article (a source) each;
* an understanding per ~20 engagements, with a lifecycle consistent with its dates and the
  status changes that led there; a joint committee per ~3 understandings, ~5 action items per
  committee (done, open, in progress, blocked, overdue as an office's would be) with their
  update logs; training programmes from workshops, with trainee groups; a few knowledge items;
* classifications mostly public and internal, some restricted, confidential and secret.

Same seed, same size and same `today` give the same rows (and the same keys on an empty
database). Rows are written in batches straight into the tables (`writer`), in one transaction,
without signals: the search documents are written with each batch (`index`). One audit entry,
at the end, says that the dataset was generated.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from taawun import vocabulary
from taawun.agreements.models import (
    ActionItem,
    ActionItemUpdate,
    AgendaItem,
    CommitteeSession,
    JointCommittee,
    Understanding,
    UnderstandingStatusChange,
)
from taawun.audit import services as audit
from taawun.audit.models import Action
from taawun.core.dates import Precision, truncate
from taawun.knowledge.models import KnowledgeItem
from taawun.programmes.models import ProgrammeItem
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
    rank_seniority,
)
from taawun.registry.services import content_hash
from taawun.reports import commitments, figures, tallies
from taawun.training.models import TrainingCohort, TrainingProgram

from . import text, world
from .index import Indexer, Linked, full_text_in_one_pass, linked
from .writer import (
    Table,
    finish_transaction,
    next_pk,
    prepare_connection,
    prepare_transaction,
    reset_sequences,
    utc,
    write,
)

BATCH = 2000  # engagements generated, then written, at a time
YEARS = 20
DAYS_AHEAD = 180  # planned engagements reach this far past today

KIND_WEIGHTS = {
    "visit": 38,
    "meeting": 25,
    "statement": 11,
    "workshop": 10,
    "conference": 8,
    "agreement_signing": 4,
    "program": 4,
}
# Who hosts a bilateral engagement of each kind: the home party with this probability.
# (A programme is a partner's delegation touring the home party; a statement is the home party's.)
HOME_HOSTS = {"visit": 0.55, "meeting": 0.6, "workshop": 0.5, "agreement_signing": 0.55, "program": 1.0,
              "statement": 1.0}  # fmt: skip
DOMAIN_WEIGHTS = {
    "counter_terrorism": 10, "narcotics": 9, "border_security": 8, "organized_crime": 7,
    "cybercrime": 6, "criminal_investigation": 5, "smuggling": 5, "passports_immigration": 4,
    "illegal_migration": 4, "intelligence": 3, "crisis_management": 3, "security_technology": 3,
    "traffic_safety": 2, "civil_affairs": 2, "diplomatic_protection": 1,
}  # fmt: skip
# The forms of cooperation an engagement of each kind is recorded with (one is added at random).
KIND_FORMS = {
    "visit": ("visit",), "meeting": ("meeting",), "workshop": ("workshop", "training"),
    "conference": ("conference",), "agreement_signing": ("agreement",), "program": ("visit",),
    "statement": ("information_exchange",),
}  # fmt: skip
# What a session makes of an agenda item: mostly decided, some deferred, a few left or dropped.
AGENDA_STATUSES, AGENDA_WEIGHTS = ("decided", "deferred", "pending", "dropped"), (60, 20, 10, 10)
EXTRA_FORMS = ("information_exchange", "expertise_exchange", "training", "equipment", "joint_committee")

PARTICIPANTS = Counter({2: 35, 3: 40, 4: 25})  # per engagement: 2.9 on average
SOURCES = Counter({1: 91, 0: 4, 2: 5})  # per engagement that took place: about one
UNSIGNED_UNDERSTANDING = 0.012  # a draft under discussion, per visit or meeting
COMMITTEE_PER_UNDERSTANDING = 1 / 3
ACTION_ITEMS_PER_COMMITTEE = (3, 7)  # uniform: 5 on average
TRAINING_PER_WORKSHOP = 0.45
KNOWLEDGE_PER_ENGAGEMENT = 0.01
PROGRAMME_PER_VISIT = 0.3  # visits dated to the day whose programme is recorded
PROGRAMME_ITEMS_PER_DAY = (2, 4)  # uniform
# Logistics notes by kind of slot: (transport, interpreters, gifts given, gifts received, protocol).
PROGRAMME_LOGISTICS = {
    "transfer": ("سيارات المراسم من مقر الوزارة", "", "", "", ""),
    "meeting": ("", "مترجم من إدارة المراسم", "", "", "يجلس رئيس الوفد إلى يمين المضيف"),
    "ceremony": ("", "", "درع تذكاري", "هدية تذكارية من الوفد", ""),
}
# A programme's slots: (kind, Arabic title, English title, place).
PROGRAMME_SLOTS = (
    ("meeting", "اجتماع مع رئيس الوفد", "Meeting with the head of the delegation", "مقر الوزارة"),
    ("briefing", "إحاطة عن التجربة الأمنية", "Briefing on the security experience", "قاعة الإيجاز"),
    ("field_visit", "جولة في مركز العمليات", "Tour of the operations centre", "مركز العمليات"),
    ("workshop", "ورشة عمل مشتركة", "Joint workshop", "قاعة التدريب"),
    ("meal", "مأدبة غداء", "Lunch", "نادي الضباط"),
    ("transfer", "الانتقال إلى الفندق", "Transfer to the hotel", ""),
    ("ceremony", "تبادل الهدايا التذكارية", "Exchange of souvenirs", "مقر الوزارة"),
)

CLASSIFICATIONS = {
    "engagement": {"public": 50, "internal": 36, "restricted": 7, "confidential": 5, "secret": 2},
    "source": {"public": 80, "internal": 20},
    "person": {"public": 40, "internal": 55, "restricted": 5},
    "agency": {"public": 85, "internal": 15},
    "understanding": {"public": 25, "internal": 50, "restricted": 12, "confidential": 10, "secret": 3},
    "committee": {"public": 10, "internal": 60, "restricted": 20, "confidential": 8, "secret": 2},
    "actionitem": {"public": 20, "internal": 60, "restricted": 10, "confidential": 8, "secret": 2},
    "training": {"public": 40, "internal": 50, "restricted": 10},
    "knowledge": {"public": 20, "internal": 70, "restricted": 10},
}
SENSITIVE = frozenset({"restricted", "confidential", "secret"})


STAMPED = ("classification", "created_at", "updated_at")
# Table key -> (model, the columns the generator fills in the order of its rows); the other columns
# take their defaults. Rows whose first column is "id" get their keys from the generator.
ROWS = {
    "agency": (Agency, ("id", "party_id", "parent_id", "kind", "name_ar", "name_en", "abbreviation", *STAMPED)),
    "person": (Person, ("id", "name_ar", "name_en", "rank", "position", "party_id", "agency_id", "holds_post",
                        "seniority", "phone", "email", "office", "contact_classification", *STAMPED)),
    "position": (Position, ("person_id", "agency_id", "title_ar", "title_en", "start_date", "created_at",
                            "updated_at")),
    "engagement": (Engagement, ("id", "kind", "title_ar", "title_en", "start_date", "start_precision", "end_date",
                                "end_precision", "location_country_id", "location_city", "host_id", "summary",
                                "outcomes", *STAMPED)),
    "participation": (Participation, ("engagement_id", "person_id", "role")),
    "source": (Source, ("id", "title", "text", "url", "published_on", "content_hash", *STAMPED)),
    "understanding": (Understanding, ("id", "kind", "title_ar", "title_en", "status", "signed_on", "effective_on",
                                      "expires_on", "signed_at_id", "summary", *STAMPED)),
    "status_change": (UnderstandingStatusChange, ("understanding_id", "from_status", "to_status", "changed_by_id",
                                                  "changed_at", "reason")),
    "committee": (JointCommittee, ("id", "name_ar", "name_en", "chair_id", "established_on", "mandate", *STAMPED)),
    "session": (CommitteeSession, ("id", "committee_id", "number", "held_on", "place_city", "engagement_id", "notes",
                                   *STAMPED)),
    "agenda_item": (AgendaItem, ("id", "session_id", "position", "title", "outcome", "status", "carried_from_id")),
    "action_item": (ActionItem, ("id", "title", "description", "committee_id", "understanding_id", "engagement_id",
                                 "owner_party_id", "owner_person_id", "owner_agency_id", "due_on", "status",
                                 "progress", *STAMPED)),
    "action_item_update": (ActionItemUpdate, ("item_id", "author_id", "created_at", "comment", "old_status",
                                              "new_status", "old_progress", "new_progress")),
    "training": (TrainingProgram, ("id", "title_ar", "title_en", "provider_id", "recipient_id", "domain_id",
                                   "status", "start_date", "end_date", "trainees", "understanding_id",
                                   "committee_id", "engagement_id", "description", *STAMPED)),
    "cohort": (TrainingCohort, ("program_id", "agency_id", "domain_id", "trainees")),
    "programme_item": (ProgrammeItem, ("id", "engagement_id", "day", "start_time", "end_time", "title_ar",
                                       "title_en", "kind", "place", "transport", "interpreters", "gifts_given",
                                       "gifts_received", "protocol_notes", *STAMPED)),
    "knowledge": (KnowledgeItem, ("id", "kind", "title_ar", "title_en", "body", "domain_id", "party_id",
                                  "engagement_id", *STAMPED)),
}  # fmt: skip
# Table key -> (model, many-to-many field): rows of (this record, the linked record).
LINKS = {
    "engagement_guests": (Engagement, "guests"),
    "engagement_domains": (Engagement, "domains"),
    "engagement_forms": (Engagement, "forms"),
    "engagement_sources": (Engagement, "sources"),
    "understanding_parties": (Understanding, "parties"),
    "understanding_domains": (Understanding, "domains"),
    "committee_parties": (JointCommittee, "parties"),
    "committee_understandings": (JointCommittee, "understandings"),
    "committee_members": (JointCommittee, "members"),
    "committee_meetings": (JointCommittee, "meetings"),
    "programme_ours": (ProgrammeItem, "our_participants"),
    "programme_theirs": (ProgrammeItem, "their_participants"),
}


class GeneratorError(Exception):
    """The registry lacks what the generator needs (the reference rows, the home party)."""


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def weighted(weights: dict) -> world.Weighted:
    return world.Weighted(list(weights), list(weights.values()))


@dataclass
class EngagementFacts:
    """What later steps of a batch need to know about an engagement."""

    pk: int
    kind: str
    partner: str
    host: str
    guests: list[str]
    start: dt.date | None
    end: dt.date | None
    domains: list[str]
    classification: str
    record: object = None  # its search stand-in, which its sources' documents read


@dataclass
class PersonFacts:
    party: str
    agency: int | None
    described: str  # as an article names them: rank, name, position
    name: str  # rank and name only


@dataclass
class Rows:
    """The rows of one transaction, per table key of `Generator.tables`."""

    by_table: dict[str, list[tuple]] = field(default_factory=dict)

    def add(self, key: str, row: tuple) -> None:
        self.by_table.setdefault(key, []).append(row)


class Generator:
    def __init__(
        self,
        *,
        engagements: int,
        seed: int = 1,
        today: dt.date | None = None,
        progress: Callable[[int], None] | None = None,
    ):
        if engagements < 1:
            raise ValueError("engagements must be at least 1")
        self.total = engagements
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.first_day = self.today - dt.timedelta(days=round(YEARS * 365.25))
        self.progress = progress or (lambda done: None)
        self.counts: Counter[str] = Counter()
        self.tables = self._tables()
        self.indexer = Indexer()

    # --- set-up ---------------------------------------------------------------------------

    @staticmethod
    def _tables() -> dict[str, Table]:
        tables = {
            key: Table(model, columns, explicit_pk=columns[0] == "id")
            for key, (model, columns) in ROWS.items()
        }
        for key, (model, name) in LINKS.items():
            relation = model._meta.get_field(name)
            columns = [f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"]
            tables[key] = Table(relation.remote_field.through, columns, explicit_pk=False)
        return tables

    def _load_reference(self) -> None:
        parties = list(Party.objects.order_by("code").values_list("code", "kind", "name_ar", "name_en"))
        self.home = str(getattr(settings, "TAAWUN_HOME_PARTY", "") or "").upper()
        self.names = {code: (name_ar, name_en) for code, _kind, name_ar, name_en in parties}
        self.kinds = {code: kind for code, kind, _ar, _en in parties}
        if self.home not in self.names:
            raise GeneratorError(
                gettext("The home party %(code)s (TAAWUN_HOME_PARTY) is not in the registry.")
                % {"code": self.home}
            )
        partners = world.ranked_partners(list(self.names), self.home, self.rng)
        if not partners:
            raise GeneratorError(
                gettext("The registry has no parties besides the home one: run `taawun migrate`.")
            )
        weights = world.zipf_weights(len(partners))
        total = sum(weights)
        self.share = {code: weight / total for code, weight in zip(partners, weights, strict=True)}
        self.partners = world.Weighted(partners, weights)

        domains = dict(Domain.objects.order_by("code").values_list("code", "name_ar"))
        english = dict(Domain.objects.values_list("code", "name_en"))
        if not domains:
            raise GeneratorError(gettext("The registry has no domains: run `taawun migrate`."))
        self.domain_names = {code: (domains[code], english[code]) for code in domains}
        self.domains = world.Weighted(list(domains), [DOMAIN_WEIGHTS.get(code, 1) for code in domains])
        self.forms = set(CooperationForm.objects.values_list("code", flat=True))
        known_kinds = {term.key for term in vocabulary.kinds()}
        self.engagement_kinds = weighted({k: w for k, w in KIND_WEIGHTS.items() if k in known_kinds})
        self.classification = {key: weighted(weights) for key, weights in CLASSIFICATIONS.items()}

    def _allocate_keys(self) -> None:
        keyed = {key: table.model for key, table in self.tables.items() if table.explicit_pk}
        self.next = {key: next_pk(model) for key, model in keyed.items()}
        self.explicit_models = list(keyed.values())

    def _pk(self, key: str) -> int:
        pk = self.next[key]
        self.next[key] = pk + 1
        return pk

    # --- running --------------------------------------------------------------------------

    def run(self) -> Counter[str]:
        """Write the whole dataset, all or nothing; returns the number of rows per table key.

        One transaction: an interrupted run leaves the database as it was (and so still empty,
        for the next try). The batches only bound the memory used."""
        self.recent: dict[str, deque] = {}  # partner -> recent (engagement pk, date), for committees
        self.understandings_of: dict[str, list[int]] = {}  # partner -> understandings not yet followed
        self.latest_understanding: dict[str, int] = {}
        self.latest_committee: dict[str, int] = {}
        prepare_connection()
        with transaction.atomic():
            prepare_transaction()
            self._load_reference()
            self._allocate_keys()
            with full_text_in_one_pass():
                rows = Rows()
                self._agencies_and_people(rows)
                self._flush(rows)
                done = 0
                while done < self.total:
                    size = min(BATCH, self.total - done)
                    rows = Rows()
                    for _ in range(size):
                        self._engagement(rows)
                    self._flush(rows)
                    done += size
                    self.progress(size)
            reset_sequences(self.explicit_models)
            self._figures_changed()
            tallies.rebuild()  # the dashboard's counts, which the bulk writes above bypassed
            commitments.rebuild()  # the partners' open commitments, likewise
            self._audit()
            finish_transaction()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give later
            elif connection.vendor == "sqlite" and not connection.in_atomic_block:
                # Planner statistics (SQLite keeps none unless asked: taawun.core.tasks), then
                # everything in the file, no large WAL left.
                cursor.execute("ANALYZE")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return self.counts

    @staticmethod
    def _figures_changed() -> None:
        """The dashboard's cached figures count these records: move their version on after the
        commit, as the signals of a record saved one by one would (taawun.reports.figures)."""
        figures.records_changed()

    def _flush(self, rows: Rows) -> None:
        for key, table in self.tables.items():
            self.counts[key] += write(table, rows.by_table.get(key, ()))
        self.counts["search_document"] += self.indexer.flush()

    def _audit(self) -> None:
        summary = {key: count for key, count in sorted(self.counts.items()) if count}
        audit.append(
            action=Action.CREATE,
            model_label="bench.dataset",
            object_repr=f"Benchmark dataset: {self.total} engagements, seed {self.seed}",
            changes={"seed": self.seed, "today": self.today.isoformat(), "rows": summary},
            note="Generated by `benchmarks/dataset.py generate` (synthetic records, written in bulk).",
        )

    # --- helpers --------------------------------------------------------------------------

    def _class(self, key: str) -> str:
        return self.classification[key].pick(self.rng)

    def _stamp(self, day: dt.date | None) -> dt.datetime:
        """When a record about `day` was entered: that day or soon after, never after yesterday."""
        latest = self.today - dt.timedelta(days=1)
        day = min(day or latest, latest)
        return utc(day, self.rng.randrange(5 * 3600, 15 * 3600))

    def _past_day(self) -> dt.date:
        """A day of the last twenty years, later ones likelier (offices record more as time goes)."""
        span = (self.today - self.first_day).days
        return self.today - dt.timedelta(days=int(span * self.rng.random() ** 1.4))

    def _person(self, party: str, exclude: set[int]) -> int | None:
        """Someone of the party not yet taken, the senior people likelier; None if none is left."""
        pool = self.people[party]
        for _ in range(6):
            pk = pool.pick(self.rng)
            if pk not in exclude:
                return pk
        return next((pk for pk in pool.items if pk not in exclude), None)

    def _names(self, partner: str, domain: str) -> text.Names:
        return text.Names(self.names[self.home], self.names[partner], self.domain_names[domain])

    # --- agencies and people --------------------------------------------------------------

    def _agencies_and_people(self, rows: Rows) -> None:
        self.agencies: dict[str, list[int]] = {}
        self.people: dict[str, world.Weighted] = {}
        self.person_facts: dict[int, PersonFacts] = {}
        parties = [self.home, *self.partners.items]
        people_total = 40 + self.total // 8
        # The home party is in every engagement; a partner's staff grows slower than its share.
        spread = {code: self.share[code] ** 0.8 for code in self.partners.items}
        spread_total = sum(spread.values())
        for code in parties:
            organisation = self.kinds[code] == Party.Kind.ORGANISATION
            root_template = text.ORGANISATION_ROOT if organisation else text.STATE_ROOT
            units = text.ORGANISATION_UNITS if organisation else text.STATE_UNITS
            expected = self.total * (1.0 if code == self.home else self.share[code])
            unit_count = len(units) if code == self.home else min(len(units), int(expected**0.5 / 3))
            founded = self.first_day - dt.timedelta(days=self.rng.randrange(30, 400))
            agency_ids = []
            for position, template in enumerate((root_template, *units[:unit_count])):
                pk = self._pk("agency")
                stamp = self._stamp(founded)
                classification = self._class("agency")
                rows.add("agency", (
                    pk, code, agency_ids[0] if position else None, template.kind, template.ar, template.en,
                    template.abbreviation, classification, stamp, stamp,
                ))  # fmt: skip
                self.indexer.add(
                    "agency", pk, classification=classification, name_ar=template.ar, name_en=template.en,
                    abbreviation=template.abbreviation, party_id=code,
                )  # fmt: skip
                agency_ids.append(pk)
            self.agencies[code] = agency_ids
            if code == self.home:
                count = max(3, round(people_total * 0.12))
            else:
                count = max(1, round(people_total * 0.88 * spread[code] / spread_total))
            self._people_of(rows, code, count, organisation, agency_ids, units)

    def _people_of(self, rows, code, count, organisation, agency_ids, units) -> None:
        arab = code in world.ARAB_STATES or code in {"GCC", "AIMC", "LAS"}
        pks = []
        for order in range(count):
            if order < 2:
                position, band = text.head_position(organisation=organisation, order=order)
                agency = agency_ids[0]
            else:
                index = self.rng.randrange(len(agency_ids))
                agency = agency_ids[index]
                unit_name = (units[index - 1] if index else (text.ORGANISATION_ROOT if organisation
                             else text.STATE_ROOT)).ar  # fmt: skip
                template, band, _weight = self.rng.choices(
                    text.UNIT_POSITIONS, weights=[weight for _t, _b, weight in text.UNIT_POSITIONS]
                )[0]
                position = template.format(unit=unit_name)
            rank = text.rank_of(self.rng, band, arab=arab)
            name_ar, name_en = text.person_name(self.rng, arab=arab, women=order >= 2)
            pk = self._pk("person")
            stamp = self._stamp(self._past_day())
            classification = self._class("person")
            # As Person.save keeps them: holding the post the position names, ranked by seniority.
            rows.add(
                "person",
                (pk, name_ar, name_en, rank, position, code, agency, bool(position), rank_seniority(rank),
                 "", "", "", classification, classification, stamp, stamp),
            )  # fmt: skip
            if position:  # the post held now, since the person was recorded
                rows.add("position", (pk, agency, position, "", stamp.date(), stamp, stamp))
            self.indexer.add(
                "person", pk, classification=classification, name_ar=name_ar, name_en=name_en, position=position,
                rank=rank, party_id=code,
            )  # fmt: skip
            named = f"{rank} {name_ar}" if rank else name_ar
            self.person_facts[pk] = PersonFacts(code, agency, text.describe(rank, name_ar, position), named)
            pks.append(pk)
        self.people[code] = world.Weighted(pks, [1.0 / (rank + 1) ** 0.8 for rank in range(len(pks))])

    # --- engagements ----------------------------------------------------------------------

    def _when(self, kind: str) -> tuple[dt.date | None, str, dt.date | None]:
        """(start, its precision, end) of an engagement of this kind."""
        if kind == "statement" and self.rng.random() < 0.03:
            return None, Precision.DAY, None  # an undated statement
        if self.rng.random() < 0.03:
            start = self.today + dt.timedelta(days=self.rng.randrange(1, DAYS_AHEAD))
        else:
            start = self._past_day()
        old = (self.today - start).days > 15 * 365
        draw = self.rng.random()
        if draw < (0.05 if old else 0.01):
            return truncate(start, Precision.YEAR), Precision.YEAR, None
        if draw < (0.25 if old else 0.06):
            return truncate(start, Precision.MONTH), Precision.MONTH, None
        length = {"visit": (1, 5), "workshop": (1, 10), "conference": (0, 2), "program": (2, 7)}.get(kind)
        end = start + dt.timedelta(days=self.rng.randint(*length)) if length else None
        return start, Precision.DAY, end

    def _sides(self, kind: str, partner: str) -> tuple[str, list[str]]:
        """(host, guests) of an engagement with the partner."""
        if kind == "conference":
            others = {self.partners.pick(self.rng) for _ in range(self.rng.randint(2, 7))} - {partner}
            if self.rng.random() < 0.3:
                return self.home, sorted({partner, *others})
            return partner, sorted({self.home, *others} - {partner})
        if self.rng.random() < HOME_HOSTS.get(kind, 0.5):
            return self.home, [partner]
        return partner, [self.home]

    def _engagement(self, rows: Rows) -> None:
        rng = self.rng
        kind = self.engagement_kinds.pick(rng)
        partner = self.partners.pick(rng)
        host, guests = self._sides(kind, partner)
        start, precision, end = self._when(kind)
        domains = list(dict.fromkeys(self.domains.pick(rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))))
        names = self._names(partner, domains[0])
        key = f"{kind}_in" if host == self.home else f"{kind}_out"
        key = key if key in text.TITLES else kind
        title_ar, title_en = text.engagement_title(rng, key, names)
        summary = text.engagement_summary(rng, names)
        took_place = start is not None and start <= self.today
        outcomes = text.engagement_outcomes(rng) if took_place and rng.random() < 0.6 else ""
        country = world.country_of(host, self.kinds)
        cities = world.cities_of(host)
        city = rng.choice(cities) if cities else ("", "")
        classification = self._class("engagement")
        pk = self._pk("engagement")
        stamp = self._stamp(start if took_place else self.today - dt.timedelta(days=rng.randrange(1, 90)))
        row = (
            pk, kind, title_ar, title_en, start, precision, end, Precision.DAY, country, city[0], host, summary,
            outcomes, classification, stamp, stamp,
        )  # fmt: skip
        rows.add("engagement", row)
        for guest in guests:
            rows.add("engagement_guests", (pk, guest))
        for domain in domains:
            rows.add("engagement_domains", (pk, domain))
        forms = [form for form in KIND_FORMS.get(kind, ()) if form in self.forms]
        if rng.random() < 0.4:
            extra = rng.choice(EXTRA_FORMS)
            if extra in self.forms and extra not in forms:
                forms.append(extra)
        for form in forms:
            rows.add("engagement_forms", (pk, form))
        facts = EngagementFacts(pk, kind, partner, host, guests, start, end, domains, classification)
        head, host_person = self._participations(rows, facts)
        facts.record = self.indexer.add(
            "engagement", pk, classification=classification, kind=kind, title_ar=title_ar, title_en=title_en,
            summary=summary, outcomes=outcomes, location_city=city[0], host_id=host, location_country_id=country,
            guests=linked(guests), domains=linked(sorted(domains)), forms=linked(sorted(forms)), start_date=start,
        )  # fmt: skip
        if took_place:
            for _ in range(self._draw(SOURCES)):
                self._source(rows, facts, names, key, city[0], head, host_person)
        if kind in {"meeting", "visit"} and start:
            self.recent.setdefault(partner, deque(maxlen=24)).append((pk, start))
        if kind == "agreement_signing" or (
            kind in {"meeting", "visit"} and rng.random() < UNSIGNED_UNDERSTANDING
        ):
            self._understanding(rows, facts, signing=kind == "agreement_signing")
        if kind == "workshop" and start and rng.random() < TRAINING_PER_WORKSHOP:
            self._training(rows, facts)
        if took_place and rng.random() < KNOWLEDGE_PER_ENGAGEMENT:
            self._knowledge(rows, facts)
        if kind == "visit" and start and precision == Precision.DAY and rng.random() < PROGRAMME_PER_VISIT:
            self._programme(rows, facts, [person for person in (head, host_person) if person])

    def _programme(self, rows: Rows, facts: EngagementFacts, people: list[int]) -> None:
        """A visit's programme as the programme pages record it: each of its first three days a few
        items from nine o'clock on, classified as the visit, with its head and host person on
        their sides."""
        rng = self.rng
        days = min(3, ((facts.end or facts.start) - facts.start).days + 1)
        stamp = self._stamp(facts.start)
        for offset in range(max(days, 1)):
            day = facts.start + dt.timedelta(days=offset)
            hour = 9
            for _ in range(rng.randint(*PROGRAMME_ITEMS_PER_DAY)):
                kind, title_ar, title_en, place = rng.choice(PROGRAMME_SLOTS)
                length = rng.choice((1, 1, 2))
                pk = self._pk("programme_item")
                rows.add(
                    "programme_item",
                    (pk, facts.pk, day, f"{hour:02d}:00:00", f"{hour + length:02d}:00:00", title_ar, title_en, kind, place,
                     *PROGRAMME_LOGISTICS.get(kind, ("", "", "", "", "")), facts.classification, stamp, stamp),
                )  # fmt: skip
                for person in people:
                    side = (
                        "programme_ours"
                        if self.person_facts[person].party == self.home
                        else "programme_theirs"
                    )
                    rows.add(side, (pk, person))
                hour += length
                if hour >= 20:
                    break

    def _draw(self, counter: Counter) -> int:
        return self.rng.choices(list(counter), weights=list(counter.values()))[0]

    def _participations(self, rows: Rows, facts: EngagementFacts) -> tuple[int | None, int | None]:
        """2-4 people: the head of the visiting side, someone of the host, then members; returns
        (head, host person) for the article."""
        wanted = self._draw(PARTICIPANTS)
        taken: set[int] = set()
        if len(facts.guests) == 1:
            visiting = facts.guests[0]
        else:  # a conference: the partner's delegation at home, the home one abroad
            visiting = facts.partner if facts.host == self.home else self.home
        plan = [(visiting, "head"), (facts.host, "host")]
        sides = [visiting, facts.host] if len(facts.guests) == 1 else facts.guests
        while len(plan) < wanted:
            side = self.rng.choice(sides)
            plan.append((side, "member" if side == visiting else "participant"))
        chosen: list[int | None] = []
        for party, role in plan:
            person = self._person(party, taken)
            chosen.append(person)
            if person is not None:
                taken.add(person)
                rows.add("participation", (facts.pk, person, role))
        return chosen[0], chosen[1]

    def _source(self, rows, facts: EngagementFacts, names, key, city, head, host_person) -> None:
        rng = self.rng
        pk = self._pk("source")
        guest = self.person_facts[head].described if head else names.partner[0]
        host = self.person_facts[host_person].described if host_person else names.home[0]
        speaker = self.person_facts[host_person or head].name if (host_person or head) else names.home[0]
        days = ((facts.end - facts.start).days + 1) if facts.end else 1
        title, body = text.source_article(
            rng, key, names, city=city, day=facts.start, days=days, host=host, guest=guest, speaker=speaker,
            serial=pk,
        )  # fmt: skip
        if facts.classification in SENSITIVE:
            classification, url = facts.classification, ""  # an internal report, not the press
        else:
            classification = self._class("source")
            url = f"https://news.example.org/{facts.start:%Y/%m}/{pk}" if classification == "public" else ""
        published = facts.start + dt.timedelta(days=rng.randrange(0, 3))
        published = min(published, self.today)
        stamp = self._stamp(published)
        row = (pk, title, body, url, published, content_hash(body), classification, stamp, stamp)
        rows.add("source", row)
        rows.add("engagement_sources", (facts.pk, pk))
        self.indexer.add(
            "source", pk, classification=classification, title=title, text=body, published_on=published,
            engagements=Linked([facts.record]),
        )  # fmt: skip

    # --- understandings and their follow-up -----------------------------------------------

    def _lifecycle(
        self, signed: dt.date
    ) -> tuple[str, dt.date, dt.date | None, list[tuple[str, str, dt.date]]]:
        """(status, in force from, expiry, [(from, to, day)]) of an understanding signed that day:
        the steps of `taawun.agreements.lifecycle` its dates imply, none of them after today."""
        rng = self.rng
        S = Understanding.Status
        effective = signed + dt.timedelta(days=rng.randrange(0, 90))
        expires = None if rng.random() < 0.1 else add_years(effective, rng.choice((3, 5, 5, 5)))
        changes = [(S.DRAFT, S.NEGOTIATION, signed - dt.timedelta(days=rng.randrange(30, 240))),
                   (S.NEGOTIATION, S.SIGNED, signed)]  # fmt: skip
        if effective > self.today:
            return S.SIGNED, effective, expires, changes
        changes.append((S.SIGNED, S.IN_FORCE, effective))
        status = S.IN_FORCE
        while True:
            if rng.random() < 0.04:  # ended early by one side
                last = changes[-1][2]
                room = (min(expires or self.today, self.today) - last).days
                changes.append(
                    (status, S.TERMINATED, last + dt.timedelta(days=rng.randrange(0, max(1, room))))
                )
                return S.TERMINATED, effective, expires, changes
            if expires is None or expires > self.today + dt.timedelta(days=90):
                return status, effective, expires, changes  # in force, open-ended or for a while yet
            warned = expires - dt.timedelta(days=90)
            if rng.random() < 0.7:  # marked "expiring" when the warnings came
                changes.append((status, S.EXPIRING, warned))
                status = S.EXPIRING
            if expires > self.today:
                return status, effective, expires, changes  # about to expire
            if rng.random() >= 0.35:
                changes.append((status, S.EXPIRED, expires))
                return S.EXPIRED, effective, expires, changes
            renewal = max(expires - dt.timedelta(days=rng.randrange(1, 60)), changes[-1][2])
            changes.append((status, S.RENEWED, renewal))
            changes.append((S.RENEWED, S.IN_FORCE, renewal + dt.timedelta(days=1)))
            status, expires = S.IN_FORCE, add_years(expires, rng.choice((3, 5)))  # another term

    def _understanding(self, rows: Rows, facts: EngagementFacts, *, signing: bool) -> None:
        rng = self.rng
        S = Understanding.Status
        partner = facts.partner
        kind = rng.choices(list(Understanding.Kind.values), weights=(60, 20, 12, 8))[0]
        names = self._names(partner, facts.domains[0])
        title_ar, title_en = text.understanding_title(kind, names)
        day = facts.start or self.today
        signed_on = effective = expires = None
        if signing and day <= self.today:
            signed_on = day
            status, effective, expires, changes = self._lifecycle(day)
        else:
            status = S.NEGOTIATION if signing or rng.random() < 0.6 else S.DRAFT
            changes = [(S.DRAFT, S.NEGOTIATION, min(day, self.today))] if status == S.NEGOTIATION else []
        pk = self._pk("understanding")
        moments = []  # one per change, in order even when two fall on the same day
        for _from, _to, when in changes:
            moment = self._stamp(when)
            moments.append(max(moment, moments[-1] + dt.timedelta(minutes=5)) if moments else moment)
        created = moments[0] if moments else self._stamp(day)
        classification = self._class("understanding")
        summary = text.understanding_summary(rng, names)
        rows.add("understanding", (
            pk, kind, title_ar, title_en, status, signed_on, effective, expires, facts.pk if signing else None,
            summary, classification, created, moments[-1] if moments else created,
        ))  # fmt: skip
        parties = sorted({self.home, partner})
        for party in parties:
            rows.add("understanding_parties", (pk, party))
        for domain in facts.domains[:2]:
            rows.add("understanding_domains", (pk, domain))
        for (from_status, to_status, _when), moment in zip(changes, moments, strict=True):
            rows.add(
                "status_change", (pk, from_status, to_status, None, moment, text.STATUS_REASONS[to_status])
            )
        self.indexer.add(
            "understanding", pk, classification=classification, title_ar=title_ar, title_en=title_en,
            summary=summary, parties=linked(parties), domains=linked(sorted(facts.domains[:2])), signed_on=signed_on,
            effective_on=effective,
        )  # fmt: skip
        self.understandings_of.setdefault(partner, []).append(pk)
        self.latest_understanding[partner] = pk
        if signed_on and rng.random() < COMMITTEE_PER_UNDERSTANDING * 1.2:
            self._committee(rows, facts, names, signed_on, title_ar)

    def _committee(
        self, rows: Rows, facts: EngagementFacts, names, signed_on: dt.date, followed: str
    ) -> None:
        rng = self.rng
        partner = facts.partner
        pk = self._pk("committee")
        established = min(signed_on + dt.timedelta(days=rng.randrange(30, 180)), self.today)
        name_ar, name_en = text.committee_name(rng, names)
        chair = self.people[self.home].items[rng.randrange(min(5, len(self.people[self.home].items)))]
        stamp = self._stamp(established)
        classification = self._class("committee")
        rows.add("committee", (pk, name_ar, name_en, chair, established, text.committee_mandate(followed),
                               classification, stamp, stamp))  # fmt: skip
        for party in sorted({self.home, partner}):
            rows.add("committee_parties", (pk, party))
        understandings = self.understandings_of.pop(partner, [])[-3:]
        for understanding in understandings:
            rows.add("committee_understandings", (pk, understanding))
        members: set[int] = {chair}
        for _ in range(rng.randint(2, 6)):
            person = self._person(rng.choice((self.home, partner)), members)
            if person is not None:
                members.add(person)
                rows.add("committee_members", (pk, person))
        dated = [(engagement, day) for engagement, day in self.recent.get(partner, ()) if day >= established]
        dated = dated[-rng.randint(0, 4) :] if dated else []
        meetings = [engagement for engagement, _day in dated]
        for engagement in meetings:
            rows.add("committee_meetings", (pk, engagement))
        self._sessions(rows, pk, classification, dated, facts.domains[0])
        self.latest_committee[partner] = pk
        for _ in range(rng.randint(*ACTION_ITEMS_PER_COMMITTEE)):
            self._action_item(rows, pk, partner, established, understandings, meetings, facts.domains[0])

    def _sessions(self, rows: Rows, committee: int, classification: str, meetings, domain: str) -> None:
        """A numbered session at each of the committee's meetings, with an agenda of a few items,
        as agreements.services.session_save records them: what one session leaves undiscussed or
        deferred opens the next one's agenda again, after its own items."""
        rng = self.rng
        waiting: list[tuple[int, str]] = []  # (agenda item, title) the last session left unfinished
        for number, (engagement, day) in enumerate(meetings, start=1):
            session = self._pk("session")
            stamp = self._stamp(day)
            rows.add(
                "session", (session, committee, number, day, "", engagement, "", classification, stamp, stamp)
            )
            own = [
                (None, text.action_item(rng, self.domain_names[domain][0])[0])
                for _ in range(rng.randint(2, 5))
            ]
            carried, waiting = waiting, []
            for position, (source, title) in enumerate([*own, *carried], start=1):
                item = self._pk("agenda_item")
                status = rng.choices(AGENDA_STATUSES, weights=AGENDA_WEIGHTS)[0]
                outcome = rng.choice(text.OUTCOMES) if status == "decided" else ""
                rows.add("agenda_item", (item, session, position, title, outcome, status, source))
                if status in AgendaItem.UNFINISHED:
                    waiting.append((item, title))

    def _item_status(self, due: dt.date) -> str:
        """Past due items are mostly done (the older, the likelier); a few stay overdue."""
        S = ActionItem.Status
        rng = self.rng
        if due >= self.today:
            return rng.choices((S.OPEN, S.IN_PROGRESS, S.BLOCKED, S.DONE), weights=(50, 35, 5, 10))[0]
        age = (self.today - due).days
        still_open = 0.5 if age < 180 else 0.15 if age < 730 else 0.03
        if rng.random() < still_open:
            return rng.choices((S.OPEN, S.IN_PROGRESS, S.BLOCKED), weights=(45, 40, 15))[0]
        return S.DONE if rng.random() < 0.9 else S.CANCELLED

    def _action_item(self, rows, committee, partner, established, understandings, meetings, domain) -> None:
        rng = self.rng
        S = ActionItem.Status
        pk = self._pk("action_item")
        owner = self.home if rng.random() < 0.45 else partner
        person = self._person(owner, set()) if rng.random() < 0.6 else None
        agency = None
        if rng.random() < 0.5:
            agency = self.person_facts[person].agency if person else rng.choice(self.agencies[owner])
        due = established + dt.timedelta(days=rng.randrange(30, 900))
        status = self._item_status(due)
        progress = {S.DONE: 100, S.OPEN: 0}.get(status)
        if progress is None:
            progress = rng.randrange(10, 95, 5) if status == S.IN_PROGRESS else rng.randrange(0, 60, 10)
        title, description = text.action_item(rng, self.domain_names[domain][0])
        stamp = self._stamp(established)
        updates = self._item_updates(pk, status, progress, stamp, due)
        updated = updates[-1][2] if updates else stamp
        understanding = understandings[0] if understandings and rng.random() < 0.7 else None
        agreed_during = rng.choice(meetings) if meetings and rng.random() < 0.5 else None
        classification = self._class("actionitem")
        rows.add("action_item", (
            pk, title, description, committee, understanding, agreed_during, owner, person, agency, due, status,
            progress, classification, stamp, updated,
        ))  # fmt: skip
        for update in updates:
            rows.add("action_item_update", update)
        self.indexer.add(
            "actionitem", pk, classification=classification, title=title, description=description,
            owner_party_id=owner, due_on=due,
        )  # fmt: skip

    def _item_updates(self, pk, status, progress, created, due) -> list[tuple]:
        """The update log that brought a new item to its status: via "in progress" where it fits."""
        S = ActionItem.Status
        if status == S.OPEN:
            return []
        latest = utc(self.today, 0) - dt.timedelta(hours=1)
        end = min(utc(due, 12 * 3600), latest)
        steps = [(S.OPEN, status, 0, progress)]
        if status == S.DONE and self.rng.random() < 0.6:
            middle = self.rng.randrange(20, 80, 10)
            steps = [(S.OPEN, S.IN_PROGRESS, 0, middle), (S.IN_PROGRESS, S.DONE, middle, 100)]
        updates, moment = [], created
        for old_status, new_status, old_progress, new_progress in steps:
            room = max(0, int((end - moment).total_seconds()))
            moment = min(moment + dt.timedelta(seconds=self.rng.randint(0, room)), latest)
            comment = text.UPDATE_COMMENTS[new_status]
            updates.append((pk, None, moment, comment, old_status, new_status, old_progress, new_progress))
        return updates

    # --- training and knowledge -----------------------------------------------------------

    def _training(self, rows: Rows, facts: EngagementFacts) -> None:
        rng = self.rng
        S = TrainingProgram.Status
        partner = facts.partner
        provider, recipient = (partner, self.home) if rng.random() < 0.55 else (self.home, partner)
        names = self._names(partner, facts.domains[0])
        title_ar, title_en = text.training_title(rng, names)
        if facts.start > self.today:
            status = S.PLANNED if rng.random() < 0.6 else S.PLEDGED
        else:
            status = S.DELIVERED if rng.random() < 0.92 else S.CANCELLED
        trainees = rng.randint(8, 60)
        pk = self._pk("training")
        stamp = self._stamp(min(facts.start, self.today) - dt.timedelta(days=rng.randrange(10, 60)))
        description = text.training_description(rng, self.names[provider][0], self.names[recipient][0])
        understanding = self.latest_understanding.get(partner) if rng.random() < 0.3 else None
        committee = self.latest_committee.get(partner) if rng.random() < 0.2 else None
        rows.add("training", (
            pk, title_ar, title_en, provider, recipient, facts.domains[0], status, facts.start,
            facts.end, trainees, understanding, committee, facts.pk, description, self._class("training"), stamp,
            stamp,
        ))  # fmt: skip
        agencies = self.agencies[recipient]
        groups = rng.sample(agencies, min(len(agencies), rng.randint(1, 3)))
        left = trainees
        for index, agency in enumerate(groups):
            size = left if index == len(groups) - 1 else max(1, left // (len(groups) - index))
            if size < 1:
                break
            rows.add("cohort", (pk, agency, None, size))
            left -= size

    def _knowledge(self, rows: Rows, facts: EngagementFacts) -> None:
        rng = self.rng
        kind = KnowledgeItem.Kind.BEST_PRACTICE if rng.random() < 0.55 else KnowledgeItem.Kind.LESSON
        title_ar, title_en, body = text.knowledge_item(
            rng, kind, self._names(facts.partner, facts.domains[0])
        )
        pk = self._pk("knowledge")
        stamp = self._stamp(facts.start + dt.timedelta(days=rng.randrange(7, 60)))
        classification = self._class("knowledge")
        rows.add("knowledge", (pk, kind, title_ar, title_en, body, facts.domains[0], facts.partner, facts.pk,
                               classification, stamp, stamp))  # fmt: skip
        self.indexer.add(
            "knowledgeitem", pk, classification=classification, title_ar=title_ar, title_en=title_en, body=body,
            party_id=facts.partner, domain_id=facts.domains[0], created_at=stamp,
        )  # fmt: skip
