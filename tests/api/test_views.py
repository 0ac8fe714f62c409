"""The pages around the API: its schema, its documentation, the API tokens page and command."""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from taawun.api.endpoints import RESOURCES
from taawun.api.models import ApiToken
from taawun.audit.models import Action, AuditEntry
from tests.api.client import ApiClient, token_for
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


# --- schema and documentation -----------------------------------------------------------------


def test_the_schema_is_served_to_token_holders_and_signed_in_users(officer, viewer_client):
    assert Client().get("/api/openapi.json").status_code == 401
    with_token = ApiClient(token_for(officer)).get("/api/openapi.json")
    assert with_token.status_code == 200
    paths = with_token.json()["paths"]
    for resource in RESOURCES:
        assert f"/api/{resource.path}" in paths
        assert f"/api/{resource.path}/{{pk}}" in paths
    assert viewer_client.get("/api/openapi.json").status_code == 200


def test_the_schema_declares_the_bearer_token(officer):
    schema = ApiClient(token_for(officer)).get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert [scheme["scheme"] for scheme in schemes.values()] == ["bearer"]


def test_the_documentation_lists_every_operation_without_anything_external(viewer_client):
    response = viewer_client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page loads something from elsewhere"
    assert "<script" not in page.replace('<script src="/static/', "")  # only our own static files
    assert "style=" not in page
    for resource in RESOURCES:
        assert f"/api/{resource.path}/{{pk}}" in page
    assert "PATCH" in page and "DELETE" in page
    assert "<code>participants</code>" in page  # the fields of a record, inline rows included


def test_the_documentation_is_in_english_for_an_english_reader(viewer_client):
    viewer_client.cookies["django_language"] = "en"
    page = viewer_client.get("/api/docs").content.decode()
    assert 'lang="en"' in page and "Engagements" in page


def test_the_documentation_asks_a_visitor_to_log_in():
    response = Client().get("/api/docs")
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_api_root_leads_to_the_documentation(viewer_client):
    response = viewer_client.get("/api/")
    assert response.status_code == 302 and response["Location"] == reverse("api:docs")


# --- the tokens page ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["administrator", "officer", "viewer", "auditor", "low_clearance"])
def test_every_user_creates_a_token_shown_once(persona, django_user_model):
    user = make_user(django_user_model, persona)
    client = logged_in(user)
    response = client.post(reverse("api:tokens"), {"name": "Reporting script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = re.search(r"tw_[A-Za-z0-9_-]{20,}", response.content.decode()).group(0)
    token = ApiToken.objects.get(user=user)
    assert token.name == "Reporting script"
    assert ApiClient(raw).get("/api/parties").status_code == 200
    assert raw not in client.get(reverse("api:tokens")).content.decode()  # never shown again
    assert AuditEntry.objects.filter(
        action=Action.CREATE, model_label="api.apitoken", username=persona
    ).exists()


def test_a_token_needs_a_name(officer_client):
    response = officer_client.post(reverse("api:tokens"), {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_token(officer, officer_client):
    raw = token_for(officer, "old script")
    token = ApiToken.objects.get(user=officer)
    response = officer_client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert ApiClient(raw).get("/api/parties").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(
        action=Action.UPDATE, model_label="api.apitoken", username="officer"
    ).exists()


def test_a_user_cannot_revoke_someone_elses_token(officer, viewer_client):
    token_for(officer)
    token = ApiToken.objects.get(user=officer)
    assert viewer_client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert viewer_client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_tokens_page_lists_only_ones_own_tokens(officer, viewer, viewer_client):
    token_for(officer, "officer's script")
    token_for(viewer, "viewer's script")
    page = viewer_client.get(reverse("api:tokens")).content.decode()
    assert "viewer&#x27;s script" in page and "officer&#x27;s script" not in page


def test_the_tokens_page_asks_a_visitor_to_log_in():
    assert Client().post(reverse("api:tokens"), {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


# --- the command --------------------------------------------------------------------------------


def test_the_command_prints_a_working_token_once(officer, capsys):
    call_command("apitoken", "create", "officer", "--name", "nightly import")
    raw = capsys.readouterr().out.strip()
    assert ApiClient(raw).get("/api/parties").status_code == 200
    assert ApiToken.objects.get(user=officer).name == "nightly import"


def test_the_command_lists_and_revokes_tokens(officer, capsys):
    raw = token_for(officer, "nightly import")
    call_command("apitoken", "list")
    listing = capsys.readouterr().out
    assert "officer" in listing and "nightly import" in listing and raw not in listing
    call_command("apitoken", "revoke", raw[:10])
    assert ApiClient(raw).get("/api/parties").status_code == 401


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("apitoken", "create", "nobody", "--name", "x")
