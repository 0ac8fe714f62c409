"""The REST API: tokens, every record type read and written, clearance, roles, errors, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from taawun.agreements.models import ActionItem
from taawun.api.endpoints import RESOURCES
from taawun.audit.models import Action, AuditEntry
from taawun.knowledge.models import KnowledgeItem
from taawun.registry.models import Engagement, Participation, Party
from tests.api.client import ApiClient, token_for

pytestmark = pytest.mark.django_db


# --- tokens -------------------------------------------------------------------------------------


def test_a_request_without_a_token_is_refused_with_json(db):
    response = ApiClient(language="en").get("/api/engagements")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_valid_token_reads_and_is_marked_as_used(api_as, make):
    make.engagement("SA", ["SY"], title_en="Border talks")
    api = api_as("officer")
    response = api.get("/api/engagements")
    assert response.status_code == 200
    assert [item["title_en"] for item in response.json()["items"]] == ["Border talks"]
    token = api_as.users["officer"].api_tokens.get()
    assert token.last_used_at is not None


def test_an_unknown_token_is_refused(db):
    response = ApiClient("tw_not-a-real-token", language="en").get("/api/engagements")
    assert response.status_code == 401


def test_a_revoked_token_is_refused(officer):
    from taawun.api.models import ApiToken
    from taawun.api.services import api_token_revoke

    raw = token_for(officer)
    api = ApiClient(raw, language="en")
    assert api.get("/api/parties").status_code == 200
    api_token_revoke(token=ApiToken.objects.get(user=officer))
    assert api.get("/api/parties").status_code == 401


def test_a_deactivated_users_token_is_refused(officer):
    api = ApiClient(token_for(officer), language="en")
    officer.is_active = False
    officer.save()
    assert api.get("/api/parties").status_code == 401


def test_only_the_hash_of_a_token_is_stored(officer):
    from taawun.api.models import ApiToken

    raw = token_for(officer)
    stored = ApiToken.objects.get(user=officer)
    assert raw not in (stored.token_hash, stored.prefix, stored.name)
    assert raw.startswith(stored.prefix)


# --- every record type --------------------------------------------------------------------------

# path -> (payload of a new record, a change, the field that shows the change)
RECORD_TYPES = {
    "parties": (
        lambda make: {
            "code": "NEWORG",
            "kind": "organisation",
            "name_ar": "منظمة جديدة",
            "name_en": "New org",
        },
        {"notes": "Met twice"},
        "notes",
    ),
    "agencies": (
        lambda make: {"party": "SY", "name_en": "Directorate of Borders"},
        {"abbreviation": "DB"},
        "abbreviation",
    ),
    "people": (lambda make: {"party": "SY", "name_en": "Sami Haddad"}, {"office": "Room 12"}, "office"),
    "sources": (lambda make: {"text": "نص خبر جديد عن زيارة"}, {"title": "Press release"}, "title"),
    "engagements": (
        lambda make: {
            "kind": "visit",
            "title_en": "Official visit",
            "host": "SA",
            "guests": ["SY"],
            "start_date": "2025-05-01",
            "participants": [{"person": make.person("SY").pk, "role": "head"}],
        },
        {"summary": "Talks on border security"},
        "summary",
    ),
    "understandings": (
        lambda make: {"title_en": "MoU on training", "parties": ["SA", "SY"]},
        {"summary": "Training and exchange"},
        "summary",
    ),
    "committees": (
        lambda make: {"name_en": "Joint committee", "parties": ["SA", "SY"]},
        {"mandate": "Follow up"},
        "mandate",
    ),
    "action-items": (
        lambda make: {"title": "Exchange contact lists", "owner_party": "SY"},
        {"progress": 50},
        "progress",
    ),
    "training-programmes": (
        lambda make: {"title_en": "Forensics course", "provider": "SA", "recipient": "SY"},
        {"trainees": 12},
        "trainees",
    ),
    "knowledge-items": (
        lambda make: {"title_en": "Share agendas early", "body": "A week ahead."},
        {"kind": "lesson"},
        "kind",
    ),
}


def key_of(path: str, body: dict):
    return body["code"] if path == "parties" else body["id"]


@pytest.mark.parametrize("path", sorted(RECORD_TYPES))
def test_each_record_type_is_created_listed_read_and_changed(path, api_as, make):
    new, change, field = RECORD_TYPES[path]
    api = api_as("officer")

    created = api.post(f"/api/{path}", new(make))
    assert created.status_code == 201, created.json()
    key = key_of(path, created.json())

    listed = api.get(f"/api/{path}", limit=200).json()
    assert key in [key_of(path, item) for item in listed["items"]]
    assert listed["count"] >= 1

    detail = api.get(f"/api/{path}/{key}")
    assert detail.status_code == 200 and detail.json() == created.json() | {
        "updated_at": detail.json()["updated_at"]
    }

    patched = api.patch(f"/api/{path}/{key}", change)
    assert patched.status_code == 200, patched.json()
    assert patched.json()[field] == change[field]
    unchanged = {k: v for k, v in created.json().items() if k not in {field, "updated_at", "display_name"}}
    assert unchanged.items() <= patched.json().items()  # PATCH keeps what it was not given

    # PUT takes every field of the record's edit form: the record as read back, changed once more.
    editable = next(r for r in RESOURCES if r.path == path).update_schema.model_fields
    whole = {name: value for name, value in patched.json().items() if name in editable}
    replaced = api.put(f"/api/{path}/{key}", whole)
    assert replaced.status_code == 200, replaced.json()
    assert replaced.json() == patched.json() | {"updated_at": replaced.json()["updated_at"]}
    if path == "parties":  # a partner's code is not edited once created
        refused = api.put(f"/api/{path}/{key}", {**whole, "code": "OTHER"})
        assert refused.status_code == 422 and set(refused.json()["errors"]) == {"code"}


def test_put_empties_the_fields_it_is_not_given(api_as, make):
    item = make.action_item("SY", description="Long text")
    response = api_as("officer").put(
        f"/api/action-items/{item.pk}",
        {
            "title": "Renamed",
            "owner_party": "SY",
            "status": "open",
            "progress": 0,
            "classification": "internal",
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["description"] == ""
    item.refresh_from_db()
    assert (item.title, item.description) == ("Renamed", "")


def test_an_engagement_carries_its_participants_guests_domains_and_forms(api_as, make):
    head, member = make.person("SY"), make.person("SY")
    engagement = make.engagement(
        "SA", ["SY", "QA"], participants=[(head, "head")], domains=["counter_terrorism"]
    )
    engagement.forms.add("training")
    api = api_as("officer")
    body = api.get(f"/api/engagements/{engagement.pk}").json()
    assert body["participants"] == [{"person": head.pk, "role": "head"}]
    assert sorted(body["guests"]) == ["QA", "SY"]
    assert body["domains"] == ["counter_terrorism"]
    assert body["forms"] == ["training"]

    changed = api.patch(
        f"/api/engagements/{engagement.pk}",
        {"participants": [{"person": head.pk, "role": "member"}, {"person": member.pk, "role": "head"}]},
    )
    assert changed.status_code == 200, changed.json()
    rows = {(p.person_id, p.role) for p in Participation.objects.filter(engagement=engagement)}
    assert rows == {(head.pk, "member"), (member.pk, "head")}

    api.patch(f"/api/engagements/{engagement.pk}", {"participants": []})
    assert not Participation.objects.filter(engagement=engagement).exists()


def test_a_patch_without_participants_leaves_them_alone(api_as, make):
    head = make.person("SY")
    engagement = make.engagement("SA", ["SY"], participants=[(head, "head")])
    api_as("officer").patch(f"/api/engagements/{engagement.pk}", {"summary": "New summary"})
    assert Participation.objects.filter(engagement=engagement, person=head).exists()


def test_a_participant_twice_is_refused_with_the_rows_position(api_as, make):
    person = make.person("SY")
    response = api_as("officer").post(
        "/api/engagements",
        {
            "kind": "visit",
            "title_en": "Visit",
            "participants": [{"person": person.pk, "role": "head"}, {"person": person.pk, "role": "member"}],
        },
    )
    assert response.status_code == 422
    assert any(key.startswith("participants") for key in response.json()["errors"])
    assert not Engagement.objects.filter(title_en="Visit").exists()


# --- lists: filters, pages, order ----------------------------------------------------------------


def test_lists_are_filtered_by_party_kind_domain_and_date(api_as, make):
    make.engagement("SA", ["SY"], title_en="With Syria", kind="visit", domains=["counter_terrorism"])
    make.engagement("SA", ["QA"], title_en="With Qatar", kind="meeting", start_date=dt.date(2024, 1, 5))
    api = api_as("officer")

    def titles(**params):
        response = api.get("/api/engagements", **params)
        assert response.status_code == 200, response.json()
        return sorted(item["title_en"] for item in response.json()["items"])

    assert titles(party="SY") == ["With Syria"]
    assert titles(kind="meeting") == ["With Qatar"]
    assert titles(domain="counter_terrorism") == ["With Syria"]
    assert titles(start_before="2024-12-31") == ["With Qatar"]
    assert titles(start_after="2025-01-01", party="QA") == []


def test_understandings_are_filtered_by_status(api_as, make):
    make.understanding(title_en="Draft one")
    make.understanding(title_en="Signed one", status="signed", signed_on=dt.date(2024, 3, 1))
    response = api_as("officer").get("/api/understandings", status="signed")
    assert [item["title_en"] for item in response.json()["items"]] == ["Signed one"]


def test_a_bad_filter_value_is_a_json_422(api_as, make):
    api = api_as("officer")
    assert api.get("/api/engagements", party="NOWHERE").status_code == 422
    response = api.get("/api/engagements", start_after="not a date")
    assert response.status_code == 422 and "start_after" in response.json()["errors"]
    assert api.get("/api/engagements", limit=0).status_code == 422


def test_pages_follow_a_stable_order_and_count_everything(api_as, make):
    for number in range(7):
        make.action_item("SY", title=f"Item {number}", due_on=dt.date(2025, 1, 1))  # same date: ties
    api = api_as("officer")
    pages = [api.get("/api/action-items", limit=3, offset=offset).json() for offset in (0, 3, 6)]
    assert {page["count"] for page in pages} == {7}
    ids = [item["id"] for page in pages for item in page["items"]]
    assert len(ids) == len(set(ids)) == 7
    assert [len(page["items"]) for page in pages] == [3, 3, 1]


# --- clearance and roles -----------------------------------------------------------------------


def test_a_record_above_the_clearance_does_not_exist(api_as, make):
    secret = make.engagement("SA", ["SY"], title_en="Hidden meeting", classification="secret")
    make.engagement("SA", ["SY"], title_en="Open meeting", classification="public")
    api = api_as("low_clearance")

    detail = api.get(f"/api/engagements/{secret.pk}")
    assert detail.status_code == 404
    assert detail.json() == {"detail": "Not found."}
    assert b"Hidden meeting" not in detail.content

    listed = api.get("/api/engagements").json()
    assert [item["title_en"] for item in listed["items"]] == ["Open meeting"]
    assert listed["count"] == 1

    assert api.patch(f"/api/engagements/{secret.pk}", {"summary": "x"}).status_code == 404
    assert api.delete(f"/api/engagements/{secret.pk}").status_code == 404
    secret.refresh_from_db()
    assert secret.summary == ""
    denied = AuditEntry.objects.filter(action=Action.ACCESS_DENIED, object_pk=str(secret.pk))
    assert denied.count() == 3
    assert all(entry.username == "low_clearance" for entry in denied)


def test_links_to_hidden_records_are_left_out(api_as, make):
    Party.objects.filter(code="QA").update(classification="secret")
    hidden_person, open_person = (
        make.person("SY", classification="secret"),
        make.person("SY", classification="public"),
    )
    engagement = make.engagement(
        "QA", ["SY"], classification="public", participants=[(hidden_person, "head"), (open_person, "member")]
    )
    engagement.guests.add(Party.objects.get(code="QA"))
    api = api_as("low_clearance")
    body = api.get(f"/api/engagements/{engagement.pk}").json()
    assert body["host"] is None
    assert body["guests"] == ["SY"]
    assert body["participants"] == [{"person": open_person.pk, "role": "member"}]

    # Changing the visible participants keeps the hidden one.
    response = api.patch(f"/api/engagements/{engagement.pk}", {"participants": []})
    assert response.status_code == 200, response.json()
    assert list(Participation.objects.filter(engagement=engagement).values_list("person", flat=True)) == [
        hidden_person.pk
    ]
    engagement.refresh_from_db()
    assert engagement.host_id == "QA"
    assert set(engagement.guests.values_list("code", flat=True)) == {"SY", "QA"}


def test_a_hidden_record_cannot_be_linked(api_as, make):
    hidden = make.person("SY", classification="secret")
    response = api_as("low_clearance").post(
        "/api/engagements",
        {
            "kind": "visit",
            "title_en": "Visit",
            "classification": "public",
            "participants": [{"person": hidden.pk}],
        },
    )
    assert response.status_code == 422
    assert "participants.0.person" in response.json()["errors"]


def test_filtering_by_a_hidden_party_answers_as_for_an_unknown_one(api_as, make):
    Party.objects.filter(code="QA").update(classification="secret")
    api = api_as("low_clearance")
    hidden = api.get("/api/engagements", party="QA")
    unknown = api.get("/api/engagements", party="ZZZ")
    assert hidden.status_code == unknown.status_code == 422
    assert hidden.json()["errors"].keys() == unknown.json()["errors"].keys()


def test_a_view_of_a_restricted_record_is_audited(api_as, make):
    engagement = make.engagement("SA", ["SY"], classification="restricted")
    api_as("officer").get(f"/api/engagements/{engagement.pk}")
    entry = AuditEntry.objects.filter(action=Action.VIEW).get()
    assert (entry.username, entry.object_pk, entry.path) == (
        "officer",
        str(engagement.pk),
        f"/api/engagements/{engagement.pk}",
    )


def test_a_viewer_reads_but_cannot_write(api_as, make):
    item = make.knowledge()
    api = api_as("viewer")
    assert api.get(f"/api/knowledge-items/{item.pk}").status_code == 200
    created = api.post("/api/knowledge-items", {"title_en": "Lesson", "body": "Text"})
    assert created.status_code == 403
    assert created["Content-Type"].startswith("application/json") and created.json()["detail"]
    assert api.patch(f"/api/knowledge-items/{item.pk}", {"body": "Changed"}).status_code == 403
    assert api.delete(f"/api/knowledge-items/{item.pk}").status_code == 403
    assert KnowledgeItem.objects.count() == 1
    assert AuditEntry.objects.filter(action=Action.ACCESS_DENIED, username="viewer").count() == 3


def test_a_record_cannot_be_classified_above_the_clearance(api_as, make):
    response = api_as("low_clearance").post(
        "/api/knowledge-items", {"title_en": "Lesson", "body": "Text", "classification": "secret"}
    )
    assert response.status_code == 422 and "classification" in response.json()["errors"]


# --- errors --------------------------------------------------------------------------------------


def test_form_rules_refuse_with_field_messages_and_save_nothing(api_as, make):
    response = api_as("officer").post(
        "/api/engagements",
        {"kind": "visit", "title_en": "Backwards", "start_date": "2025-05-02", "end_date": "2025-05-01"},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("Nothing was saved")
    assert body["errors"] == {"end_date": ["The end cannot be before the start."]}
    assert not Engagement.objects.filter(title_en="Backwards").exists()


def test_wrong_types_and_unknown_fields_are_named(api_as, make):
    response = api_as("officer").post(
        "/api/engagements", {"kind": "visit", "title_en": "x", "start_date": "soon", "colour": "red"}
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["start_date"] == ["Enter a valid date."]
    assert errors["colour"] == ["This field is not known."]


def test_a_body_that_is_not_json_is_refused(api_as):
    api = api_as("officer")
    response = api.client.post(
        "/api/parties", data="{not json", content_type="application/json", headers=api.headers
    )
    assert response.status_code == 400 and response.json()["detail"]


def test_messages_follow_accept_language(api_as, make):
    arabic = api_as("officer", language="ar").post("/api/action-items", {"owner_party": "SY"})
    english = api_as("officer", language="en").post("/api/action-items", {"owner_party": "SY"})
    assert english.json()["errors"]["title"] == ["This field is required."]
    assert arabic.json()["errors"]["title"] == ["هذا الحقل مطلوب."]


def test_an_unknown_address_under_api_is_a_json_404(api_as):
    response = api_as("officer").get("/api/no-such-thing/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


# --- deleting -----------------------------------------------------------------------------------


def test_a_record_is_deleted_with_an_audit_entry(api_as, make):
    item = make.knowledge()
    response = api_as("officer").delete(f"/api/knowledge-items/{item.pk}")
    assert response.status_code == 204
    assert not KnowledgeItem.objects.filter(pk=item.pk).exists()
    assert AuditEntry.objects.filter(
        action=Action.DELETE, object_pk=str(item.pk), username="officer"
    ).exists()


def test_a_record_in_use_is_not_deleted(api_as, make):
    committee = make.committee()
    make.action_item("SY", committee=committee)
    response = api_as("officer").delete(f"/api/committees/{committee.pk}")
    assert response.status_code == 409 and response.json()["detail"]
    assert type(committee).objects.filter(pk=committee.pk).exists()


# --- audit --------------------------------------------------------------------------------------


def test_a_create_through_the_api_is_audited_field_by_field(api_as, make):
    person = make.person("SY")
    response = api_as("officer").post(
        "/api/engagements",
        {
            "kind": "visit",
            "title_en": "Audited visit",
            "host": "SA",
            "guests": ["SY"],
            "participants": [{"person": person.pk, "role": "head"}],
        },
    )
    engagement_id = response.json()["id"]
    entry = AuditEntry.objects.get(action=Action.CREATE, model_label="registry.engagement")
    assert (entry.object_pk, entry.username, entry.path) == (
        str(engagement_id),
        "officer",
        "/api/engagements",
    )
    assert entry.changes["title_en"] == {"old": None, "new": "Audited visit"}
    assert entry.changes["guests"] == {"old": None, "new": ["SY"]}
    inline = AuditEntry.objects.get(action=Action.CREATE, model_label="registry.participation")
    assert inline.note == f"inline of registry.engagement {engagement_id}"


def test_an_update_through_the_api_records_old_and_new_values(api_as, make):
    item = make.action_item("SY", title="Old title")
    api_as("officer").patch(f"/api/action-items/{item.pk}", {"title": "New title"})
    entry = AuditEntry.objects.get(action=Action.UPDATE, model_label="agreements.actionitem")
    assert entry.changes == {"title": {"old": "Old title", "new": "New title"}}
    assert ActionItem.objects.get(pk=item.pk).title == "New title"


def test_a_status_changed_through_the_api_is_in_the_items_update_log(api_as, make):
    # The API saves an action item with the record type's own service, as its edit page does.
    item = make.action_item("SY", status="open", progress=0)
    response = api_as("officer").patch(
        f"/api/action-items/{item.pk}", {"status": "in_progress", "progress": 40}
    )
    assert response.status_code == 200, response.json()
    (update,) = item.updates.all()
    assert (update.old_status, update.new_status, update.old_progress, update.new_progress) == (
        "open",
        "in_progress",
        0,
        40,
    )


def test_a_token_needs_no_csrf_token(officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/knowledge-items",
        data='{"title_en": "Lesson", "body": "Text"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(officer)}"},
    )
    assert response.status_code == 201


def test_a_list_counts_what_the_token_holder_may_see_filtered_or_not(api_as, make):
    make.engagement("SA", ["SY"], classification="public")
    make.engagement("SA", ["QA"], classification="secret")
    assert api_as("officer").get("/api/engagements").json()["count"] == 2
    assert api_as("officer").get("/api/engagements?party=QA").json()["count"] == 1
    assert api_as("viewer").get("/api/engagements").json()["count"] == 1
