"""Action items owned by the people who use Taawun, in the browser, in Arabic (issue 21, item 5): an
officer assigns an item to a colleague; she finds it under "my items" and writes in its discussion;
the committee's reminders, run for a day three days before the due date, reach her and the owner's
user cleared for the item, and not the owner's colleague cleared below it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from taawun.notifications.models import Contact, ReminderRule
from taawun.notifications.services import reminders_send
from tests.personas import logged_in


def as_user(page, live_server, user) -> None:
    """The browser now holds the user's session (past the second factor where it applies)."""
    client = logged_in(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_an_item_assigned_to_a_user_reaches_her_list_her_thread_and_her_reminders(
    signed_in_page, live_server, make, django_user_model
):
    page = signed_in_page
    page.set_viewport_size({"width": 1366, "height": 900})
    today = timezone.localdate()
    committee = make.committee(("SA", "SY"), name_ar="اللجنة الأمنية المشتركة", classification="internal")
    ReminderRule.objects.create(
        committee=committee, offsets="14, 3", subject="تذكير: {title} بعد {days} أيام"
    )
    owner = make.person("SA", name_ar="العقيد ماجد الشهري")
    item = make.action_item(
        "SA",
        title="تبادل قوائم المطلوبين",
        committee=committee,
        owner_person=owner,
        due_on=today + dt.timedelta(days=3),
        classification="internal",
    )
    samira = django_user_model.objects.create_user(
        username="samira",
        first_name="سميرة",
        password="a long test password 1",
        role="viewer",
        clearance="internal",
    )
    cleared = django_user_model.objects.create_user(username="majed", role="viewer", clearance="internal")
    Contact.objects.create(user=cleared, person=owner)
    below = django_user_model.objects.create_user(username="hani", role="viewer", clearance="public")
    Contact.objects.create(user=below, person=owner)

    # The officer assigns the item to Samira.
    page.goto(item.get_absolute_url())
    page.locator("#people select[name=user]").select_option(label="سميرة")
    page.locator("#people button", has_text="إسناد").click()
    expect(page.locator(".messages")).to_contain_text("أُسنِد البند.")
    expect(page.locator("#people ul.people").first).to_contain_text("سميرة")

    # Samira finds it under "my items", opens it and writes in its thread.
    as_user(page, live_server, samira)
    page.goto("/")
    expect(page.locator("a.my-items-link")).to_contain_text("بنودي")
    page.locator("a.my-items-link").click()
    expect(page.locator("h1")).to_have_text("بنودي")
    page.locator("table.records a", has_text="تبادل قوائم المطلوبين").click()
    page.locator("#history textarea[name=text]").fill("أرسلنا القائمة إلى الجانب السوري.")
    page.locator("#history button", has_text="إضافة التعليق").click()
    expect(page.locator(".messages")).to_contain_text("أُضيف التعليق.")
    expect(page.locator("#history .history-comment")).to_contain_text("أرسلنا القائمة إلى الجانب السوري.")
    expect(page.locator("#history .history-assignment")).to_contain_text("أُسنِد إلى سميرة")

    # The reminders of the day: Samira and the owner's cleared user, not the one cleared below.
    reminders_send(today=today)
    for user, told in ((samira, True), (cleared, True), (below, False)):
        as_user(page, live_server, user)
        page.goto("/notifications/")
        reminder = page.locator("table.records", has_text="تذكير: تبادل قوائم المطلوبين بعد 3 أيام")
        expect(reminder).to_have_count(1 if told else 0)
