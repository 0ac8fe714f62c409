"""The daily job that keeps the query planner's statistics current."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from taawun.core.periodic import registered_jobs
from taawun.core.tasks import analyze_database

pytestmark = pytest.mark.django_db


def test_the_statistics_job_runs_daily():
    jobs = {job.task_path: job.every for job in registered_jobs()}
    assert jobs["taawun.core.tasks.analyze_database"] == dt.timedelta(days=1)


def test_the_statistics_job_gives_the_planner_the_size_of_the_engagement_table(make):
    for _ in range(3):
        make.engagement("SA", ["JO"])
    assert analyze_database.call() == {"analyzed": connection.vendor}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'registry_engagement'")
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'registry_engagement'")
        assert cursor.fetchone() is not None


def test_postgresql_sessions_run_without_jit_compilation(db):
    # A page's query on a large table would otherwise spend hundreds of milliseconds compiling.
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
