"""The programme page, its PDF and the delegation's order: who reaches them, what each reader
sees (never an item above their clearance), clashes, the order of precedence, and the audit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from taawun.access.policy import LEVELS, Classification
from taawun.audit.models import Action, AuditEntry
from taawun.programmes.models import DelegationPlace
from tests.accounts.test_permission_matrix import CLEARANCE, EDITORS, PERSONAS, client_for

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 4, 14)


@pytest.fixture
def visit(make):
    return make.engagement(
        "SA",
        ["SY"],
        title_ar="زيارة وفد أمني",
        title_en="Security delegation visit",
        start_date=DAY,
        end_date=DAY + dt.timedelta(days=2),
        classification="public",
    )


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reaches_the_programme_pages(persona, visit, make, django_user_model):
    client = client_for(persona, django_user_model)
    for classification in Classification.values:
        type(visit).objects.filter(pk=visit.pk).update(classification=classification)
        visible = persona != "outsider" and LEVELS[classification] <= LEVELS[CLEARANCE[persona]]
        for name in ("programmes:programme", "programmes:programme_pdf", "programmes:delegation_order"):
            response = client.get(reverse(name, args=[visit.pk]))
            if persona == "outsider":
                expected = 302
            elif not visible:
                expected = 404
            elif name == "programmes:delegation_order" and persona not in EDITORS:
                expected = 403
            else:
                expected = 200
            assert response.status_code == expected, (persona, name, classification)


@pytest.mark.parametrize("reader", ["viewer", "officer"])
def test_an_item_above_the_readers_clearance_is_in_neither_page_nor_pdf(
    reader, visit, make, django_user_model
):
    make.programme_item(
        visit, title_ar="جولة ميدانية عامة", title_en="Public field tour", classification="public"
    )
    make.programme_item(
        visit,
        title_ar="إحاطة سرية",
        title_en="Secret briefing",
        classification="secret",
        start_time=dt.time(11),
    )
    client = client_for(reader, django_user_model)
    page = client.get(reverse("programmes:programme", args=[visit.pk])).content.decode()
    text = pdf_text(client.get(reverse("programmes:programme_pdf", args=[visit.pk])))
    shown = reader == "officer"
    assert "جولة ميدانية عامة" in page and ("إحاطة سرية" in page) == shown
    assert "Public field tour" in text and ("Secret briefing" in text) == shown
    engagement_page = client.get(reverse("registry:engagement_detail", args=[visit.pk])).content.decode()
    assert reverse("programmes:programme", args=[visit.pk]) in engagement_page
    item_list = client.get(reverse("programmes:programmeitem_list")).content.decode()
    assert ("إحاطة سرية" in item_list) == shown


def test_the_pdf_is_in_both_languages_marked_with_the_highest_item_and_audited(visit, make, officer_client):
    ours = make.person("SA", name_ar="سالم العتيبي", name_en="Salem Alotaibi", rank="لواء")
    theirs = make.person("SY", name_ar="مازن الحلبي", name_en="Mazen Alhalabi")
    make.programme_item(
        visit,
        title_ar="زيارة مركز العمليات",
        title_en="Visit to the operations centre",
        kind="field_visit",
        ours=[ours],
        theirs=[theirs],
        transport="حافلة من الفندق",
        classification="restricted",
    )
    response = officer_client.get(reverse("programmes:programme_pdf", args=[visit.pk]))
    text = pdf_text(response)
    for expected in (
        "Visit to the operations centre",
        "Salem Alotaibi",
        "Mazen Alhalabi",
        "Field visit",
        "Restricted",
    ):
        assert expected in text, expected
    with translation.override("ar"):
        restricted, field_visit = str(Classification.RESTRICTED.label), gettext("Field visit")
    for expected in ("زيارة مركز العمليات", "سالم العتيبي", "حافلة من الفندق", restricted, field_visit):
        assert expected in text, expected
    entry = AuditEntry.objects.filter(action=Action.EXPORT, object_pk=str(visit.pk)).latest("seq")
    assert entry.classification == "restricted" and "programme" in entry.note


def test_clashes_are_flagged_for_a_person_in_two_items_at_once(visit, make, officer_client):
    person = make.person("SY", name_ar="خالد الشامي")
    make.programme_item(visit, title_ar="اجتماع أول", theirs=[person], end_time=dt.time(11, 0))
    make.programme_item(visit, title_ar="ورشة ثانية", theirs=[person], start_time=dt.time(10, 30))
    make.programme_item(visit, title_ar="غداء", theirs=[person], start_time=dt.time(11, 0))
    page = officer_client.get(reverse("programmes:programme", args=[visit.pk]))
    assert page.context["clash_count"] == 2
    [(_day, slots)] = page.context["days"]
    assert [bool(slot.clashes) for slot in slots] == [True, True, False]


def test_the_days_are_sections_and_items_are_in_time_order(visit, make, officer_client):
    make.programme_item(visit, title_ar="الثاني", day=DAY + dt.timedelta(days=1), start_time=dt.time(9))
    make.programme_item(visit, title_ar="المساء", start_time=dt.time(18))
    make.programme_item(visit, title_ar="الصباح", start_time=dt.time(8))
    days = officer_client.get(reverse("programmes:programme", args=[visit.pk])).context["days"]
    assert [(day, [slot.item.title_ar for slot in slots]) for day, slots in days] == [
        (DAY, ["الصباح", "المساء"]),
        (DAY + dt.timedelta(days=1), ["الثاني"]),
    ]


def test_the_delegation_is_in_rank_order_until_the_office_sets_one(visit, make, officer_client):
    colonel = make.person("SY", name_ar="عقيد", rank="عقيد")
    general = make.person("SY", name_ar="لواء", rank="لواء")
    host = make.person("SA", name_ar="مضيف")
    make.programme_item(visit, ours=[host], theirs=[colonel, general])
    url = reverse("programmes:programme", args=[visit.pk])
    delegation = officer_client.get(url).context["delegation"]
    assert [member.person for member in delegation["theirs"]] == [general, colonel]
    assert [member.person for member in delegation["ours"]] == [host]
    response = officer_client.post(
        reverse("programmes:delegation_order", args=[visit.pk]),
        {f"person_{colonel.pk}": 1, f"person_{general.pk}": 2, f"person_{host.pk}": 1},
    )
    assert response.status_code == 302
    delegation = officer_client.get(url).context["delegation"]
    assert [member.person for member in delegation["theirs"]] == [colonel, general]
    assert DelegationPlace.objects.get(engagement=visit, person=colonel).precedence == 1
    assert AuditEntry.objects.filter(action=Action.UPDATE, note__contains="precedence").exists()


def test_items_are_added_through_the_record_pages_and_audited(visit, make, officer_client):
    theirs = make.person("SY")
    response = officer_client.post(
        reverse("programmes:programmeitem_create"),
        {
            "record-engagement": visit.pk,
            "record-day": DAY.isoformat(),
            "record-start_time": "09:00",
            "record-end_time": "10:00",
            "record-title_ar": "جولة في مركز التدريب",
            "record-kind": "field_visit",
            "record-their_participants": [theirs.pk],
            "record-gifts_given": "درع تذكاري",
            "record-classification": "internal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = visit.programme_items.get()
    assert item.gifts_given == "درع تذكاري" and list(item.their_participants.all()) == [theirs]
    assert AuditEntry.objects.filter(action=Action.CREATE, model_label="programmes.programmeitem").exists()
    page = officer_client.get(reverse("programmes:programme", args=[visit.pk])).content.decode()
    assert "جولة في مركز التدريب" in page and "درع تذكاري" in page


def test_the_programme_page_reads_as_many_queries_for_many_items_as_for_few(visit, make, officer_client):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(reverse("programmes:programme", args=[visit.pk])).status_code == 200
        return len(captured)

    people = [make.person("SY") for _ in range(4)]
    make.programme_item(visit, theirs=people[:2])
    queries_for_page()  # the first request of a session reads what later ones keep
    few = queries_for_page()
    for hour in range(8, 18):
        make.programme_item(
            visit, start_time=dt.time(hour), day=DAY + dt.timedelta(days=hour % 3), theirs=people
        )
    assert queries_for_page() == few
