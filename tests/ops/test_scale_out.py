"""Scale-out on one PostgreSQL: two app processes (gunicorn) and two task workers (`taawun worker`)
on the test database; uploads and reads through both app processes; no task lost or run twice.

PostgreSQL only (the suite's second run, scripts/pytest-postgres): SQLite is one file on one
machine, so there is nothing to scale out to. The processes are real subprocesses pointed at
pytest-django's test database, so the tests are transactional: what they write is committed and
the subprocesses see it. The machinery (starting and stopping the processes, uploading, the read
load, the checks) is benchmarks/scaleout_bench.py's, which runs the same at a larger size and
prints the figures; here only correctness is asserted, never a time.
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import random
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from taawun.ingest.services import ingest_text
from taawun.registry.models import Engagement, Source
from tests.personas import make_user

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "scaleout_bench.py"
START_TIMEOUT = 240  # seconds for gunicorn and the workers to load Django on a busy 2-core machine
DRAIN_TIMEOUT = 420

# Transactional: the subprocesses must see what the tests write, so it is committed (and the
# tables are flushed afterwards). As a mark, so the database is open for every autouse fixture.
pytestmark = pytest.mark.django_db(transaction=True)


def _bench():
    spec = importlib.util.spec_from_file_location("taawun_scaleout_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "scale-out runs on PostgreSQL only: run with DATABASE_URL=postgres://... "
            "(scripts/pytest-postgres, the suite's second run)"
        )
    from taawun.registry import catalogue
    from taawun.registry.models import CooperationForm, Domain, Party

    # A flush after an earlier transactional test wiped the rows migration registry/0002 loads.
    if not Party.objects.filter(code="SA").exists():
        catalogue.sync(Party, Domain, CooperationForm)


def subprocess_database_url() -> str:
    """The test database as a URL, for the subprocesses."""
    params = connection.settings_dict
    auth = quote(params["USER"] or "postgres") + (
        f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    )
    return (
        f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{quote(params['NAME'])}"
    )


@pytest.fixture
def cluster(postgres, tmp_path):
    env = bench.child_environment(
        database=subprocess_database_url(), secret_key=settings.SECRET_KEY, var_dir=tmp_path / "var"
    )
    cluster = bench.Cluster(env=env, work=tmp_path, apps=2, gunicorn_workers=1, workers=2)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()  # before the flush: no subprocess may hold the database then


def test_two_app_processes_and_two_workers_lose_and_double_nothing(cluster):
    started = time.monotonic()
    credentials = bench.officer_credentials()
    cluster.wait_ready(bench.api_probe(credentials), timeout=START_TIMEOUT)
    bench.fetch_csrf(cluster.ports[0], credentials)
    # 30 uploads of 2 articles; in half of the pairs of consecutive uploads both open with the same
    # article, so the two workers store one text at the same moment.
    batches = bench.make_batches(30, 2, duplicates=0.5, seed=3)
    sources_before = Source.objects.count()
    paths = bench.read_paths(random.Random(5), Engagement.objects.count())

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        reads = pool.submit(bench.thread_load, cluster.ports, credentials, paths, seconds=5, threads=2)
        by_id, uploaded_on, failures, _seconds = bench.upload_all(cluster.ports, credentials, batches)
        bench.wait_drained(list(by_id), cluster, timeout=DRAIN_TIMEOUT)
        served = reads.result()

    assert failures == []
    assert len(by_id) == 30
    assert set(uploaded_on.values()) == set(cluster.ports)  # uploads went through both app processes
    outcome = bench.check(by_id, sources_before=sources_before, elapsed=time.monotonic() - started)
    assert outcome.problems == []
    assert outcome.tasks == 30
    assert sum(outcome.shares.values()) == 30
    assert set(outcome.shares) == {worker.worker_id for worker in cluster.workers}  # both took part
    assert all(count == 1 for count in outcome.periodic.values())  # two clocks, one enqueue each
    for port in cluster.ports:
        assert served[port].requests > 0 and served[port].errors == 0, port
    # Stateless app processes: both count the same sources, and each serves the batches the
    # other took (the session and CSRF cookie made by this process are good on both).
    assert bench.cross_check(cluster.ports, credentials, uploaded_on) == []


def test_one_text_stored_at_once_by_two_processes_is_stored_once(postgres, django_user_model):
    """Two workers (or app processes) ingest the same text at the same moment: neither sees the
    other's uncommitted source, both insert, the second waits on the unique index and then hits
    it. That second one must answer "already known", not fail (which failed a whole batch)."""
    officer = make_user(django_user_model, "officer")
    text = "استقبل وزير الداخلية في الرياض وفدا أمنيا من سوريا لبحث التعاون في أمن الحدود."
    inserted, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def first() -> None:
        try:
            from django.db import transaction

            with transaction.atomic():
                results["first"] = ingest_text(text=text, actor=officer, classification="internal")
                inserted.set()
                release.wait(timeout=120)
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            results["first"] = error
            inserted.set()
        finally:
            connection.close()

    def second() -> None:
        try:
            results["second"] = ingest_text(text=text, actor=officer, classification="internal")
        except Exception as error:  # noqa: BLE001
            results["second"] = error
        finally:
            connection.close()

    one, two = threading.Thread(target=first), threading.Thread(target=second)
    one.start()
    assert inserted.wait(timeout=120)
    two.start()
    # Hold the first transaction open until the second is waiting on the lock of the unique index.
    deadline = time.monotonic() + 120
    while two.is_alive() and time.monotonic() < deadline and not _someone_waits_on_a_lock():
        time.sleep(0.05)
    blocked = two.is_alive()
    release.set()
    one.join(timeout=120)
    two.join(timeout=120)

    assert blocked  # the race really happened
    assert results["first"].status == "new"
    assert getattr(results["second"], "status", results["second"]) == "known"
    assert results["second"].source.pk == results["first"].source.pk
    assert Source.objects.filter(content_hash=results["first"].source.content_hash).count() == 1


def _someone_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0
