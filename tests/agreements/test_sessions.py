"""A joint committee's sessions (issue 21, item 2): numbered in order, each with its agenda and
what was decided; what one session leaves unfinished is carried to the next one's agenda; the
committee page shows the series, within the reader's clearance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from taawun.agreements.models import AgendaItem, CommitteeSession
from taawun.audit.models import AuditEntry
from tests.factories import validation_errors
from tests.pages import text

pytestmark = pytest.mark.django_db


def session_form(committee, *, agenda=(), **fields) -> dict:
    """What the session form posts: its fields, then the agenda rows (title, status, outcome)."""
    data = {
        "record-committee": committee.pk,
        "record-held_on": "2026-03-10",
        "record-place_city": "الرياض",
        "record-classification": committee.classification,
        "fs0-TOTAL_FORMS": str(len(agenda)),
        "fs0-INITIAL_FORMS": "0",
        "fs0-MIN_NUM_FORMS": "0",
        "fs0-MAX_NUM_FORMS": "1000",
    }
    data.update({f"record-{name}": value for name, value in fields.items()})
    for index, (title, status, outcome) in enumerate(agenda):
        data.update(
            {
                f"fs0-{index}-position": str(index + 1),
                f"fs0-{index}-title": title,
                f"fs0-{index}-status": status,
                f"fs0-{index}-outcome": outcome,
            }
        )
    return data


def record_session(client, committee, **kwargs) -> CommitteeSession:
    response = client.post(reverse("agreements:committeesession_create"), session_form(committee, **kwargs))
    assert response.status_code == 302, text(response)[:2000]
    return CommitteeSession.objects.filter(committee=committee).order_by("-pk").first()


def test_sessions_are_numbered_in_order_and_take_up_what_the_last_left_unfinished(officer_client, make):
    committee = make.committee()
    first = record_session(
        officer_client,
        committee,
        agenda=[
            ("تبادل قوائم المطلوبين", "decided", "يتم التبادل كل ثلاثة أشهر"),
            ("إنشاء خط اتصال مباشر", "deferred", ""),
            ("برنامج تدريب مشترك", "pending", ""),
            ("زيارة ميدانية للمنافذ", "dropped", ""),
        ],
    )
    second = record_session(officer_client, committee, agenda=[("مكافحة المخدرات عبر الحدود", "pending", "")])
    assert (first.number, second.number) == (1, 2)
    titles = [(item.title, item.carried_from_id is not None) for item in second.agenda.order_by("position")]
    assert titles == [
        ("مكافحة المخدرات عبر الحدود", False),
        ("إنشاء خط اتصال مباشر", True),
        ("برنامج تدريب مشترك", True),
    ]
    # Carried once: the third session takes up what the second left, not the first's again.
    third = record_session(officer_client, committee)
    carried = {item.carried_from.session.number for item in third.agenda.all()}
    assert third.number == 3 and carried == {2} and third.agenda.count() == 3
    carry_entries = AuditEntry.objects.filter(
        model_label="agreements.agendaitem", note__startswith="carried over"
    )
    assert carry_entries.count() == 5


def test_a_number_given_is_kept_and_a_taken_one_refused(officer_client, make):
    committee = make.committee()
    record_session(officer_client, committee, number="7")
    response = officer_client.post(
        reverse("agreements:committeesession_create"), session_form(committee, number="7")
    )
    assert response.status_code == 400 and CommitteeSession.objects.filter(committee=committee).count() == 1
    assert record_session(officer_client, committee).number == 8


def test_a_decision_says_what_was_decided(officer_client, make):
    committee = make.committee()
    response = officer_client.post(
        reverse("agreements:committeesession_create"),
        session_form(committee, agenda=[("تبادل المعلومات", "decided", "")]),
    )
    assert response.status_code == 400 and not CommitteeSession.objects.exists()
    assert "وضّح ما تقرر" in text(response)


def test_a_session_is_classified_at_least_as_its_committee_and_chairs_sit_on_their_side(make, settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    committee = make.committee(("SA", "SY"), classification="confidential")
    ours, theirs, stranger = make.person("SA"), make.person("SY"), make.person("QA")
    session = CommitteeSession(committee=committee, number=1, classification="internal")
    assert "classification" in validation_errors(session)
    session = CommitteeSession(
        committee=committee, number=1, classification="confidential", chair_ours=theirs, chair_theirs=ours
    )
    assert {"chair_ours", "chair_theirs"} <= set(validation_errors(session))
    session.chair_ours, session.chair_theirs = ours, stranger
    assert set(validation_errors(session)) == {"chair_theirs"}  # QA has no seat on the committee
    session.chair_theirs = theirs
    assert validation_errors(session) == {}


def test_items_of_a_session_classified_higher_are_not_carried_into_a_lower_one(officer_client, make):
    committee = make.committee(classification="internal")
    make.session(committee, classification="secret", agenda=[("بند سري", "pending")])
    lower = record_session(officer_client, committee)
    assert lower.number == 2 and not lower.agenda.exists()


def test_the_committee_page_shows_the_series_with_decisions_and_what_waits(officer_client, make):
    committee = make.committee()
    make.session(
        committee,
        held_on=dt.date(2025, 11, 2),
        agenda=[("تبادل الخبرات", "decided"), ("ربط الأنظمة", "deferred")],
    )
    page = text(officer_client.get(committee.get_absolute_url()))
    assert "تقرر تبادل الخبرات" in page  # the outcome, beside the session that decided it
    waiting = page[page.index("بانتظار الجلسة القادمة") :]
    assert "ربط الأنظمة" in waiting and "تبادل الخبرات" not in waiting
    assert reverse("agreements:committeesession_create") + f"?committee={committee.pk}" in page


def test_a_session_above_the_clearance_is_neither_listed_nor_opened(low_clearance, make):
    from tests.personas import logged_in

    committee = make.committee(classification="public")
    make.session(committee, classification="public", agenda=[("بند علني", "decided")])
    hidden = make.session(committee, classification="secret", agenda=[("بند سري للغاية", "decided")])
    client = logged_in(low_clearance)
    page = text(client.get(committee.get_absolute_url()))
    assert "تقرر بند علني" in page and "بند سري للغاية" not in page
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_session_page_shows_the_agenda_with_where_each_carried_item_came_from(officer_client, make):
    committee = make.committee()
    first = record_session(officer_client, committee, agenda=[("إنشاء خط اتصال مباشر", "deferred", "")])
    second = record_session(officer_client, committee)
    page = text(officer_client.get(second.get_absolute_url()))
    assert "إنشاء خط اتصال مباشر" in page and first.get_absolute_url() in page
    assert AgendaItem.objects.get(session=second).carried_from.session == first
