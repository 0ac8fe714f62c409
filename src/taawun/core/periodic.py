"""Periodic jobs: each app lists them on its AppConfig as `periodic_jobs`, pairs of
(the dotted path of a django-tasks task, the interval in seconds). `taawun worker` enqueues each
job when it falls due; several workers on one database never enqueue a job twice, because the
claim is one conditional UPDATE that only one of them can win.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from taawun.core.models import PeriodicRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    task_path: str
    every: dt.timedelta


def registered_jobs() -> list[PeriodicJob]:
    jobs = []
    for config in apps.get_app_configs():
        for task_path, seconds in getattr(config, "periodic_jobs", ()):
            jobs.append(PeriodicJob(task_path, dt.timedelta(seconds=seconds)))
    return jobs


def claim(job: PeriodicJob, now: dt.datetime | None = None) -> bool:
    """True for exactly one caller once the job is due."""
    now = now or timezone.now()
    run, created = PeriodicRun.objects.get_or_create(name=job.task_path, defaults={"last_enqueued_at": now})
    if created:
        return True
    updated = PeriodicRun.objects.filter(name=job.task_path, last_enqueued_at__lte=now - job.every).update(
        last_enqueued_at=now
    )
    return updated == 1


def enqueue_due_jobs(now: dt.datetime | None = None) -> list[str]:
    enqueued = []
    for job in registered_jobs():
        if claim(job, now):
            import_string(job.task_path).enqueue()
            enqueued.append(job.task_path)
            log.info("enqueued periodic job %s", job.task_path)
    return enqueued
