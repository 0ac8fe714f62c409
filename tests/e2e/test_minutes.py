"""Minutes in the browser, in Arabic (issue 21, item 3): from a committee session's page an officer
writes the minutes with a decision and two commitments (one for each side, each with its owner and
due date), approves them, finds each commitment made an action item, and sends the minutes to the
participants who use Taawun: the chair on our side receives them, in the app and by e-mail with
the PDF; a participant not cleared for the minutes receives nothing."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from playwright.sync_api import expect

from taawun.agreements.models import ActionItem
from taawun.minutes.models import Minutes
from taawun.notifications.models import Contact, Notification
from tests.e2e.conftest import pick
from tests.e2e.test_accessibility import UNLABELLED_CONTROLS


def test_an_officer_writes_approves_and_sends_the_minutes_of_a_session(
    signed_in_page, make, django_user_model
):
    page = signed_in_page
    page.set_viewport_size({"width": 1366, "height": 900})
    committee = make.committee(
        ("SA", "SY"), name_ar="اللجنة الأمنية السعودية السورية", classification="restricted"
    )
    ours = make.person("SA", name_ar="العميد فهد العتيبي", name_en="Brig. Fahd Alotaibi")
    theirs = make.person("SY", name_ar="العقيد سامر الحلبي", name_en="Col. Samer Halabi")
    session = make.session(
        committee,
        held_on=dt.date(2026, 3, 10),
        chair_ours=ours,
        chair_theirs=theirs,
        classification="restricted",
    )
    chair = django_user_model.objects.create_user(
        username="fahd",
        password="a long test password 1",
        role="viewer",
        clearance="secret",
        email="fahd@example.org",
    )
    Contact.objects.create(user=chair, person=ours)
    uncleared = django_user_model.objects.create_user(
        username="samer",
        password="a long test password 1",
        role="viewer",
        clearance="internal",
        email="samer@example.org",
    )
    Contact.objects.create(user=uncleared, person=theirs)

    page.goto(session.get_absolute_url())
    page.locator("section#minutes a.button").click()
    expect(page.locator("h1")).to_have_text("كتابة المحضر")
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    page.locator("#id_record-summary_ar").fill("عقدت اللجنة جلستها الأولى في الرياض.")

    page.locator("#id_fs0-0-kind").select_option("decision")
    page.locator("#id_fs0-0-text_ar").fill("اعتماد خطة العمل المشتركة لعام 2026")
    page.locator("#id_fs0-0-text_en").fill("The joint action plan for 2026 is adopted")
    for index, (side, person, text, due) in enumerate(
        [
            ("(SA)", "فهد العتيبي", "تنظيم دورة تدريبية في التحقيق الجنائي", "2026-05-31"),
            ("(SY)", "سامر الحلبي", "تزويد الجانب السعودي بقوائم المطلوبين", "2026-06-30"),
        ],
        start=1,
    ):
        page.locator(f"#id_fs0-{index}-kind").select_option("commitment")
        page.locator(f"#id_fs0-{index}-text_ar").fill(text)
        pick(page, f"id_fs0-{index}-owner_side", side)
        pick(page, f"id_fs0-{index}-owner_person", person)
        page.locator(f"#id_fs0-{index}-due_on").fill(due)
        page.locator(f"#id_fs0-{index}-from_decision").fill("1")
    page.locator("form.recordform button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/minutes/minutes/\d+/$"))
    minutes = Minutes.objects.get()
    expect(page.locator("h1")).to_have_text("محضر الجلسة 1")
    expect(page.locator("#minutes-status")).to_contain_text("مسودة")
    expect(page.locator("table.records tbody tr")).to_have_count(3)

    page.get_by_role("button", name="اعتماد المحضر").click()
    expect(page.locator("#minutes-status")).to_contain_text("معتمد")
    expect(page.locator("#approvals")).to_contain_text("اعتمده")
    expect(page.locator("#approvals code")).to_have_text(minutes.approvals.get().text_hash)
    assert ActionItem.objects.count() == 2
    links = page.get_by_role("link", name="بند العمل الناشئ عنه")
    expect(links).to_have_count(2)
    links.first.click()
    expect(page.locator("#minutes-origin")).to_contain_text("الالتزام 2 من")
    page.go_back()

    page.get_by_role("link", name="إرسال المحضر إلى المشاركين").click()
    recipients = page.locator("#recipients tbody tr")
    expect(recipients).to_have_count(1)
    expect(recipients).to_contain_text("fahd@example.org")
    page.get_by_role("button", name="إرسال", exact=True).click()
    expect(page).to_have_url(re.compile(r"/minutes/minutes/\d+/#sendings$"))
    expect(page.locator("#sendings tbody tr")).to_have_count(1)
    expect(page.locator("#sendings")).to_contain_text("fahd")

    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["fahd"]
    assert [message.to for message in mail.outbox] == [["fahd@example.org"]]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
