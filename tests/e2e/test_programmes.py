"""A visit's programme planned in the browser, in Arabic (issue 21, item 1): from the engagement's
page an officer opens the programme, adds items over the visit's three days (a meeting with the
guest delegation, a field visit, a workshop) choosing people and the responsible officer with the
pickers, sees them in the programme by day and the delegation list in rank order, and finds the
bilingual PDF to print."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from taawun.programmes.models import ProgrammeItem
from tests.e2e.conftest import pick
from tests.e2e.test_accessibility import UNLABELLED_CONTROLS

FIRST = dt.date(2026, 4, 14)


def add_item(
    page, visit, *, day: dt.date, start: str, end: str, title: str, kind: str, place: str, people=()
):
    page.goto(f"/programmes/engagement/{visit.pk}/")
    page.get_by_role("link", name="إضافة بند إلى البرنامج").click()
    expect(page.locator("h1")).to_contain_text("بند البرنامج")
    page.locator("#id_record-day").fill(day.isoformat())
    page.locator("#id_record-start_time").fill(start)
    page.locator("#id_record-end_time").fill(end)
    page.locator("#id_record-title_ar").fill(title)
    page.locator("#id_record-kind").select_option(kind)
    page.locator("#id_record-place").fill(place)
    for field, typed in people:
        pick(page, field, typed)
    pick(page, "id_record-responsible_officer", "Officer")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()


def test_an_officer_plans_a_three_day_visit_in_arabic(signed_in_page, make):
    page = signed_in_page
    page.set_viewport_size({"width": 1366, "height": 900})
    visit = make.engagement(
        "SA",
        ["SY"],
        title_ar="زيارة وفد أمني سوري إلى الرياض",
        start_date=FIRST,
        end_date=FIRST + dt.timedelta(days=2),
        classification="internal",
    )
    make.person("SA", name_ar="اللواء ناصر القحطاني", rank="لواء")
    make.person("SY", name_ar="العقيد سامر الحلبي", rank="عقيد")
    make.person("SY", name_ar="اللواء مازن الشامي", rank="لواء")

    page.goto(visit.get_absolute_url())
    page.get_by_role("link", name="فتح البرنامج").click()
    expect(page.locator("h1")).to_contain_text("البرنامج")
    expect(page.locator("main")).to_contain_text("لا بنود مسجلة في البرنامج.")

    add_item(
        page,
        visit,
        day=FIRST,
        start="09:00",
        end="10:30",
        title="اجتماع مع رئيس الوفد",
        kind="meeting",
        place="مقر الوزارة",
        people=[
            ("id_record-our_participants", "ناصر القحطاني"),
            ("id_record-their_participants", "سامر الحلبي"),
            ("id_record-their_participants", "مازن الشامي"),
        ],
    )
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    add_item(
        page,
        visit,
        day=FIRST + dt.timedelta(days=1),
        start="10:00",
        end="13:00",
        title="جولة ميدانية في مركز العمليات",
        kind="field_visit",
        place="مركز العمليات",
        people=[("id_record-their_participants", "سامر الحلبي")],
    )
    add_item(
        page,
        visit,
        day=FIRST + dt.timedelta(days=2),
        start="11:00",
        end="12:30",
        title="ورشة عمل مكافحة الجرائم الإلكترونية",
        kind="workshop",
        place="قاعة التدريب",
    )

    assert ProgrammeItem.objects.filter(engagement=visit).count() == 3
    page.goto(f"/programmes/engagement/{visit.pk}/")
    days = page.locator("section.programme-day")
    expect(days).to_have_count(3)
    expect(days.nth(0)).to_contain_text("اجتماع مع رئيس الوفد")
    expect(days.nth(1)).to_contain_text("جولة ميدانية في مركز العمليات")
    expect(days.nth(2)).to_contain_text("ورشة عمل مكافحة الجرائم الإلكترونية")
    expect(days.nth(0)).to_contain_text("09:00")
    # Their side in rank order: the major general before the colonel.
    theirs = page.locator("#delegation-h + .grid2 > div").nth(1)
    expect(theirs.locator("tbody tr").nth(0)).to_contain_text("مازن الشامي")
    expect(theirs.locator("tbody tr").nth(1)).to_contain_text("سامر الحلبي")
    with page.expect_response(re.compile(r"/programmes/engagement/\d+/pdf/")) as printed:
        page.evaluate("url => fetch(url)", f"/programmes/engagement/{visit.pk}/pdf/")
    assert printed.value.ok and printed.value.headers["content-type"] == "application/pdf"
