"""A committee's reminder rule (days before the due date or the next session, its wording, the
escalation delay), the escalation to supervisors and the coordinators' notice of a newly overdue
item: who receives what, exactly, as a matrix of relation x clearance x item classification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from taawun.access.policy import LEVELS
from taawun.notifications.forms import ReminderRuleForm
from taawun.notifications.models import Contact, Notification, ReminderRule, SentReminder
from taawun.notifications.selectors import reminders_due, rule_kind
from taawun.notifications.services import digest_send, reminders_send
from taawun.notifications.wording import fill, wording_errors
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 1)
NOW = timezone.make_aware(dt.datetime(2025, 3, 1, 6, 0))
CLEARANCES = ("public", "internal", "secret")
RELATIONS = ("assigned", "watching", "contact", "supervisor", "coordinator", "none")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


# --- the wording -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, bad",
    [
        ("{title} is due on {due_on} ({days} days), {committee}", None),
        ("Session on {session_on}; a {{literal}} brace", None),
        ("{owner}", "{owner}"),
        ("{title.__class__}", "{title.__class__}"),
        ("{0}", "{0}"),
        ("{title!r}", "{title!r}"),
        ("{due_on:%Y}", "{due_on:%Y}"),
    ],
)
def test_a_bad_placeholder_is_refused_with_a_clear_error(text, bad):
    with translation.override("en"):
        errors = wording_errors(text)
    if bad is None:
        assert errors == []
    else:
        assert errors == [
            f"Unknown placeholder {bad}: use only {{title}}, {{due_on}}, {{days}}, {{committee}}, {{session_on}}."
        ]


def test_an_unclosed_brace_is_refused_in_arabic_too():
    with translation.override("ar"):
        (error,) = wording_errors("{title")
    assert error.startswith("قوس معقوف غير مغلق") and "{title}" in error


def test_the_filled_wording():
    assert fill("{title} — {days} — {committee}", {"title": "Lists", "days": "3"}) == "Lists — 3 — "


def test_the_form_refuses_bad_offsets_and_wording(make):
    committee = make.committee()
    with translation.override("en"):
        form = ReminderRuleForm(
            {
                "offsets": "14, x",
                "relative_to": "due",
                "subject": "{nope}",
                "body": "",
                "escalate_after_days": 7,
            },
            instance=ReminderRule(committee=committee),
        )
        assert not form.is_valid()
    assert set(form.errors) == {"offsets", "subject"}
    form = ReminderRuleForm(
        {"offsets": "3،14, 3", "relative_to": "due", "subject": "", "body": "", "escalate_after_days": 7},
        instance=ReminderRule(committee=committee),
    )
    assert form.is_valid() and form.cleaned_data["offsets"] == "14, 3"


@pytest.mark.parametrize(
    "days_left, kind",
    [
        (20, None),
        (15, None),
        (14, "before_14"),
        (4, "before_14"),
        (3, "before_3"),
        (0, "before_3"),
        (-1, None),
    ],
)
def test_which_offset_a_day_falls_in(days_left, kind):
    assert rule_kind(days_left, [14, 3], "before") == kind


# --- the page --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status",
    [("administrator", 200), ("officer", 200), ("viewer", 403), ("auditor", 403), ("low_clearance", 404)],
)
def test_who_reaches_a_committees_reminder_rule(make, request, persona, status):
    committee = make.committee(classification="internal")
    client = logged_in(request.getfixturevalue(persona))
    assert client.get(reverse("notifications:reminder_rule", args=[committee.pk])).status_code == status


def test_the_organiser_saves_the_rule_and_a_bad_placeholder_saves_nothing(make, officer):
    committee = make.committee()
    client = logged_in(officer)
    url = reverse("notifications:reminder_rule", args=[committee.pk])
    data = {
        "record-offsets": "10, 2",
        "record-relative_to": "due",
        "record-subject": "{title}: {days} days left",
        "record-body": "{committee} asks: {title} by {due_on}",
        "record-escalate_after_days": 5,
    }
    with translation.override("en"):
        refused = client.post(url, {**data, "record-body": "{secret_field}"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and not ReminderRule.objects.exists()
    assert client.post(url, data).status_code == 302
    rule = ReminderRule.objects.get(committee=committee)
    assert (rule.offset_days(), rule.escalate_after_days) == ([10, 2], 5)


# --- the matrix ------------------------------------------------------------------------------


@pytest.fixture
def world(make, django_user_model):
    """An item of a committee with the rule 14 and 3 days, escalated after 7; for every relation
    and clearance, one user, named relation-clearance."""
    person, chair = make.person("SY"), make.person("SY")
    committee = make.committee(chair=None)
    ReminderRule.objects.create(committee=committee, offsets="14, 3", subject="{title} in {days} days")
    worker = django_user_model.objects.create_user(username="worker", clearance="secret", role="officer")
    users = {}
    for relation in RELATIONS:
        for clearance in CLEARANCES:
            user = django_user_model.objects.create_user(
                username=f"{relation}-{clearance}",
                clearance=clearance,
                role="viewer",
                is_coordinator=relation == "coordinator",
            )
            users[relation, clearance] = user
            if relation == "contact":
                Contact.objects.create(user=user, person=person)
    del chair
    return {"committee": committee, "person": person, "worker": worker, "users": users}


def received(world, item, today) -> dict[tuple[str, str], set[str]]:
    got: dict[tuple[str, str], set[str]] = {}
    for reminder in reminders_due(today):
        assert reminder.record == item
        name = reminder.recipient.username
        if name != "worker":
            got.setdefault(tuple(name.split("-")), set()).add(reminder.kind)
    return got


def make_item(make, world, classification, due_on):
    item = make.action_item(
        "SY",
        committee=world["committee"],
        owner_person=world["person"],
        due_on=due_on,
        classification=classification,
    )
    users = world["users"]
    for clearance in CLEARANCES:
        # Added as they were once cleared; the check at sending time is what is tested here.
        item.assignees.add(users["assigned", clearance], world["worker"])
        item.watchers.add(users["watching", clearance])
        # Each supervisor-clearance user supervises an assignee of the item.
        helper = users["assigned", clearance]
        helper.supervisor = users["supervisor", clearance]
        helper.save(update_fields=["supervisor"])
    return item


SCENARIOS = {
    # days to the due date -> what each relation receives (when cleared for the item)
    3: {"assigned": {"before_3"}, "contact": {"before_3"}},
    -1: {"assigned": {"overdue"}, "contact": {"overdue"}, "coordinator": {"coordinator_overdue"}},
    -10: {"assigned": {"overdue"}, "contact": {"overdue"}, "supervisor": {"escalation"}},
}


@pytest.mark.parametrize("classification", CLEARANCES)
@pytest.mark.parametrize("due_in", sorted(SCENARIOS))
def test_every_reminder_reaches_exactly_the_users_entitled_to_the_item(make, world, classification, due_in):
    item = make_item(make, world, classification, days(due_in))
    expected = {
        (relation, clearance): kinds
        for relation, kinds in SCENARIOS[due_in].items()
        for clearance in CLEARANCES
        if LEVELS[clearance] >= LEVELS[classification]
    }
    assert received(world, item, TODAY) == expected


def test_an_inactive_user_and_a_supervisor_no_longer_cleared_are_not_told(make, world):
    item = make_item(make, world, "internal", days(-10))
    users = world["users"]
    users["assigned", "secret"].is_active = False
    users["assigned", "secret"].save()
    got = received(world, item, TODAY)
    assert ("assigned", "secret") not in got
    # Their supervisor is not told either: the escalation is about an active assignee.
    assert ("supervisor", "secret") not in got and got[("supervisor", "internal")] == {"escalation"}


def test_escalation_waits_for_the_committees_delay(make, world):
    item = make_item(make, world, "public", days(-7))
    assert not any("escalation" in kinds for kinds in received(world, item, TODAY).values())
    ReminderRule.objects.filter(committee=world["committee"]).update(escalate_after_days=3)
    assert received(world, item, TODAY)[("supervisor", "public")] == {"escalation"}


def test_session_relative_reminders_need_the_session_too(make, world):
    ReminderRule.objects.filter(committee=world["committee"]).update(relative_to="session", offsets="5")
    item = make_item(make, world, "public", None)
    make.session(world["committee"], held_on=days(4), classification="internal")
    got = received(world, item, TODAY)
    assert got == {
        ("assigned", "internal"): {"session_5"},
        ("assigned", "secret"): {"session_5"},
        ("contact", "internal"): {"session_5"},
        ("contact", "secret"): {"session_5"},
    }


def test_sent_once_in_the_committees_wording(make, world):
    item = make_item(make, world, "secret", days(3))
    first = reminders_send(today=TODAY, now=NOW)
    assert first.sent == 3  # the worker, the secret assignee and the secret contact
    assert reminders_send(today=TODAY, now=NOW).sent == 0
    assert reminders_send(today=days(1), now=NOW).sent == 0  # still the 3-day reminder
    titles = set(Notification.objects.values_list("title", flat=True))
    assert titles == {f"{item.title} in 3 days"}
    assert SentReminder.objects.filter(kind="before_3").count() == 3


# --- the coordinators' digest ----------------------------------------------------------------


def test_the_weekly_digest_counts_and_lists_only_what_each_coordinator_may_see(make, django_user_model):
    for clearance in ("public", "secret"):
        django_user_model.objects.create_user(
            username=f"coord-{clearance}",
            clearance=clearance,
            is_coordinator=True,
            email=f"{clearance}@example.org",
        )
    django_user_model.objects.create_user(username="plain", clearance="secret")
    make.action_item(title="Public late", due_on=days(-3), classification="public")
    make.action_item(title="Secret late", due_on=days(-5), classification="secret")
    make.action_item(title="Public open", due_on=days(9), classification="public")
    make.action_item(title="Closed", status="done", progress=100, due_on=days(-9), classification="public")
    with override_settings(TAAWUN_REMINDER_LANGUAGE="en"):
        report = digest_send(today=TODAY, now=NOW)
    assert report.sent == 2
    by_user = {n.recipient.username: n for n in Notification.objects.all()}
    assert set(by_user) == {"coord-public", "coord-secret"}
    assert by_user["coord-public"].title == "Action items this week: 2 open, 1 overdue"
    assert "Public late" in by_user["coord-public"].body and "Secret late" not in by_user["coord-public"].body
    assert by_user["coord-secret"].title == "Action items this week: 3 open, 2 overdue"
    assert by_user["coord-secret"].body.index("Secret late") < by_user["coord-secret"].body.index(
        "Public late"
    )
    # Once a week (Monday to Sunday; 1 March 2025 is a Saturday): the Sunday nothing, the Monday again.
    assert digest_send(today=days(1), now=NOW).sent == 0
    assert digest_send(today=days(2), now=NOW).sent == 2
