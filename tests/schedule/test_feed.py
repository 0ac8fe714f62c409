"""Calendar feeds: parsed back with the icalendar library, reachable only with a valid token and
carrying only what the token's user may see at the time of the request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from taawun.audit.models import Action, AuditEntry
from taawun.schedule.models import CalendarToken, token_hash
from taawun.schedule.services import calendar_token_create, calendar_token_revoke
from tests.personas import make_user

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + dt.timedelta(days=10)


def feed_url(token: str, language: str = "ar", query: str = "") -> str:
    with translation.override(language):
        path = reverse("schedule:feed", args=[token])
    return f"{path}?{query}" if query else path


def fetch(token: str, **kwargs):
    return Client().get(feed_url(token, **kwargs))


def events(response) -> dict[str, dict]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def summaries(response) -> set[str]:
    return {str(event["SUMMARY"]) for event in events(response).values()}


@pytest.fixture
def token(officer) -> str:
    return calendar_token_create(user=officer)[1]


def test_the_feed_carries_engagements_due_dates_and_expiries_as_all_day_events(make, token):
    engagement = make.engagement(
        title_en="Visit", title_ar="زيارة", start_date=SOON, end_date=SOON + dt.timedelta(days=2)
    )
    item = make.action_item(title="Send the list", due_on=SOON)
    understanding = make.understanding(title_en="MoU", title_ar="مذكرة", expires_on=SOON)
    found = events(fetch(token, language="en"))
    visit = found[f"engagement-{engagement.pk}@taawun.invalid"]
    assert visit.decoded("DTSTART") == SOON
    assert visit.decoded("DTEND") == SOON + dt.timedelta(days=3)  # exclusive end
    assert not isinstance(visit.decoded("DTSTART"), dt.datetime)
    assert str(visit["SUMMARY"]) == "Visit"
    assert str(visit["URL"]).endswith(engagement.get_absolute_url())
    assert str(visit["URL"]).startswith("http://testserver/en/")
    assert [str(c) for c in visit["CATEGORIES"].cats] == ["Engagement", "Visit"]
    due = found[f"due-{item.pk}@taawun.invalid"]
    assert str(due["SUMMARY"]) == "Due: Send the list"
    assert due.decoded("DTEND") - due.decoded("DTSTART") == dt.timedelta(days=1)
    expiry = found[f"expiry-{understanding.pk}@taawun.invalid"]
    assert str(expiry["SUMMARY"]) == "Understanding expires: MoU"


def test_summaries_follow_the_language_of_the_address_or_of_lang(make, token):
    make.engagement(title_en="Visit", title_ar="زيارة", start_date=SOON)
    assert summaries(fetch(token)) == {"زيارة"}
    assert summaries(fetch(token, language="en")) == {"Visit"}
    assert summaries(fetch(token, query="lang=en")) == {"Visit"}
    assert summaries(fetch(token, language="en", query="lang=ar")) == {"زيارة"}
    assert fetch(token, query="lang=fr").status_code == 400


def test_uids_are_stable_from_one_fetch_to_the_next(make, token):
    make.engagement(start_date=SOON)
    make.action_item(due_on=SOON)
    assert set(events(fetch(token))) == set(events(fetch(token)))


def test_a_month_precise_engagement_spans_its_month_and_a_year_precise_one_is_left_out(make, token):
    month = SOON.replace(day=1)
    make.engagement(title_en="In the month", title_ar="", start_date=month, start_precision="month")
    make.engagement(
        title_en="In the year", title_ar="", start_date=month.replace(month=1), start_precision="year"
    )
    (event,) = events(fetch(token, language="en")).values()
    assert event.decoded("DTSTART") == month
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    assert event.decoded("DTEND") == following
    assert "In the month" in str(event["SUMMARY"])


def test_the_feed_never_carries_a_record_above_the_users_clearance(make, django_user_model):
    viewer = make_user(django_user_model, "viewer")
    token = calendar_token_create(user=viewer)[1]
    make.engagement(title_en="Internal visit", title_ar="", start_date=SOON, classification="internal")
    make.engagement(title_en="Secret visit", title_ar="", start_date=SOON, classification="secret")
    make.action_item(title="Confidential item", due_on=SOON, classification="confidential")
    make.understanding(title_en="Restricted MoU", title_ar="", expires_on=SOON, classification="restricted")
    response = fetch(token, language="en")
    assert summaries(response) == {"Internal visit"}
    for hidden in (b"Secret visit", b"Confidential item", b"Restricted MoU"):
        assert hidden not in response.content


def test_a_clearance_change_takes_effect_on_the_next_fetch(make, officer, token):
    make.engagement(title_en="Secret visit", title_ar="", start_date=SOON, classification="secret")
    assert summaries(fetch(token, language="en")) == {"Secret visit"}
    officer.clearance = "internal"
    officer.save()
    assert summaries(fetch(token, language="en")) == set()


def test_a_deactivated_users_feed_is_gone(officer, token):
    officer.is_active = False
    officer.save()
    assert fetch(token).status_code == 404


def test_a_revoked_token_answers_404(officer, token):
    record = CalendarToken.objects.get(token_hash=token_hash(token))
    assert fetch(token).status_code == 200
    calendar_token_revoke(token=record, actor=officer)
    assert fetch(token).status_code == 404


@pytest.mark.parametrize("wrong", ["nope", "x" * 43, "A" * 200])
def test_a_wrong_token_answers_404(token, wrong):
    assert fetch(wrong).status_code == 404


def test_the_token_is_stored_only_as_its_hash(officer):
    record, token = calendar_token_create(user=officer)
    assert len(token) >= 43
    assert record.token_hash == token_hash(token) != token
    assert not CalendarToken.objects.filter(token_hash=token).exists()


def test_a_partner_feed_carries_that_partners_events_only(make, officer):
    token = calendar_token_create(user=officer, party=make.party("QA"))[1]
    make.engagement("SA", ["QA"], title_en="With Qatar", title_ar="", start_date=SOON)
    make.engagement("SA", ["SY"], title_en="With Syria", title_ar="", start_date=SOON)
    make.action_item("QA", title="Qatar's item", due_on=SOON)
    make.understanding(["SA", "QA"], title_en="Qatar MoU", title_ar="", expires_on=SOON)
    assert summaries(fetch(token, language="en")) == {
        "With Qatar",
        "Due: Qatar's item",
        "Understanding expires: Qatar MoU",
    }


def test_a_partner_feed_of_a_partner_the_user_can_no_longer_see_answers_404(make, officer):
    qatar = make.party("QA")
    token = calendar_token_create(user=officer, party=qatar)[1]
    type(qatar).objects.filter(pk="QA").update(classification="secret")
    officer.clearance = "internal"
    officer.save()
    assert fetch(token).status_code == 404


def test_the_feed_ceiling_setting_lowers_what_every_feed_carries(make, token, settings):
    settings.SCHEDULE_FEED_CEILING = "internal"
    make.engagement(title_en="Internal", title_ar="", start_date=SOON, classification="internal")
    make.engagement(title_en="Restricted", title_ar="", start_date=SOON, classification="restricted")
    assert summaries(fetch(token, language="en")) == {"Internal"}


def test_sensitive_events_are_marked_confidential(make, token):
    make.engagement(start_date=SOON, classification="restricted")
    (event,) = events(fetch(token)).values()
    assert str(event["CLASS"]) == "CONFIDENTIAL"


def test_fetches_are_remembered_and_audited_at_most_once_an_hour(officer, token):
    fetch(token)
    fetch(token)
    record = CalendarToken.objects.get(token_hash=token_hash(token))
    assert record.last_used_at is not None
    exports = AuditEntry.objects.filter(action=Action.EXPORT, model_label="schedule.calendartoken")
    assert exports.count() == 1
    assert exports.get().username == "officer"
    assert token not in exports.get().object_repr


def test_creating_and_revoking_a_feed_is_audited_without_the_token(officer):
    record, token = calendar_token_create(user=officer)
    calendar_token_revoke(token=record, actor=officer)
    entries = AuditEntry.objects.filter(model_label="schedule.calendartoken", object_pk=str(record.pk))
    assert [entry.action for entry in entries.order_by("seq")] == [Action.CREATE, Action.UPDATE]
    for entry in entries:
        assert token not in str(entry.changes) and record.token_hash not in str(entry.changes)


def test_the_feed_needs_no_session_and_ignores_one(make, viewer_client, officer, token):
    make.engagement(title_en="Secret visit", title_ar="", start_date=SOON, classification="secret")
    # The viewer's session does not matter: the token's owner (an officer) decides.
    assert summaries(viewer_client.get(feed_url(token, language="en"))) == {"Secret visit"}
