"""Shared fixtures: logged-in clients (personas) and small factories for every record type.

Reference rows (every country by ISO code, the organisations EU, GCC, AIMC, INTERPOL, UN, LAS,
the domains and the forms of cooperation) come from migration registry/0002, so factories look
them up instead of creating them.

Personas: each entry of PERSONAS holds the attributes (role, clearance, ...) its user is created
with. Add a new one (viewer, auditor, outsider, low clearance, ...) there, then a `<persona>` and a
`<persona>_client` fixture below, built with make_user() and logged_in().
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client

from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.knowledge.models import KnowledgeItem
from taawun.registry.models import Agency, Domain, Engagement, Participation, Party, Person, Source
from taawun.registry.services import source_create
from taawun.training.models import TrainingProgram

# --- personas -------------------------------------------------------------------------------
#
# A persona is the set of attributes its user is created with; the username is the persona's name.

PERSONAS: dict[str, dict] = {
    "administrator": {"role": "administrator", "clearance": "secret", "first_name": "Administrator"},
    "officer": {"role": "officer", "clearance": "secret", "first_name": "Officer"},
    "viewer": {"role": "viewer", "clearance": "internal", "first_name": "Viewer"},
    "auditor": {"role": "auditor", "clearance": "internal", "first_name": "Auditor"},
    # An officer cleared for public records only.
    "low_clearance": {"role": "officer", "clearance": "public", "first_name": "Low"},
}


def make_user(django_user_model, persona: str, **fields):
    """A user of the persona; fields the user model does not have (yet) are left out."""
    known = {f.name for f in django_user_model._meta.get_fields()}
    attributes = {k: v for k, v in {**PERSONAS[persona], **fields}.items() if k in known}
    return django_user_model.objects.create_user(
        username=persona, password="a long test password 1", **attributes
    )


def logged_in(user, *, second_factor: bool = True) -> Client:
    """A client logged in as the user; with second_factor, also past the TOTP check (when installed)."""
    client = Client()
    client.force_login(user)
    if second_factor and apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def cleared_officer():
    """The officer persona (created once per test), for a form test that needs a user to offer
    record choices to: forms list and accept only the records their user may see."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    return user_model.objects.filter(username="officer").first() or make_user(user_model, "officer")


@pytest.fixture
def officer(db, django_user_model):
    return make_user(django_user_model, "officer")


@pytest.fixture
def officer_client(officer) -> Client:
    return logged_in(officer)


@pytest.fixture
def viewer(db, django_user_model):
    """Reads, never writes; no second factor required."""
    return make_user(django_user_model, "viewer")


@pytest.fixture
def viewer_client(viewer) -> Client:
    return logged_in(viewer)


@pytest.fixture
def administrator(db, django_user_model):
    return make_user(django_user_model, "administrator")


@pytest.fixture
def auditor(db, django_user_model):
    return make_user(django_user_model, "auditor")


@pytest.fixture
def low_clearance(db, django_user_model):
    return make_user(django_user_model, "low_clearance")


@pytest.fixture
def admin_client_logged_in(admin_user) -> Client:
    """pytest-django's superuser (`admin_user`), logged in with force_login."""
    return logged_in(admin_user)


# --- factories ------------------------------------------------------------------------------

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


def make_action_item(owner: str = "SY", **fields) -> ActionItem:
    fields.setdefault("title", f"Action {_n()}")
    return ActionItem.objects.create(owner_party=party(owner), **fields)


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
    training = staticmethod(make_training)
    knowledge = staticmethod(make_knowledge)


@pytest.fixture
def make(db) -> Make:
    return Make()


def validation_errors(record, **kwargs) -> dict[str, list[str]]:
    """The errors full_clean() finds, by field ({} when the record is valid)."""
    try:
        record.full_clean(**kwargs)
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.fixture
def errors_of(db) -> Callable[..., dict[str, list[str]]]:
    return validation_errors


@pytest.fixture
def one_of_each(make) -> dict[str, object]:
    """One saved record of every Crud model, keyed by model name, for walking every page."""
    person = make.person("SY")
    engagement = make.engagement("SA", ["SY"], participants=[(person, "head")])
    understanding = make.understanding()
    committee = make.committee(members=[person])
    return {
        "party": make.party("SY"),
        "agency": make.agency("SY"),
        "person": person,
        "source": make.source(),
        "engagement": engagement,
        "understanding": understanding,
        "jointcommittee": committee,
        "actionitem": make.action_item("SY", committee=committee, owner_person=person),
        "trainingprogram": make.training(),
        "knowledgeitem": make.knowledge(),
    }


@pytest.fixture(autouse=True)
def _arabic_by_default():
    """Each test starts in the default language: the test client leaves the language of its last
    request active, which would otherwise leak from one test into the next."""
    from django.utils import translation

    translation.activate("ar")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Each test with a database starts with an empty cache: cached figures of another test's
    records (the cache outlives the test database's rollback) must not answer for this one's.
    (On PostgreSQL the cache is a table of the database, out of reach of tests without one.)"""
    names = set(request.fixturenames)
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    elif not request.node.get_closest_marker("django_db"):
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
