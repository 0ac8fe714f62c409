"""Which reminders go to whom, on a fixed day: due soon, overdue, to the chair, expiry warnings;
never above the recipient's clearance, never twice; by e-mail and in the application."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from taawun.audit.models import AuditEntry
from taawun.notifications.models import Contact, Notification, SentReminder
from taawun.notifications.selectors import reminders_due
from taawun.notifications.services import reminders_send
from taawun.notifications.tasks import send_reminders

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 1)
NOW = timezone.make_aware(dt.datetime(2025, 3, 1, 6, 0))


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def owner(make, django_user_model):
    """A user who is the Syrian liaison officer owning action items, cleared for internal records."""
    user = django_user_model.objects.create_user(
        username="liaison", email="liaison@example.org", role="viewer", clearance="internal"
    )
    person = make.person("SY", name_en="Liaison officer")
    Contact.objects.create(user=user, person=person)
    user.person = person
    return user


def kinds(today=TODAY) -> list[tuple[str, str, str]]:
    return [(r.kind, r.recipient.username, r.record.title) for r in reminders_due(today)]


# --- what is chosen ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_in", "kind"),
    [
        (8, None),
        (7, "due_7"),
        (2, "due_7"),
        (1, "due_1"),
        (0, "due_1"),
        (-1, "overdue"),
        (-29, "overdue"),
        (-30, "overdue_30"),
        (-90, "overdue_30"),
        (-91, "overdue_90"),
    ],
)
def test_the_owner_is_reminded_before_the_due_date_and_when_it_is_past(make, owner, due_in, kind):
    make.action_item("SY", title="Send the lists", owner_person=owner.person, due_on=days(due_in))
    expected = [(kind, "liaison", "Send the lists")] if kind else []
    assert kinds() == expected


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_nothing_is_sent_for_a_done_or_cancelled_item(make, owner, status):
    progress = 100 if status == "done" else 0
    make.action_item("SY", owner_person=owner.person, due_on=days(-3), status=status, progress=progress)
    make.action_item("SY", owner_person=owner.person, due_on=days(3), status=status, progress=progress)
    assert kinds() == []


@pytest.mark.parametrize("status", ["open", "in_progress", "blocked"])
def test_open_in_progress_and_blocked_items_are_reminded(make, owner, status):
    make.action_item("SY", owner_person=owner.person, due_on=days(3), status=status)
    assert len(kinds()) == 1


def test_nothing_is_sent_about_an_item_above_the_owners_clearance(make, owner):
    make.action_item(
        "SY", title="Secret task", owner_person=owner.person, due_on=days(-3), classification="secret"
    )
    make.action_item(
        "SY", title="Restricted task", owner_person=owner.person, due_on=days(3), classification="restricted"
    )
    assert kinds() == []
    reminders_send(today=TODAY, now=NOW)
    assert mail.outbox == [] and not Notification.objects.exists()


def test_an_item_without_a_due_date_is_never_reminded(make, owner):
    make.action_item("SY", owner_person=owner.person)
    assert kinds() == []


def test_an_inactive_user_is_not_reminded(make, owner):
    owner.is_active = False
    owner.save()
    make.action_item("SY", owner_person=owner.person, due_on=days(1))
    assert kinds() == []


def test_the_users_of_the_owner_agency_are_reminded_when_no_person_owns_the_item(make, django_user_model):
    agency = make.agency("SY")
    user = django_user_model.objects.create_user(
        username="desk", email="desk@example.org", clearance="internal"
    )
    Contact.objects.create(user=user, agency=agency)
    make.action_item("SY", title="Agency task", owner_agency=agency, due_on=days(5))
    assert kinds() == [("due_7", "desk", "Agency task")]


def test_the_chair_is_told_about_overdue_items_only(make, owner, django_user_model):
    chair_person = make.person("SA", name_en="Chair")
    chair = django_user_model.objects.create_user(
        username="chair", email="chair@example.org", clearance="secret"
    )
    Contact.objects.create(user=chair, person=chair_person)
    committee = make.committee(chair=chair_person)
    make.action_item("SY", title="Late", committee=committee, owner_person=owner.person, due_on=days(-45))
    make.action_item("SY", title="Soon", committee=committee, owner_person=owner.person, due_on=days(3))
    assert sorted(kinds()) == [
        ("chair_overdue_30", "chair", "Late"),
        ("due_7", "liaison", "Soon"),
        ("overdue_30", "liaison", "Late"),
    ]


def test_the_chair_is_not_told_about_an_item_above_the_chairs_clearance(make, owner, django_user_model):
    chair_person = make.person("SA")
    chair = django_user_model.objects.create_user(username="chair", clearance="public")
    Contact.objects.create(user=chair, person=chair_person)
    committee = make.committee(chair=chair_person)
    make.action_item("SY", title="Late", committee=committee, owner_person=owner.person, due_on=days(-5))
    assert kinds() == [("overdue", "liaison", "Late")]


def test_a_chair_who_owns_the_item_is_told_once(make, owner):
    committee = make.committee(chair=owner.person)
    make.action_item("SY", committee=committee, owner_person=owner.person, due_on=days(-5))
    assert [kind for kind, _user, _title in kinds()] == ["overdue"]


def test_officers_are_warned_of_understandings_expiring_within_their_clearance(make, officer, low_clearance):
    signed = {"status": "in_force", "signed_on": dt.date(2020, 1, 1)}
    make.understanding(title_en="Expiring internal", expires_on=days(45), **signed)
    make.understanding(title_en="Expiring public", expires_on=days(5), classification="public", **signed)
    with translation.override("en"):
        found = sorted(kinds())
    assert found == [
        ("expiry_60", "officer", "Expiring internal"),
        ("expiry_7", "low_clearance", "Expiring public"),
        ("expiry_7", "officer", "Expiring public"),
    ]


def test_viewers_are_not_warned_of_expiring_understandings(make, viewer):
    make.understanding(status="in_force", signed_on=dt.date(2020, 1, 1), expires_on=days(5))
    assert kinds() == []


# --- never twice ---------------------------------------------------------------------------


def test_a_second_run_on_the_same_day_sends_nothing(make, owner):
    make.action_item("SY", owner_person=owner.person, due_on=days(3))
    assert reminders_send(today=TODAY, now=NOW).sent == 1
    assert reminders_send(today=TODAY, now=NOW).sent == 0
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_a_reminder_of_the_same_band_is_not_sent_again_the_next_days(make, owner):
    make.action_item("SY", owner_person=owner.person, due_on=days(6))
    sent = [reminders_send(today=days(n), now=NOW).sent for n in range(6)]
    # 6 to 2 days ahead: the 7-day reminder once; then 1 day ahead: the 1-day reminder once.
    assert sent == [1, 0, 0, 0, 0, 1]


def test_a_new_due_date_brings_new_reminders(make, owner):
    item = make.action_item("SY", owner_person=owner.person, due_on=days(3))
    reminders_send(today=TODAY, now=NOW)
    item.due_on = days(5)
    item.save()
    assert reminders_send(today=TODAY, now=NOW).sent == 1


def test_every_sent_reminder_is_recorded_and_audited(make, owner):
    item = make.action_item("SY", owner_person=owner.person, due_on=days(-2))
    reminders_send(today=TODAY, now=NOW)
    (sent,) = SentReminder.objects.all()
    assert (sent.kind, sent.recipient, sent.target_pk, sent.about) == (
        "overdue",
        owner,
        str(item.pk),
        days(-2),
    )
    assert AuditEntry.objects.filter(
        model_label="notifications.sentreminder", object_pk=str(sent.pk)
    ).exists()


# --- what is sent --------------------------------------------------------------------------


def test_the_owner_gets_an_email_and_a_notification_with_a_link(make, owner, settings):
    settings.TAAWUN_BASE_URL = "https://taawun.example"
    settings.TAAWUN_REMINDER_LANGUAGE = "en"
    item = make.action_item("SY", title="Send the lists", owner_person=owner.person, due_on=days(3))
    report = reminders_send(today=TODAY, now=NOW)
    assert (report.sent, report.emailed) == (1, 1)
    (message,) = mail.outbox
    assert message.to == ["liaison@example.org"]
    assert message.subject == "Action item due in 3 days"
    assert "“Send the lists” is due on" in message.body
    assert f"https://taawun.example/agreements/actionitem/{item.pk}/" in message.body
    (notification,) = Notification.objects.filter(recipient=owner)
    assert (notification.title, notification.url) == (
        "Action item due in 3 days",
        f"/agreements/actionitem/{item.pk}/",
    )
    assert notification.read_at is None


def test_reminders_are_written_in_arabic_by_default(make, owner):
    make.action_item("SY", owner_person=owner.person, due_on=days(-2))
    reminders_send(today=TODAY, now=NOW)
    # The dates at least are Arabic whatever the state of the translation catalogue.
    assert "27 فبراير، 2025" in Notification.objects.get().body


def test_a_user_without_an_address_gets_the_notification_only(make, owner):
    owner.email = ""
    owner.save()
    make.action_item("SY", owner_person=owner.person, due_on=days(3))
    report = reminders_send(today=TODAY, now=NOW)
    assert (report.sent, report.emailed, len(mail.outbox)) == (1, 0, 0)
    assert Notification.objects.filter(recipient=owner).exists()


def test_a_failing_mail_server_keeps_the_notification_and_does_not_resend(make, owner):
    make.action_item("SY", owner_person=owner.person, due_on=days(3))
    with mock.patch("taawun.notifications.services.send_mail", side_effect=OSError("unreachable")):
        report = reminders_send(today=TODAY, now=NOW)
    assert (report.sent, report.email_failures) == (1, 1)
    assert reminders_send(today=TODAY, now=NOW).sent == 0


def test_a_chair_reminder_names_only_the_item(make, owner, django_user_model, settings):
    settings.TAAWUN_REMINDER_LANGUAGE = "en"
    chair_person = make.person("SA")
    chair = django_user_model.objects.create_user(
        username="chair", email="chair@example.org", clearance="secret"
    )
    Contact.objects.create(user=chair, person=chair_person)
    committee = make.committee(chair=chair_person, name_en="Secret committee", classification="secret")
    make.action_item("SY", title="Late", committee=committee, owner_person=owner.person, due_on=days(-3))
    reminders_send(today=TODAY, now=NOW)
    to_chair = next(m for m in mail.outbox if m.to == ["chair@example.org"])
    assert "Late" in to_chair.body and "Secret committee" not in to_chair.body + to_chair.subject


# --- the command and the periodic task -----------------------------------------------------


def test_the_remind_command_sends_for_the_given_date(make, owner):
    make.action_item("SY", owner_person=owner.person, due_on=days(1))
    out = StringIO()
    call_command("remind", "--date", TODAY.isoformat(), stdout=out)
    assert len(mail.outbox) == 1 and "1" in out.getvalue()


def test_the_remind_command_refuses_a_malformed_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("remind", "--date", "01/03/2025")


def test_the_periodic_task_sends_what_is_due_today(make, owner):
    make.action_item("SY", owner_person=owner.person, due_on=days(1))
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        result = send_reminders.call()
    assert result["sent"] == 1 and len(mail.outbox) == 1


def test_the_task_is_registered_as_a_daily_periodic_job():
    from taawun.core.periodic import registered_jobs

    jobs = {job.task_path: job.every for job in registered_jobs()}
    assert jobs["taawun.notifications.tasks.send_reminders"] == dt.timedelta(days=1)
