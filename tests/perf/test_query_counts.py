"""No page issues a number of queries that grows with the rows it shows.

Each page is requested once with a little data (two rows of everything, each with its links:
guests, domains, participants, sources, action items, members, trainee groups ...) and once
after twelve more of the same, by an officer (cleared for secret) and by a viewer (internal
only, so every third row, classified secret, is hidden from them and the visibility filter
stays in the queries). The two counts must be equal: a page may need many queries, never one
more per row. The counts themselves are not pinned here (they change with the page); the
small-data figures go to docs/BENCHMARKS.md (print them with `-s`, see `test_report`).

One warm-up request, before any row exists, takes process-wide caches (content types,
vocabularies) and writes done at most once a while (an API token's last use, a feed's audit entry)
out of the figures; the two measured requests are each the first after their writes, so a cache
invalidated by a write is missed the same way both times.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from unittest import mock

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from taawun.agreements.models import (
    ActionItem,
    ActionItemAssignmentChange,
    ActionItemComment,
    ActionItemUpdate,
    UnderstandingStatusChange,
)
from taawun.notifications.services import notification_create
from taawun.registry.models import (
    Agency,
    CooperationForm,
    Engagement,
    Participation,
    Party,
    Person,
    Source,
)
from taawun.schedule.services import calendar_token_create
from taawun.training.models import TrainingCohort
from tests.api.client import ApiClient, token_for
from tests.factories import Make
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

SMALL, MORE = 2, 12
PERSONAS = ("officer", "viewer")
# A word in the titles, names and texts of every kind of record, for the search page.
WORD_AR = "الحدود"


# --- the data -------------------------------------------------------------------------------


def _classification(number: int) -> str:
    """Every third row is secret (hidden from the viewer), the others alternate internal and public."""
    return ("internal", "public", "secret")[number % 3]


@dataclass
class World:
    """Records every detail page is about, and the rows that grow around them."""

    make: Make
    users: dict[str, object]
    today: dt.date = field(default_factory=timezone.localdate)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        make = self.make
        self.agency = make.agency("SY", name_ar=f"مديرية {WORD_AR}", name_en="Border directorate")
        self.person = make.person("SY", agency=self.agency, name_ar=f"حارس {WORD_AR}", rank="")
        self.source = make.source(f"خبر عن {WORD_AR} الأول", title=f"{WORD_AR} الأول")
        self.engagement = make.engagement(
            "SA",
            ["SY"],
            participants=[(self.person, "head")],
            domains=["counter_terrorism"],
            title_ar=f"زيارة {WORD_AR}",
            start_date=self.today,
        )
        self.engagement.sources.add(self.source)
        self.understanding = make.understanding(
            ("SA", "SY"), title_ar=f"مذكرة {WORD_AR}", status="in_force", signed_at=self.engagement
        )
        self.committee = make.committee(("SA", "SY"), members=[self.person], chair=self.person)
        self.committee.understandings.add(self.understanding)
        self.committee.meetings.add(self.engagement)
        self.training = make.training("SA", "SY", domain=make.domain(), trainees=10)
        self.knowledge = make.knowledge(title_ar=f"درس {WORD_AR}", party=make.party("SY"))
        self.item = make.action_item(
            "SY", committee=self.committee, owner_person=self.person, due_on=self.today
        )
        self.tokens: dict[str, str] = {}  # calendar feed tokens, per persona
        for persona, user in self.users.items():
            _record, self.tokens[persona] = calendar_token_create(user=user)

    def grow(self, count: int) -> None:
        """`count` more rows of every kind, linked to each other and to the records above."""
        make, today = self.make, self.today
        forms = list(CooperationForm.objects.all()[:2])
        for _ in range(count):
            n = next(self.counter)
            secret = {"classification": _classification(n)}
            agency = make.agency("SY", parent=self.agency, name_ar=f"إدارة {WORD_AR} {n}", **secret)
            person = make.person(
                "SY", agency=agency, name_en=f"Officer {n}", position=f"{WORD_AR} {n}", rank="", **secret
            )
            other = make.person("QA", name_en=f"Guest {n}", **secret)
            partner = Party.objects.create(
                code=f"ORG{n}", kind="organisation", name_ar=f"منظمة {n}", name_en=f"Body {n}", **secret
            )
            source = make.source(f"خبر رقم {n} عن {WORD_AR}", title=f"{WORD_AR} {n}")
            Source.objects.filter(pk=source.pk).update(**secret)
            precision = ("day", "day", "month")[n % 3]
            engagement = make.engagement(
                "SA",
                ["SY", "QA", partner.code],
                participants=[(person, "head"), (other, "member")],
                domains=["counter_terrorism", "narcotics"],
                title_ar=f"زيارة {WORD_AR} {n}",
                summary=f"تعاون في {WORD_AR}",
                start_date=today + dt.timedelta(days=n % 5),
                start_precision=precision,
                location_country=make.party("SA"),
                **secret,
            )
            engagement.sources.add(source, self.source)
            engagement.forms.set(forms)
            # The records of the detail pages gain a row of each kind too.
            Participation.objects.create(engagement=self.engagement, person=person, role="member")
            self.engagement.sources.add(source)
            self.engagement.guests.add(partner)
            understanding = make.understanding(
                ("SA", "SY", "QA"),
                title_ar=f"مذكرة {WORD_AR} {n}",
                status="in_force",
                expires_on=today + dt.timedelta(days=10 + n),
                signed_at=self.engagement,
                **secret,
            )
            understanding.domains.set([make.domain()])
            committee = make.committee(("SA", "SY"), members=[person, other], chair=person, **secret)
            committee.understandings.add(understanding, self.understanding)
            committee.meetings.add(engagement, self.engagement)
            self.committee.members.add(person)
            self.committee.meetings.add(engagement)
            self.committee.understandings.add(understanding)
            owner = {"owner_person": person} if n % 2 else {"owner_agency": agency}
            for due in (today - dt.timedelta(days=10 * n), today + dt.timedelta(days=n)):
                grown = make.action_item(
                    "SY",
                    title=f"{WORD_AR} {n}",
                    committee=self.committee,
                    understanding=self.understanding,
                    engagement=self.engagement,
                    due_on=due,
                    status=("open", "in_progress", "blocked")[n % 3],
                    progress=n % 100,
                    **owner,
                    **secret,
                )
                # Everyone's "my items" and the nav bar's count grow: assigned to and watched by all.
                grown.assignees.add(*self.users.values())
                grown.watchers.add(*self.users.values())
            training = make.training(
                "SA", "SY", domain=make.domain(), trainees=n, status=("delivered", "planned")[n % 2], **secret
            )
            TrainingCohort.objects.create(program=training, agency=agency, trainees=n)
            TrainingCohort.objects.create(program=self.training, agency=agency, trainees=1)
            make.knowledge(
                title_ar=f"درس {WORD_AR} {n}",
                domain=make.domain(),
                party=make.party("SY"),
                engagement=engagement,
                **secret,
            )
            author = list(self.users.values())[n % len(self.users)]
            UnderstandingStatusChange.objects.create(
                understanding=self.understanding,
                from_status="signed",
                to_status="in_force",
                changed_by=author,
                changed_at=timezone.now(),
                reason=f"Step {n}",
            )
            ActionItemUpdate.objects.create(
                item=self.item,
                author=author,
                created_at=timezone.now(),
                comment=f"Update {n}",
                old_status="open",
                new_status="in_progress",
                old_progress=n,
                new_progress=n + 1,
            )
            # The item's page: its assignees, watchers, thread and history grow too.
            self.item.assignees.add(author)
            self.item.watchers.add(author)
            ActionItemAssignmentChange.objects.create(
                item=self.item, user=author, assigned=True, changed_by=author, changed_at=timezone.now()
            )
            ActionItemComment.objects.create(
                item=self.item, author=author, text=f"Comment {n}", created_at=timezone.now()
            )
            for user in self.users.values():
                notification_create(
                    recipient=user,
                    title=f"Reminder {n}",
                    url=engagement.get_absolute_url(),
                    record=engagement,
                )
                notification_create(recipient=user, title=f"Due {n}", record=self.item)


# --- the pages ------------------------------------------------------------------------------


def web(name: str, *args, language: str = "ar", query: str = "") -> Callable[[World], str]:
    def build(world: World) -> str:
        with translation.override(language):
            path = reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])
        return f"{path}?{query}" if query else path

    return build


def api(path: str, record: Callable[[World], object] | None = None) -> Callable[[World], str]:
    def build(world: World) -> str:
        return f"/api/{path}/{record(world).pk}" if record else f"/api/{path}?limit=200"

    return build


ENGAGEMENT_FILTERS = (
    "party=SY&domain=counter_terrorism&kind=visit&start_after=2000-01-01&q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9"
)

# (page, address); API pages (under /api/) are read with the persona's bearer token.
PAGES: dict[str, Callable[[World], str]] = {
    "engagement list (ar)": web("registry:engagement_list"),
    "engagement list (en)": web("registry:engagement_list", language="en"),
    "engagement list, filtered (ar)": web("registry:engagement_list", query=ENGAGEMENT_FILTERS),
    "engagement list, filtered (en)": web(
        "registry:engagement_list", language="en", query=ENGAGEMENT_FILTERS
    ),
    "engagement list, one partner and dates": web(
        "registry:engagement_list", query="party=SY&start_after=2000-01-01&start_before=2100-12-31"
    ),
    "engagement export (CSV)": web("registry:engagement_list", query="export=csv"),
    "engagement detail": web("registry:engagement_detail", lambda w: w.engagement.pk),
    "party list": web("registry:party_list", query="active=true"),
    "party profile": web("registry:party_detail", "SY"),
    "country brief (PDF)": web("reports:country_brief_pdf", "SY"),
    "country brief": web("reports:country_brief", "SY"),
    "person list": web("registry:person_list"),
    "person detail": web("registry:person_detail", lambda w: w.person.pk),
    "agency list": web("registry:agency_list"),
    "agency detail": web("registry:agency_detail", lambda w: w.agency.pk),
    "source list": web("registry:source_list"),
    "source detail": web("registry:source_detail", lambda w: w.source.pk),
    "understanding list": web("agreements:understanding_list"),
    "understanding detail": web("agreements:understanding_detail", lambda w: w.understanding.pk),
    "committee list": web("agreements:jointcommittee_list"),
    "committee detail": web("agreements:jointcommittee_detail", lambda w: w.committee.pk),
    "action item list": web("agreements:actionitem_list"),
    "action item export (XLSX)": web("agreements:actionitem_list", query="export=xlsx"),
    "action item detail": web("agreements:actionitem_detail", lambda w: w.item.pk),
    "overdue and expiring": web("agreements:overdue"),
    "training list": web("training:trainingprogram_list"),
    "training detail": web("training:trainingprogram_detail", lambda w: w.training.pk),
    "training pledged vs delivered": web("training:pledged_vs_delivered"),
    "knowledge list": web("knowledge:knowledgeitem_list"),
    "knowledge detail": web("knowledge:knowledgeitem_detail", lambda w: w.knowledge.pk),
    "home": web("web:home"),
    "dashboard": web("reports:dashboard"),
    "search (ar)": web("search:results", query=f"q={WORD_AR}"),
    "search (en)": web("search:results", language="en", query="q=Officer"),
    "calendar month": web("schedule:month"),
    "calendar agenda": web("schedule:agenda"),
    "calendar agenda, one partner": web("schedule:agenda", query="party=SY"),
    "committee timeline": web("schedule:committee_timeline", lambda w: w.committee.pk),
    "understanding timeline": web("schedule:understanding_timeline", lambda w: w.understanding.pk),
    "notifications": web("notifications:list"),
    "my items": web("notifications:my_items"),
    "api parties": api("parties"),
    "api party": api("parties", lambda w: w.make.party("SY")),
    "api agencies": api("agencies"),
    "api agency": api("agencies", lambda w: w.agency),
    "api people": api("people"),
    "api person": api("people", lambda w: w.person),
    "api sources": api("sources"),
    "api source": api("sources", lambda w: w.source),
    "api engagements": api("engagements"),
    "api engagements, one partner": lambda w: "/api/engagements?limit=200&party=SY",
    "api engagement": api("engagements", lambda w: w.engagement),
    "api understandings": api("understandings"),
    "api understanding": api("understandings", lambda w: w.understanding),
    "api committees": api("committees"),
    "api committee": api("committees", lambda w: w.committee),
    "api action items": api("action-items"),
    "api action item": api("action-items", lambda w: w.item),
    "api training programmes": api("training-programmes"),
    "api training programme": api("training-programmes", lambda w: w.training),
    "api knowledge items": api("knowledge-items"),
    "api knowledge item": api("knowledge-items", lambda w: w.knowledge),
}
# The calendar feed is read with the feed's own token, not a session.
FEED = "calendar feed"


# --- measuring ------------------------------------------------------------------------------

Counts = dict[tuple[str, str], tuple[int, int]]  # (page, persona) -> (small, large)
_MEASURED: dict[str, Counts | BaseException] = {}


def queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return len(captured)


# Every kind of record on the one page of search results, both times; writes that happen at most
# once per interval (a feed's audit entry, an API token's last use, the session's keep-alive save)
# kept out of the measured requests however long building the data takes on a busy machine.
@override_settings(SEARCH_PAGE_SIZE=200, SCHEDULE_FEED_AUDIT_MINUTES=24 * 60)
@mock.patch("taawun.api.services.LAST_USED_RESOLUTION", dt.timedelta(days=1))
@mock.patch("taawun.accounts.sessions.KEEP_ALIVE_EVERY", 24 * 3600)
def measure_every_page(make: Make, django_user_model) -> Counts:
    """(small, large) query counts of every page, per persona, on one growing set of records
    (building it is the slow part, so it is built once for the whole table)."""
    users = {persona: make_user(django_user_model, persona) for persona in PERSONAS}
    world = World(make=make, users=users)
    clients = {
        persona: {"web": logged_in(user), "api": ApiClient(token_for(user), language="en"), "feed": Client()}
        for persona, user in users.items()
    }

    def address_and_client(page: str, persona: str):
        if page == FEED:
            return reverse("schedule:feed", args=[world.tokens[persona]]), clients[persona]["feed"]
        address = PAGES[page](world)
        return address, clients[persona]["api" if address.startswith("/api/") else "web"]

    every = [(page, persona) for page in [*PAGES, FEED] for persona in PERSONAS]
    for page, persona in every:  # the warm-up, before any row exists
        address, client = address_and_client(page, persona)
        client.get(address)
    counts: dict[tuple[str, str], list[int]] = {key: [] for key in every}
    for size in (SMALL, MORE):
        world.grow(size)
        for page, persona in every:
            address, client = address_and_client(page, persona)
            counts[(page, persona)].append(queries(client, address))
    return {key: (small, large) for key, (small, large) in counts.items()}


@pytest.fixture
def measured(make, django_user_model) -> Counts:
    """Every page's counts, measured by the first test that asks (in its own transaction); a
    failure to measure is kept too, so that it is not repeated by every test of the table."""
    if "counts" not in _MEASURED:
        try:
            _MEASURED["counts"] = measure_every_page(make, django_user_model)
        except Exception as error:
            _MEASURED["counts"] = error
            raise
    if isinstance(_MEASURED["counts"], BaseException):
        pytest.fail(f"the pages could not be measured: {_MEASURED['counts']!r}")
    return _MEASURED["counts"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", [*PAGES, FEED])
def test_the_page_needs_no_more_queries_for_more_rows(page, persona, measured):
    small, large = measured[(page, persona)]
    assert small == large, (
        f"{page} as {persona}: {small} queries with {SMALL} rows, {large} with {SMALL + MORE}"
    )


def test_the_data_shows_more_rows_to_both_personas(make, django_user_model):
    """The growth is real: the pages above do show the added rows, and the viewer fewer than the officer."""
    users = {persona: make_user(django_user_model, persona) for persona in PERSONAS}
    world = World(make=make, users=users)
    world.grow(SMALL + MORE)
    shown = {}
    for persona, user in users.items():
        response = logged_in(user).get(PAGES["engagement list (en)"](world))
        shown[persona] = response.context["paginator"].count
    visible = Engagement.objects.filter(classification__in=["public", "internal"]).count()
    assert shown == {"officer": Engagement.objects.count(), "viewer": visible}
    assert shown["viewer"] < shown["officer"]
    hidden = Person.objects.filter(classification="secret").first()
    detail = logged_in(users["viewer"]).get(PAGES["engagement detail"](world)).content.decode()
    assert hidden is not None and hidden.get_absolute_url() not in detail
    assert Agency.objects.count() > SMALL + MORE and ActionItem.objects.count() > 2 * (SMALL + MORE)


def test_report(measured):
    """The query counts with the small data, for docs/BENCHMARKS.md (shown with `-s`)."""
    width = max(len(page) for page, _persona in measured)
    lines = [f"{'page':<{width}}  " + "  ".join(f"{p:>7}" for p in PERSONAS)]
    for page in dict.fromkeys(page for page, _persona in measured):
        lines.append(f"{page:<{width}}  " + "  ".join(f"{measured[(page, p)][0]:>7}" for p in PERSONAS))
    print("\n" + "\n".join(lines))
