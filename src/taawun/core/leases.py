"""Leases of running background tasks, so that a task whose worker died is taken by another.

django-tasks-db (0.13) marks a task RUNNING when a worker claims it and never looks at it again:
a worker killed with `kill -9` (or a machine lost) leaves it RUNNING for ever, and an import batch
stays "running 5/60". So each `taawun worker` leases the tasks it runs: a TaskLease row per task,
whose `heartbeat_at` a thread of the worker renews every quarter of the lease
(TAAWUN_TASK_LEASE_SECONDS). Every worker, at each tick, puts back in the queue the RUNNING tasks
whose lease has expired (or that were claimed longer ago than a lease and never leased: the worker
died between claiming and starting); a task that has been taken TAAWUN_TASK_MAX_ATTEMPTS times is
failed instead, so a task that kills its worker (memory) does not kill them all in turn.

A worker that is alive but could not renew for a whole lease (a database unreachable that long)
may see its task run a second time: tasks must be safe to run again, which is why an import batch
drafts each file in its own transaction, once (ingest.services.import_batch_run).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from taawun.core.models import TaskLease

log = logging.getLogger(__name__)


def lease_seconds() -> float:
    return float(getattr(settings, "TAAWUN_TASK_LEASE_SECONDS", 120))


def max_attempts() -> int:
    return int(getattr(settings, "TAAWUN_TASK_MAX_ATTEMPTS", 3))


class LeaseExpired(Exception):
    """The task's worker stopped renewing its lease too many times (recorded on a failed task)."""


def reclaim_expired(now: dt.datetime | None = None) -> list[str]:
    """Put the RUNNING tasks whose lease expired back in the queue (or fail them after too many
    attempts); the ids of the tasks reclaimed."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=lease_seconds())
    alive = TaskLease.objects.filter(heartbeat_at__gte=cutoff).values("task_id")
    with transaction.atomic():
        stale = list(
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .exclude(id__in=alive)
            .select_for_update(skip_locked=True)
        )
        for result in stale:
            if len(result.worker_ids) >= max_attempts():
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = f"{LeaseExpired.__module__}.{LeaseExpired.__qualname__}"
                result.traceback = (
                    f"The lease expired {len(result.worker_ids)} times (workers {result.worker_ids})."
                )
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                log.error(
                    "task %s %s failed: its worker died %s times", result.id, result.task_path, max_attempts()
                )
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                log.warning(
                    "task %s %s back in the queue: its worker's lease expired", result.id, result.task_path
                )
        TaskLease.objects.filter(task_id__in=[result.id for result in stale]).delete()
    return [str(result.id) for result in stale]


def _database_backend(sender) -> bool:
    """db_worker sends the signals with the backend itself as sender (or its class, on failure)."""
    return issubclass(sender if isinstance(sender, type) else type(sender), DatabaseBackend)


class Heartbeat:
    """In a worker process: leases each task the worker starts and renews the leases from a thread
    until the task finishes (django-tasks' task_started and task_finished signals)."""

    def __init__(self, interval: float | None = None):
        self.interval = interval if interval is not None else lease_seconds() / 4
        self.running: dict[str, str] = {}  # task id -> worker id
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._renew_until_stopped, name="task-heartbeat", daemon=True)

    def start(self) -> None:
        task_started.connect(self.started, dispatch_uid="taawun-task-lease-started")
        task_finished.connect(self.finished, dispatch_uid="taawun-task-lease-finished")
        self.thread.start()

    def stop(self) -> None:
        task_started.disconnect(dispatch_uid="taawun-task-lease-started")
        task_finished.disconnect(dispatch_uid="taawun-task-lease-finished")
        self.stopped.set()

    def started(self, sender, task_result, **kwargs) -> None:
        if not _database_backend(sender):
            return
        worker = (task_result.worker_ids or ["?"])[-1]
        with self.lock:
            self.running[str(task_result.id)] = worker
        try:  # the lease must never be why a task fails: the next beat writes it
            TaskLease.objects.update_or_create(
                task_id=task_result.id, defaults={"worker_id": worker, "heartbeat_at": timezone.now()}
            )
        except Exception:  # noqa: BLE001
            log.exception("could not lease task %s", task_result.id)

    def finished(self, sender, task_result, **kwargs) -> None:
        if not _database_backend(sender):
            return
        with self.lock:
            self.running.pop(str(task_result.id), None)
        try:
            TaskLease.objects.filter(task_id=task_result.id).delete()
        except Exception:  # noqa: BLE001 - a lease left behind expires and finds its task finished
            log.exception("could not release the lease of task %s", task_result.id)

    def renew(self) -> int:
        with self.lock:
            running = list(self.running)
        if not running:
            return 0
        now = timezone.now()
        renewed = TaskLease.objects.filter(task_id__in=running).update(heartbeat_at=now)
        if renewed < len(running):  # a lease whose first write failed
            for task_id in running:
                TaskLease.objects.get_or_create(
                    task_id=task_id,
                    defaults={"worker_id": self.running.get(task_id, "?"), "heartbeat_at": now},
                )
        return len(running)

    def _renew_until_stopped(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.renew()
            except Exception:  # noqa: BLE001 - a failed renewal is retried at the next beat
                log.exception("could not renew the task leases")
            finally:
                close_old_connections()
