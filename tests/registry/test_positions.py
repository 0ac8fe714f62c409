"""A person's posts (who holds a post now), their contact details and their page (issue 19, item 4)."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps

from taawun.registry import selectors, services
from taawun.registry.models import Person, Position
from tests.factories import validation_errors
from tests.pages import text, url

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def post(person, title_ar="وزير الداخلية", **fields) -> Position:
    return Position.objects.create(person=person, title_ar=title_ar, **fields)


# --- the model ----------------------------------------------------------------------------------


def test_a_post_cannot_end_before_it_starts(make):
    person = make.person("SY")
    wrong = Position(
        person=person, title_ar="وزير", start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 4, 30)
    )
    assert set(validation_errors(wrong)) == {"end_date"}
    right = Position(
        person=person, title_ar="وزير", start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 1)
    )
    assert validation_errors(right) == {}


def test_a_post_needs_a_title_and_an_agency_of_the_persons_party(make):
    person = make.person("SY")
    assert set(validation_errors(Position(person=person))) == {"title_ar"}
    elsewhere = Position(person=person, title_en="Minister", agency=make.agency("QA"))
    assert set(validation_errors(elsewhere)) == {"agency"}
    assert validation_errors(Position(person=person, title_en="Minister", agency=make.agency("SY"))) == {}


def test_current_means_started_and_not_yet_ended(make):
    person = make.person("SY")
    assert Position(person=person, title_ar="x").is_current(TODAY)
    assert Position(person=person, title_ar="x", end_date=TODAY).is_current(TODAY)  # the last day in it
    assert Position(person=person, title_ar="x", end_date=TODAY + DAY).is_current(TODAY)
    assert not Position(person=person, title_ar="x", end_date=TODAY - DAY).is_current(TODAY)
    assert not Position(person=person, title_ar="x", start_date=TODAY + DAY).is_current(TODAY)


def test_contact_details_are_checked_and_never_classified_below_the_person(make):
    person = make.person("SY", classification="restricted")
    person.phone, person.contact_classification = "+963 11 ٢٢٣ ٤٥٦٧", "internal"
    assert set(validation_errors(person)) == {"contact_classification"}
    person.contact_classification = "confidential"
    assert validation_errors(person) == {}
    assert person.phone == "+963 11 223 4567"  # Arabic-Indic digits written as Western ones
    person.phone = "call the office"
    assert set(validation_errors(person)) == {"phone"}
    person.phone, person.email = "", "not an address"
    assert set(validation_errors(person)) == {"email"}
    # Without contact details there is nothing to protect: the level follows the person's.
    bare = make.person("SY", classification="restricted")
    bare.contact_classification = "public"
    assert validation_errors(bare) == {}
    assert bare.contact_classification == "restricted"


# --- Person.position follows the posts ------------------------------------------------------------


def test_the_position_shown_is_the_posts_held_now(make):
    person = make.person("SY", position="نص قديم")
    assert services.person_position_sync(person) is False  # no post recorded: the text is kept
    post(person, "وزير الداخلية", start_date=dt.date(2019, 1, 1), end_date=TODAY - DAY)
    post(person, "نائب رئيس مجلس الوزراء", start_date=dt.date(2023, 6, 1))
    post(person, title_ar="", title_en="Head of the security committee", start_date=dt.date(2024, 1, 1))
    assert services.person_position_sync(person) is True
    person.refresh_from_db()
    assert person.position == "Head of the security committee · نائب رئيس مجلس الوزراء"
    person.positions.update(end_date=TODAY - DAY)
    services.person_position_sync(person)
    person.refresh_from_db()
    assert person.position == ""


def test_a_free_text_position_becomes_a_post(make):
    person = make.person("SY", position="مدير إدارة مكافحة المخدرات")
    made = services.position_from_text(person)
    assert (made.title_ar, made.title_en, made.start_date, made.end_date) == (
        "مدير إدارة مكافحة المخدرات",
        "",
        None,
        None,
    )
    assert services.position_from_text(person) is None  # once


def test_the_data_migration_makes_one_current_post_of_each_position(make):
    migration = importlib.import_module("taawun.registry.migrations.0008_posts_from_person_position")
    arabic = make.person("SY", position="وزير الداخلية", classification="restricted")
    english = make.person("SY", position="Director of Narcotics")
    empty = make.person("SY", position="")
    already = make.person("SY", position="وزير")
    post(already, "وزير العدل")
    migration.posts_from_positions(apps, None)
    assert list(arabic.positions.values_list("title_ar", "title_en", "start_date", "end_date")) == [
        ("وزير الداخلية", "", None, None)
    ]
    assert list(english.positions.values_list("title_ar", "title_en")) == [("", "Director of Narcotics")]
    assert not empty.positions.exists()
    assert list(already.positions.values_list("title_ar", flat=True)) == ["وزير العدل"]
    arabic.refresh_from_db()
    assert arabic.contact_classification == "restricted"


def test_people_holding_a_post_come_first(make):
    former = make.person("SY", name_ar="أ")
    post(former, end_date=TODAY - DAY)
    nothing = make.person("SY", name_ar="ب")
    holder = make.person("SY", name_ar="ي")
    post(holder)
    for person in (former, nothing, holder):
        services.person_position_sync(person)
    ordered = list(selectors.current_first(Person.objects.filter(party="SY")))
    assert ordered == [holder, former, nothing]
    assert [p.holds_post for p in ordered] == [True, False, False]
    marked = selectors.with_posts(ordered)
    assert [(p.former, bool(p.current_posts)) for p in marked] == [
        (False, True),
        (True, False),
        (False, False),
    ]
    assert marked[1].last_post.end_date == TODAY - DAY


def test_holding_a_post_and_seniority_are_kept_on_every_save(make):
    colonel = make.person("SY", rank="عقيد", position="مدير إدارة الهجرة")
    general = make.person("SY", rank="لواء")
    assert (colonel.holds_post, general.holds_post) == (True, False)
    assert general.seniority < colonel.seniority < make.person("SY").seniority
    colonel.position = ""
    colonel.save(update_fields=["position"])
    colonel.refresh_from_db()
    assert colonel.holds_post is False


def test_the_periodic_job_follows_the_posts_that_began_or_ended_with_the_date(make):
    from taawun.core.periodic import registered_jobs
    from taawun.registry.tasks import refresh_positions

    leaving = make.person("SY")
    post(leaving, "وزير الداخلية", end_date=TODAY + DAY)
    coming = make.person("SY")
    post(coming, "وزير الداخلية", start_date=TODAY + DAY)
    for person in (leaving, coming):
        services.person_position_sync(person)
    assert services.positions_refresh(TODAY) == 0  # nothing began or ended yet
    assert services.positions_refresh(TODAY + 2 * DAY) == 2
    leaving.refresh_from_db()
    coming.refresh_from_db()
    assert (leaving.position, leaving.holds_post) == ("", False)
    assert (coming.position, coming.holds_post) == ("وزير الداخلية", True)
    assert refresh_positions.call() == 0
    assert ("taawun.registry.tasks.refresh_positions", 3600) in [
        (job.task_path, int(job.every.total_seconds())) for job in registered_jobs()
    ]


# --- the person's page ----------------------------------------------------------------------------


@pytest.fixture
def minister(make):
    person = make.person(
        "SY",
        name_ar="سامر الحلبي",
        classification="public",
        phone="+963 11 555 0101",
        email="office@moi.example",
        office="مبنى الوزارة، الطابق الثالث",
        contact_classification="confidential",
    )
    post(person, "معاون وزير الداخلية", start_date=dt.date(2018, 2, 1), end_date=dt.date(2022, 8, 31))
    post(person, "وزير الداخلية", start_date=dt.date(2022, 9, 1))
    services.person_position_sync(person)
    open_ = make.engagement(
        title_ar="اجتماع أمني علني", classification="public", start_date=dt.date(2024, 1, 1)
    )
    hidden = make.engagement(
        title_ar="اجتماع سري للغاية", classification="secret", start_date=dt.date(2024, 2, 1)
    )
    for engagement in (open_, hidden):
        engagement.participations.create(person=person, role="head")
    make.action_item("SY", title="تسليم قائمة المطلوبين", owner_person=person, due_on=TODAY - 10 * DAY)
    make.action_item("SY", title="التزام سري", owner_person=person, classification="secret")
    committee = make.committee(name_ar="اللجنة الأمنية المشتركة", classification="public")
    committee.members.add(person)
    return person


def test_an_officer_sees_posts_contact_details_engagements_commitments_and_committees(
    officer_client, minister
):
    page = text(officer_client.get(url("registry:person_detail", minister.pk)))
    assert page.index("وزير الداخلية") < page.index("معاون وزير الداخلية")  # the post held now first
    assert "office@moi.example" in page and "+963 11 555 0101" in page
    assert "اجتماع سري للغاية" in page and "اجتماع أمني علني" in page
    assert page.index("تسليم قائمة المطلوبين") < page.index("التزام سري")  # overdue first, undated last
    assert "اللجنة الأمنية المشتركة" in page
    assert "١٤٤٤" in page or "1444" in page  # the start of the post held now in the Hijri calendar too


def test_a_lower_clearance_reader_sees_neither_contact_details_nor_hidden_records(low_clearance, minister):
    from tests.personas import logged_in

    page = text(logged_in(low_clearance).get(url("registry:person_detail", minister.pk)))
    assert "وزير الداخلية" in page and "اجتماع أمني علني" in page and "اللجنة الأمنية المشتركة" in page
    assert "office@moi.example" not in page and "555 0101" not in page and "الطابق الثالث" not in page
    assert "اجتماع سري للغاية" not in page and "التزام سري" not in page


def test_an_editor_not_cleared_for_the_contact_details_leaves_them_as_they_are(low_clearance, minister):
    from tests.personas import logged_in

    client = logged_in(low_clearance)
    form = text(client.get(url("registry:person_update", minister.pk)))
    assert "office@moi.example" not in form
    data = {
        "record-name_ar": "سامر الحلبي",
        "record-party": "SY",
        "record-classification": "public",
        "fs0-TOTAL_FORMS": "0",
        "fs0-INITIAL_FORMS": "0",
        "fs0-MIN_NUM_FORMS": "0",
        "fs0-MAX_NUM_FORMS": "1000",
        "record-phone": "000",
    }
    assert client.post(url("registry:person_update", minister.pk), data).status_code == 302
    minister.refresh_from_db()
    assert (minister.phone, minister.contact_classification) == ("+963 11 555 0101", "confidential")


def test_the_engagement_list_filters_by_participant(officer_client, minister, make):
    other = make.engagement(title_ar="زيارة بلا الوزير", classification="public")
    page = text(officer_client.get(url("registry:engagement_list"), {"person": minister.pk}))
    assert "اجتماع أمني علني" in page and other.title_ar not in page


def test_the_action_item_list_filters_by_owner_as_the_person_page_links(officer_client, minister, make):
    from taawun.agreements.records import PERSON_COMMITMENTS

    for n in range(PERSON_COMMITMENTS):
        make.action_item("SY", title=f"بند {n}", owner_person=minister)
    make.action_item("SY", title="بند لشخص آخر")
    page = text(officer_client.get(url("registry:person_detail", minister.pk)))
    link = re.search(r'href="([^"]*\?owner_person=\d+)"', page)
    assert link
    listed = officer_client.get(link[1].replace("&amp;", "&"))
    # Every item the person owns (the secret one too: the officer is cleared for it), no one else's.
    assert listed.context["paginator"].count == PERSON_COMMITMENTS + 2
    assert "بند لشخص آخر" not in text(listed)
    # The filter names the person chosen and finds others as typed: it does not list everyone.
    select = re.search(r'<select name="owner_person".*?</select>', listed.content.decode(), re.S)[0]
    assert 'data-picker="search"' in select and select.count("<option") == 2  # "---------" and the minister


def test_merged_people_keep_every_post_and_the_position_shown_follows(make, officer):
    from taawun.registry.merging import merge_people

    kept = make.person("SY", name_ar="أنس خطاب", position="")
    other = make.person(
        "SY", name_ar="أنس حسن خطاب", phone="+963 11 000 1111", contact_classification="internal"
    )
    post(
        kept, "رئيس جهاز الاستخبارات العامة", start_date=dt.date(2024, 12, 26), end_date=dt.date(2025, 3, 28)
    )
    post(other, "وزير الداخلية", start_date=dt.date(2025, 3, 29))
    merge_people(survivor=kept, merged=[other], choices={}, actor=officer)
    kept.refresh_from_db()
    assert kept.positions.count() == 2 and kept.position == "وزير الداخلية"


def test_an_audit_entry_showing_contact_details_is_classified_as_they_are(officer, make):
    from taawun.audit.models import AuditEntry
    from taawun.registry.forms import PersonForm

    person = make.person("SY", classification="internal")
    data = {
        "name_ar": person.name_ar,
        "party": "SY",
        "classification": "internal",
        "phone": "+963 11 555 0199",
        "contact_classification": "secret",
    }
    form = PersonForm(data=data, instance=person, user=officer)
    assert form.is_valid(), form.errors
    services.person_save(form=form, actor=officer)
    entry = AuditEntry.objects.filter(object_pk=str(person.pk), action="update").latest("pk")
    assert "phone" in entry.changes and entry.classification == "secret"
    # A change that shows no contact detail stays at the person's level.
    other = make.person("SY", classification="internal")
    form = PersonForm(data={**data, "name_ar": "اسم آخر", "phone": ""}, instance=other, user=officer)
    assert form.is_valid(), form.errors
    services.person_save(form=form, actor=officer)
    entry = AuditEntry.objects.filter(object_pk=str(other.pk), action="update").latest("pk")
    assert entry.classification == "internal"


def test_the_position_shown_is_found_by_search_once_it_follows_the_posts(make, officer):
    from tests.search.helpers import found

    person = make.person("SY", name_ar="سالم العلي")
    post(person, "رئيس هيئة المنافذ الحدودية")
    assert person not in found(officer, "المنافذ")
    services.person_position_sync(person)
    assert person in found(officer, "المنافذ")


def test_a_person_sent_without_the_posts_keeps_them(officer_client, minister):
    data = {"record-name_ar": "سامر الحلبي", "record-party": "SY", "record-classification": "public"}
    response = officer_client.post(url("registry:person_update", minister.pk), data)
    assert response.status_code == 302
    assert minister.positions.count() == 2
    minister.refresh_from_db()
    assert minister.position == "وزير الداخلية"


def test_the_person_list_filters_those_holding_a_post_now(officer_client, make):
    holder = make.person("SY", name_ar="شاغل المنصب", position="وزير الداخلية")
    former = make.person("SY", name_ar="الوزير السابق")
    post(former, end_date=TODAY - DAY)
    services.person_position_sync(former)
    holding = text(officer_client.get(url("registry:person_list"), {"holds_post": "true"}))
    not_holding = text(officer_client.get(url("registry:person_list"), {"holds_post": "false"}))
    assert holder.name_ar in holding and former.name_ar not in holding
    assert former.name_ar in not_holding and holder.name_ar not in not_holding
