"""Reading restricted-or-higher records in bulk (API lists, search results) is audited: one entry
per request naming the records shown, classified as the highest of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.audit.services import audit_view_many
from tests.api.client import ApiClient, token_for
from tests.audit.helpers import entries
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def test_an_api_list_writes_one_view_entry_naming_its_restricted_or_higher_records(officer, make):
    shown = {level: make.engagement(classification=level) for level in ("internal", "restricted", "secret")}

    response = ApiClient(token_for(officer)).get("/api/engagements", limit=200)

    assert response.status_code == 200 and response.json()["count"] == 3
    [entry] = entries(action="view")
    assert (entry.username, entry.model_label, entry.object_pk, entry.note) == (
        "officer",
        "registry.engagement",
        "",
        "API list",
    )
    assert sorted(entry.changes["records"]["registry.engagement"]) == sorted(
        [shown["restricted"].pk, shown["secret"].pk]
    )
    assert entry.classification == "secret"


def test_an_api_list_of_public_and_internal_records_writes_no_view_entry(officer, make):
    make.engagement(classification="internal")
    make.engagement(classification="public")

    assert ApiClient(token_for(officer)).get("/api/engagements").status_code == 200

    assert entries(action="view") == []


def test_search_results_write_one_view_entry_naming_the_restricted_or_higher_records(officer, make):
    secret = make.engagement(classification="secret", title_en="Border security talks")
    confidential = make.understanding(classification="confidential", title_en="Border security memorandum")
    make.engagement(classification="internal", title_en="Border security workshop")

    response = logged_in(officer).get(reverse("search:results"), {"q": "border security"})

    assert response.status_code == 200 and len(response.context["page"].results) == 3
    [entry] = entries(action="view")
    assert (entry.model_label, entry.note, entry.classification) == ("", "search", "secret")
    assert entry.changes["records"] == {
        "registry.engagement": [secret.pk],
        "agreements.understanding": [confidential.pk],
    }


def test_an_entry_naming_several_records_is_masked_below_the_highest_of_them(
    officer, make, django_user_model
):
    from tests.audit.test_clearance import auditor_cleared, list_page, masked

    restricted = make.engagement(classification="restricted")
    secret = make.engagement(classification="secret")
    audit_view_many(records=[restricted, secret], actor=officer, note="API list")

    assert masked() in list_page(auditor_cleared(django_user_model, "confidential"), action="view")
    assert masked() not in list_page(auditor_cleared(django_user_model, "secret"), action="view")


def test_a_country_brief_export_inherits_its_partys_classification(officer, make, django_user_model):
    from taawun.registry.models import Party
    from tests.audit.test_clearance import auditor_cleared, list_page, masked

    Party.objects.filter(code="SY").update(classification="secret")

    response = logged_in(officer).get(reverse("reports:country_brief_pdf", args=["SY"]))

    assert response.status_code == 200
    [entry] = entries(action="export")
    assert (entry.model_label, entry.object_pk, entry.classification) == ("registry.party", "SY", "secret")
    page = list_page(auditor_cleared(django_user_model, "internal"), action="export")
    assert masked() in page and "country brief SY" not in page
