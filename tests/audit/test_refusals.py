"""A hidden record's 404 is answered like a missing record's; its refusal is audited after the response.

Nothing here measures time: the tests check what runs before the response is handed back (the same
statements for a hidden and for a missing record, no audit entry written yet) and that the entry
exists once the response has been closed, as the WSGI server closes it after sending it.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taawun.audit.models import AuditEntry
from tests.audit.helpers import entries
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_clearance_session(django_user_model) -> str:
    """The session cookie of a public-clearance officer (past the second factor)."""
    client = logged_in(make_user(django_user_model, "low_clearance"))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def shape(sql: str) -> str:
    """A statement with its values left out (times, keys, ids)."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def respond(session: str, path: str):
    """The response as the application hands it to the WSGI server, before the server sends and
    closes it, and the statements run to produce it."""
    handler = WSGIHandler()
    request = RequestFactory().get(path)
    request.COOKIES[settings.SESSION_COOKIE_NAME] = session
    with CaptureQueriesContext(connection) as queries:
        response = handler.get_response(request)
    return response, [query["sql"] for query in queries.captured_queries]


def close(response) -> None:
    """What the WSGI server does once the response is sent (keeping the test's database connection,
    as Django's test client does)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_a_hidden_records_refusal_is_written_once_the_response_is_closed(low_clearance_session, make):
    engagement = make.engagement(classification="secret")
    path = reverse("registry:engagement_detail", args=[engagement.pk])

    response, _statements = respond(low_clearance_session, path)

    assert response.status_code == 404
    assert entries(action="access_denied") == []  # nothing written before the response is sent
    close(response)
    [entry] = entries(action="access_denied")
    assert (entry.username, entry.model_label, entry.object_pk, entry.path, entry.note) == (
        "low_clearance",
        "registry.Engagement",
        str(engagement.pk),
        path,
        "hidden",
    )
    assert entry.classification == "secret"


def test_a_hidden_and_a_missing_record_cost_the_same_statements_before_the_response(
    low_clearance_session, make
):
    hidden = make.engagement(classification="secret")
    missing_pk = hidden.pk + 1000
    respond(low_clearance_session, reverse("web:home"))  # the session's first request stores its activity

    hidden_response, hidden_statements = respond(
        low_clearance_session, reverse("registry:engagement_detail", args=[hidden.pk])
    )
    missing_response, missing_statements = respond(
        low_clearance_session, reverse("registry:engagement_detail", args=[missing_pk])
    )

    assert (hidden_response.status_code, missing_response.status_code) == (404, 404)
    assert hidden_response.content == missing_response.content
    assert [shape(sql) for sql in hidden_statements] == [shape(sql) for sql in missing_statements]
    assert not any(AuditEntry._meta.db_table in sql for sql in hidden_statements)


def test_through_the_test_client_the_entry_exists_when_the_answer_arrives(django_user_model, make):
    engagement = make.engagement(classification="secret")
    client = logged_in(make_user(django_user_model, "low_clearance"))

    assert client.get(reverse("registry:engagement_detail", args=[engagement.pk])).status_code == 404

    assert [entry.note for entry in entries(action="access_denied")] == ["hidden"]
