"""A programme item's rules: its times, its day within the engagement, its classification floor,
its officer, and the side of each participant."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.programmes.forms import ProgrammeItemForm
from taawun.programmes.models import ProgrammeItem
from tests.personas import make_user

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 4, 14)


@pytest.fixture
def visit(make):
    return make.engagement("SA", ["SY"], start_date=DAY, end_date=DAY + dt.timedelta(days=2))


def item(visit, **fields) -> ProgrammeItem:
    values = {
        "title_ar": "جولة ميدانية",
        "day": DAY,
        "start_time": dt.time(9, 0),
        "classification": "internal",
    }
    return ProgrammeItem(engagement=visit, **{**values, **fields})


def test_a_valid_item_has_no_errors(visit, errors_of):
    assert errors_of(item(visit, end_time=dt.time(10, 30))) == {}


def test_an_item_ends_after_it_starts(visit, errors_of):
    assert "end_time" in errors_of(item(visit, end_time=dt.time(9, 0)))
    assert "end_time" in errors_of(item(visit, end_time=dt.time(8, 0)))


def test_an_item_needs_a_title_in_either_language(visit, errors_of):
    assert "title_ar" in errors_of(item(visit, title_ar=""))
    assert errors_of(item(visit, title_ar="", title_en="Field tour")) == {}


def test_the_day_is_within_the_engagements_dates_when_they_are_known(visit, make, errors_of):
    assert errors_of(item(visit, day=DAY + dt.timedelta(days=2))) == {}
    assert "day" in errors_of(item(visit, day=DAY - dt.timedelta(days=1)))
    assert "day" in errors_of(item(visit, day=DAY + dt.timedelta(days=3)))
    one_day = make.engagement(start_date=DAY)  # no end: the one day
    assert "day" in errors_of(item(one_day, day=DAY + dt.timedelta(days=1)))
    month_only = make.engagement(start_date=dt.date(2025, 4, 1), start_precision="month")
    assert errors_of(item(month_only, day=dt.date(2025, 5, 20))) == {}
    undated = make.engagement(start_date=None)
    assert errors_of(item(undated, day=dt.date(2030, 1, 1))) == {}


def test_an_item_is_classified_at_least_as_its_engagement(make, errors_of):
    restricted = make.engagement(start_date=DAY, classification="restricted")
    assert "classification" in errors_of(item(restricted, classification="internal"))
    assert errors_of(item(restricted, classification="restricted")) == {}
    assert errors_of(item(restricted, classification="secret")) == {}


def test_the_responsible_officer_may_edit_and_is_cleared_for_the_item(visit, errors_of, django_user_model):
    low = make_user(django_user_model, "low_clearance")  # an officer cleared for public records
    viewer = make_user(django_user_model, "viewer")
    officer = make_user(django_user_model, "officer")
    assert "responsible_officer" in errors_of(item(visit, responsible_officer=low))
    assert "responsible_officer" in errors_of(item(visit, responsible_officer=viewer))
    assert errors_of(item(visit, responsible_officer=officer)) == {}


def form(visit, user, **data) -> ProgrammeItemForm:
    values = {
        "engagement": visit.pk,
        "day": DAY.isoformat(),
        "start_time": "09:00",
        "end_time": "10:00",
        "title_ar": "اجتماع",
        "kind": "meeting",
        "classification": "internal",
    }
    return ProgrammeItemForm(data={**values, **data}, user=user)


def test_participants_are_checked_against_their_side(visit, make, officer):
    ours, theirs, stranger = make.person("SA"), make.person("SY"), make.person("QA")
    assert form(visit, officer, our_participants=[ours.pk], their_participants=[theirs.pk]).is_valid()
    wrong = form(visit, officer, our_participants=[theirs.pk], their_participants=[ours.pk])
    assert not wrong.is_valid()
    assert set(wrong.errors) == {"our_participants", "their_participants"}
    outside = form(visit, officer, their_participants=[stranger.pk])
    assert not outside.is_valid() and "their_participants" in outside.errors


def test_the_form_offers_only_officers_who_may_edit(visit, officer, django_user_model):
    viewer = make_user(django_user_model, "viewer")
    choices = form(visit, officer).fields["responsible_officer"].queryset
    assert officer in choices and viewer not in choices
    assert not form(visit, officer, responsible_officer=viewer.pk).is_valid()


def test_the_form_refuses_an_engagement_above_the_users_clearance(make, low_clearance):
    secret = make.engagement(start_date=DAY, classification="secret")
    refused = form(secret, low_clearance, classification="public")
    assert not refused.is_valid() and "engagement" in refused.errors
