"""Pages name no linked record above the reader's clearance: sources, engagements, partners."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from taawun.registry.models import Party
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


def page(client, name: str, *args) -> str:
    with translation.override("en"):
        return client.get(reverse(name, args=args)).content.decode()


def test_a_source_page_leaves_out_the_engagements_the_reader_may_not_see(make, django_user_model):
    source = make.source()
    make.engagement(title_en="A secret visit", classification="secret").sources.add(source)
    make.engagement(title_en="An internal visit", classification="internal").sources.add(source)
    viewer = page(logged_in(make_user(django_user_model, "viewer")), "registry:source_detail", source.pk)
    assert "An internal visit" in viewer and "A secret visit" not in viewer


def test_an_engagement_page_and_the_timelines_leave_out_hidden_parties(make, django_user_model):
    Party.objects.filter(code="QA").update(classification="secret")
    engagement = make.engagement("SA", ["SY", "QA"], title_en="Talks", classification="internal")
    viewer = logged_in(make_user(django_user_model, "viewer"))
    for text in (
        page(viewer, "registry:engagement_detail", engagement.pk),
        page(viewer, "registry:party_detail", "SY"),
        page(viewer, "web:home"),
    ):
        assert "Talks" in text and "Syria" in text and "Qatar" not in text


def test_the_dashboard_names_no_hidden_partner(make, django_user_model):
    Party.objects.filter(code="QA").update(classification="secret")
    make.engagement("SA", ["SY", "QA"], classification="internal")
    viewer = page(logged_in(make_user(django_user_model, "viewer")), "reports:dashboard")
    officer = page(logged_in(make_user(django_user_model, "officer")), "reports:dashboard")
    assert "Syria" in viewer and "Qatar" not in viewer
    assert "Qatar" in officer


def test_the_country_brief_names_no_hidden_owner_agency_or_partner(make, django_user_model):
    from io import BytesIO

    from pypdf import PdfReader

    hidden = {"classification": "secret"}
    agency = make.agency("SY", name_en="Hidden directorate", name_ar="", **hidden)
    make.person("SY", agency=agency, name_en="Known officer", name_ar="", classification="internal")
    make.action_item(
        "SY", title="Visible task", owner_person=make.person("SY", name_en="Hidden owner", **hidden)
    )
    make.action_item("SY", title="Another task", owner_agency=agency)
    Party.objects.filter(code="QA").update(**hidden)
    make.training("QA", "SY", title_en="Hidden provider course", title_ar="", classification="internal")
    client = logged_in(make_user(django_user_model, "viewer"))
    with translation.override("en"):
        response = client.get(reverse("reports:country_brief_pdf", args=["SY"]))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Visible task" in text and "Another task" in text and "Known officer" in text
    assert "Hidden provider course" in text
    assert "Hidden owner" not in text and "Hidden directorate" not in text and "Qatar" not in text
