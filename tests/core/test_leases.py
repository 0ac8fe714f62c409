"""Task leases: a running task whose worker stopped renewing its lease goes back in the queue, a
task still renewed stays with its worker, and one whose workers keep dying is given up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from taawun.core.leases import Heartbeat, reclaim_expired
from taawun.core.models import TaskLease

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TAAWUN_TASK_LEASE_SECONDS = 60


def running(workers: list[str], started_ago: int) -> DBTaskResult:
    from taawun.core.tasks import analyze_database

    result = DBTaskResult.objects.get(id=analyze_database.enqueue().id)
    started = timezone.now() - dt.timedelta(seconds=started_ago)
    DBTaskResult.objects.filter(id=result.id).update(status="RUNNING", started_at=started, worker_ids=workers)
    return DBTaskResult.objects.get(id=result.id)


def test_a_task_whose_lease_expired_goes_back_in_the_queue():
    task = running(["dead"], started_ago=600)
    TaskLease.objects.create(
        task_id=task.id, worker_id="dead", heartbeat_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert reclaim_expired() == [str(task.id)]
    task.refresh_from_db()
    assert task.status == "READY" and not TaskLease.objects.exists()


def test_a_task_whose_lease_is_renewed_stays_with_its_worker():
    task = running(["alive"], started_ago=600)
    TaskLease.objects.create(task_id=task.id, worker_id="alive", heartbeat_at=timezone.now())
    assert reclaim_expired() == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_a_task_just_claimed_and_not_yet_leased_is_left_alone():
    task = running(["new"], started_ago=1)
    assert reclaim_expired() == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_a_task_that_killed_its_workers_three_times_is_given_up():
    task = running(["one", "two", "three"], started_ago=600)
    assert reclaim_expired() == [str(task.id)]
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path.endswith("LeaseExpired")


def test_the_heartbeat_renews_the_leases_of_the_tasks_it_runs():
    task = running(["me"], started_ago=600)
    heartbeat = Heartbeat(interval=3600)
    from django_tasks_db.backend import DatabaseBackend

    heartbeat.started(DatabaseBackend, task.task_result)
    TaskLease.objects.update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
    assert heartbeat.renew() == 1 and reclaim_expired() == []
    heartbeat.finished(DatabaseBackend, task.task_result)
    assert not TaskLease.objects.exists()
