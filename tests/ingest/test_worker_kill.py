"""A worker killed with SIGKILL in the middle of an import batch: another worker takes the batch
over once the dead worker's lease has expired and finishes it, drafting every file exactly once.

Real processes (`taawun worker`) on the test's database: on PostgreSQL pytest-django's test
database itself (the test is transactional, so the workers see what it writes); on SQLite, whose
test database lives in memory, a copy of it in a file that the workers use and that is copied back
for the checks. Only outcomes are asserted, never a time; the waits have generous deadlines.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from taawun.audit.models import AuditEntry
from taawun.core.models import TaskLease
from taawun.ingest import services
from taawun.ingest.models import Draft, ImportBatch, ImportItem
from taawun.registry.models import Source
from tests.ingest.samples import VISIT, WORKSHOP
from tests.personas import make_user

pytestmark = pytest.mark.django_db(transaction=True)

FILES = 60
LEASE_SECONDS = 3
DEADLINE = 300  # seconds for a worker to load Django and finish, on a busy machine


class SharedDatabase:
    """The test database as the worker processes reach it."""

    def __init__(self, work: Path):
        self.sqlite = connection.vendor == "sqlite"
        self.file = work / "workers.sqlite3"

    @property
    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        params = connection.settings_dict
        auth = quote(params["USER"] or "postgres") + (
            f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
        )
        host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
        return f"postgres://{auth}@{host}:{port}/{quote(params['NAME'])}"

    def hand_over(self) -> None:
        """What the test wrote, to the workers."""
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def take_back(self) -> None:
        """What the workers wrote, to the test."""
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)

    def progress(self, batch_pk: int) -> tuple[int, str]:
        if not self.sqlite:
            batch = ImportBatch.objects.get(pk=batch_pk)
            return batch.done, batch.status
        with sqlite3.connect(self.file, timeout=30) as reader:
            row = reader.execute(
                "SELECT done, status FROM ingest_importbatch WHERE id = ?", [batch_pk]
            ).fetchone()
        return row[0], row[1]


def start_worker(database: SharedDatabase, work: Path, name: str, *extra: str) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TAAWUN_")}
    env.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="taawun.settings",
        TAAWUN_SECRET_KEY=settings.SECRET_KEY,
        TAAWUN_VAR_DIR=str(work / "var"),
        TAAWUN_TASK_LEASE_SECONDS=str(LEASE_SECONDS),
        PYTHONUNBUFFERED="1",
    )
    taawun = Path(sys.executable).with_name("taawun")
    log = open(work / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([str(taawun), "worker", *extra], env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, what: str, worker: subprocess.Popen | None = None):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if worker is not None and worker.poll() is not None:
            break
        time.sleep(0.01)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def shared_database(tmp_path):
    from taawun.registry import catalogue
    from taawun.registry.models import CooperationForm, Domain, Party

    # A flush after an earlier transactional test wiped the rows migration registry/0002 loads.
    if not Party.objects.filter(code="SA").exists():
        catalogue.sync(Party, Domain, CooperationForm)
    return SharedDatabase(tmp_path)


def test_a_batch_whose_worker_was_killed_is_finished_by_another_with_every_file_once(
    shared_database, tmp_path, django_user_model, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from taawun.ingest.tasks import import_batch

    officer = make_user(django_user_model, "officer")
    texts = [(f"file-{n}.txt", f"{VISIT if n % 2 else WORKSHOP}\nالخبر رقم {n}") for n in range(FILES)]
    batch = services.import_batch_create(
        items=texts, failures=[], actor=officer, classification="internal", home="SA"
    )
    import_batch.enqueue(batch.pk)
    shared_database.hand_over()

    first = start_worker(shared_database, tmp_path, "first", "--batch")
    try:
        wait_for(lambda: shared_database.progress(batch.pk)[0] >= 5, "the first files", first)
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    done, status = shared_database.progress(batch.pk)
    assert status == ImportBatch.Status.RUNNING and done < FILES  # killed in the middle of the batch

    second = start_worker(shared_database, tmp_path, "second", "--tick", "0.5")
    try:
        wait_for(
            lambda: shared_database.progress(batch.pk)[1] == ImportBatch.Status.DONE, "the batch", second
        )
    finally:
        second.terminate()
        try:
            second.wait(timeout=60)
        except subprocess.TimeoutExpired:
            second.kill()
            second.wait()
    shared_database.take_back()

    batch.refresh_from_db()
    assert (batch.done, batch.new, batch.known, batch.failed) == (FILES, FILES, 0, 0)
    items = ImportItem.objects.filter(batch=batch)
    assert set(items.values_list("outcome", flat=True)) == {ImportItem.Outcome.NEW}
    assert Draft.objects.filter(batch=batch).count() == FILES == Source.objects.count()
    created = AuditEntry.objects.filter(action="create", model_label="registry.source")
    assert created.count() == FILES  # each file's source stored (and audited) exactly once
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get(task_path="taawun.ingest.tasks.import_batch")
    assert task.status == "SUCCESSFUL" and len(task.worker_ids) == 2  # taken over by the second
    assert not TaskLease.objects.exists()
