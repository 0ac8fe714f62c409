"""Schemathesis, in process, against every operation of the schema: with an officer's token, the
API never answers with a server error, an undocumented status or content type, or a body that
breaks its own schema.

Requests go through Django's WSGI handler (as a server would send them), inside the test's
database transaction; hypothesis keeps the number of examples small so this stays quick.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from taawun.api.endpoints import api
from tests.api.client import token_for

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 8

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.config.generation.update(max_examples=MAX_EXAMPLES, database="none")
schema.config.phases.coverage.enabled = False
schema.config.phases.examples.enabled = False


class InTestTransaction:
    """Django's WSGI application, without closing the database connection after each request
    (which would end the test's transaction), as Django's own test client does."""

    def __init__(self):
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        return self.handler(environ, start_response)


schema.app = InTestTransaction()


@pytest.fixture
def officer_token(db, django_user_model, make):
    # A few records of every kind, so that some generated ids and codes find one.
    person = make.person("SY")
    engagement = make.engagement("SA", ["SY"], participants=[(person, "head")])
    committee = make.committee(members=[person])
    make.action_item("SY", committee=committee, owner_person=person, engagement=engagement)
    make.understanding(signed_at=engagement)
    make.agency("SY")
    make.source()
    make.training()
    make.knowledge()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # No password: hashing one (Argon2) would cost more than the whole operation's test.
    officer = django_user_model.objects.create_user(username="officer", role="officer", clearance="secret")
    yield token_for(officer)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, officer_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {officer_token}", "Accept-Language": "en"}, checks=CHECKS
    )
