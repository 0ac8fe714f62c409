"""Web requests' statements are stopped by PostgreSQL past the limit, and the reader is told so."""

import pytest
from django.db import connection, connections

from taawun.core import time_limits
from tests.api.client import ApiClient, token_for
from tests.factories import make_engagement

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")

SLOW = "SELECT pg_sleep(0.5)"


@pytest.fixture
def limited():
    """The test connection limited to 50 ms a statement, and every reading of the engagements made
    slow (the session and the user are read as usual)."""

    def slow_first(execute, sql, params, many, context):
        if "registry_engagement" in sql:
            execute(SLOW, None, False, context)
        return execute(sql, params, many, context)

    time_limits.limit(connection, seconds=0.05)
    yield lambda: connection.execute_wrapper(slow_first)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")


def show_timeout(conn) -> str:
    with conn.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # autocommit, as the app runs
def test_a_page_stopped_for_time_answers_503_in_arabic(officer_client, limited):
    make_engagement()
    with limited():
        response = officer_client.get("/registry/engagement/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 503
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "استغرق" in page or "طويل" in page
    # The connection is usable afterwards: the next request is answered.
    assert officer_client.get("/registry/engagement/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_api_call_stopped_for_time_answers_503_json(viewer, limited):
    make_engagement()
    api = ApiClient(token_for(viewer), language="en")
    with limited():
        response = api.get("/api/engagements")
    assert response.status_code == 503
    assert "too long" in response.json()["detail"]


@pytest.mark.django_db
def test_app_processes_limit_every_connection_they_open(settings):
    settings.TAAWUN_STATEMENT_TIMEOUT = 7
    time_limits.limit_web_statements()
    fresh = connections.create_connection("default")
    try:
        assert show_timeout(fresh) == "7s"
    finally:
        fresh.close()
        time_limits.connection_created.disconnect(dispatch_uid="taawun-statement-timeout")
    other = connections.create_connection("default")  # a command's or a task worker's: no limit
    try:
        assert show_timeout(other) == "0"
    finally:
        other.close()


@pytest.mark.django_db
def test_other_database_errors_are_not_taken_for_the_limit():
    from django.db import OperationalError

    assert not time_limits.stopped_for_time(OperationalError("disk full"))
    assert not time_limits.stopped_for_time(ValueError("not a database error"))
