"""Programme items in the REST API: the same clearance, forms and audit as the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.audit.models import Action, AuditEntry
from taawun.programmes.models import ProgrammeItem
from tests.api.client import ApiClient, token_for

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 4, 14)


@pytest.fixture
def visit(make):
    return make.engagement(
        "SA", ["SY"], start_date=DAY, end_date=DAY + dt.timedelta(days=2), classification="public"
    )


def test_the_list_and_an_item_hold_nothing_above_the_readers_clearance(visit, make, officer, viewer):
    public = make.programme_item(visit, title_en="Public tour", classification="public")
    secret = make.programme_item(visit, title_en="Secret briefing", classification="secret")
    viewer = ApiClient(token_for(viewer))
    listed = viewer.get("/api/programme-items", engagement=visit.pk)
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["items"]] == [public.pk]
    assert viewer.get(f"/api/programme-items/{secret.pk}").status_code == 404
    officer_rows = (
        ApiClient(token_for(officer)).get("/api/programme-items", engagement=visit.pk).json()["items"]
    )
    assert {row["id"] for row in officer_rows} == {public.pk, secret.pk}


def test_an_officer_writes_an_item_validated_and_audited_as_on_the_page(visit, make, officer, viewer):
    theirs = make.person("SY")
    ours = make.person("SA")
    officer = ApiClient(token_for(officer))
    body = {
        "engagement": visit.pk,
        "day": DAY.isoformat(),
        "start_time": "09:00:00",
        "end_time": "10:00:00",
        "title_ar": "اجتماع ثنائي",
        "kind": "meeting",
        "their_participants": [theirs.pk],
        "classification": "internal",
    }
    created = officer.post("/api/programme-items", body)
    assert created.status_code == 201, created.content
    item = ProgrammeItem.objects.get(pk=created.json()["id"])
    assert list(item.their_participants.all()) == [theirs]
    assert AuditEntry.objects.filter(action=Action.CREATE, object_pk=str(item.pk)).exists()
    wrong_side = officer.post("/api/programme-items", {**body, "their_participants": [ours.pk]})
    assert wrong_side.status_code in (400, 422)
    late = officer.post("/api/programme-items", {**body, "day": (DAY + dt.timedelta(days=5)).isoformat()})
    assert late.status_code in (400, 422)
    assert ApiClient(token_for(viewer)).post("/api/programme-items", body).status_code == 403
