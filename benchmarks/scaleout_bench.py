"""Scale-out on loopback: two app processes and two task workers on one PostgreSQL (not a test).

    .venv/bin/python benchmarks/scaleout_bench.py                    # 200 uploads × 4 articles, 30 s of reads
    .venv/bin/python benchmarks/scaleout_bench.py --batches 400 --load-seconds 60 --engagements 20000
    TAAWUN_BENCH_POSTGRES=postgres://user@host:5432/ .venv/bin/python benchmarks/scaleout_bench.py

On a throw-away database (taawun_scaleout_<pid>, dropped at the end) on the PostgreSQL server of
TAAWUN_BENCH_POSTGRES (else the one of DATABASE_URL when that is PostgreSQL, else
postgres://postgres@127.0.0.1:5432/), after `migrate` and `benchmarks/dataset.py generate` (records to
read), it starts two app processes (`gunicorn taawun.wsgi:application`, --gunicorn-workers each,
no access log) and two background workers (`taawun worker`), all on that one database with one
secret key and nothing else shared. Then, at the same time:

  * an officer uploads --batches batches of --per-batch generated Arabic press releases through
    the real upload page (session past the second factor, CSRF token, multipart POST), each
    upload going to the other app process than the last; each becomes an ImportBatch and one
    `taawun.ingest.tasks.import_batch` task on the database queue. A share of consecutive uploads
    (--duplicates) repeat an article of the upload before, so that both workers try to store the
    same text at the same moment;
  * read load goes to both app processes for --load-seconds: the API lists of engagements and
    sources (bearer token) and the search page for an Arabic word (session) in turn (--api-only:
    the API lists alone), from one `wrk` per app process when wrk is installed, else from a pool
    of threads in this process (--no-wrk); throughput, p50 and p95 per app process.

When the queue has drained it checks that nothing was lost or done twice: every upload made one
batch and one task; every task ran once (SUCCESSFUL, claimed by one worker, none left READY,
RUNNING or FAILED); every batch processed each of its files once (new + already known = files,
new = its drafts); the sources added are exactly the distinct articles (a text two workers raced
on is stored once, and counted "new" in one batch and "already known" in the other); each periodic
job was enqueued once however many workers watch the clock; and both app processes answer the
same counts and serve the batches the other one took. It prints the figures and each worker's
share, and exits 1 if any check failed. Without a reachable PostgreSQL it says "skipped" and
exits 0, so `make bench` goes on.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import http.client
import importlib.util
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

# Django and the application are imported inside the functions: only once main() has created the
# throw-away database, pointed DATABASE_URL at it and set Django up (this process, and each child).

IMPORT_TASK = "taawun.ingest.tasks.import_batch"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"
SEARCH_WORDS = ["المخدرات", "الحدود", "الإرهاب", "التدريب", "الجوازات", "المرور", "تهريب", "الدفاع المدني"]
HERE = Path(__file__).resolve().parent


# --- the PostgreSQL server and the throw-away database ----------------------------------------


def server_url() -> str:
    """The server to use: TAAWUN_BENCH_POSTGRES, else DATABASE_URL's when it is PostgreSQL."""
    explicit = os.environ.get("TAAWUN_BENCH_POSTGRES")
    if explicit:
        return explicit
    current = os.environ.get("DATABASE_URL", "")
    return current if current.startswith(("postgres://", "postgresql://")) else DEFAULT_SERVER


def database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.netloc}/{quote(name)}"


def _admin_connection(server: str):
    import psycopg

    parts = urlsplit(server)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        connect_timeout=5,
        autocommit=True,
    )


def unreachable(server: str) -> str | None:
    """Why the server cannot be used, or None when it can."""
    try:
        _admin_connection(server).close()
    except Exception as error:  # noqa: BLE001 - any failure means "skip", with its reason
        return (str(error).strip().splitlines() or [type(error).__name__])[0]
    return None


def create_database(server: str, name: str) -> None:
    with _admin_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(server: str, name: str) -> None:
    with _admin_connection(server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the processes ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Child:
    name: str
    process: subprocess.Popen
    log: Path
    port: int | None = None
    worker_id: str = ""

    def tail(self, lines: int = 15) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(f"    {line}" for line in text.splitlines()[-lines:])


class Cluster:
    """App processes (gunicorn) and task workers (`taawun worker`) on one database.

    Every child gets the same environment: DATABASE_URL, the secret key (sessions and signed
    cookies made by one process must be good in the other) and a var directory of its own; the
    children share nothing else. Their output goes to log files under `work`.
    """

    WORKER_STARTED = re.compile(r"Starting worker worker_id=(\S+)")

    def __init__(self, *, env: dict, work: Path, apps: int = 2, gunicorn_workers: int = 2, workers: int = 2):
        self.env, self.work = env, work
        self.apps_wanted, self.gunicorn_workers, self.workers_wanted = apps, gunicorn_workers, workers
        self.apps: list[Child] = []
        self.workers: list[Child] = []

    def _spawn(self, name: str, command: list[str]) -> Child:
        log = self.work / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.work, start_new_session=True,
            )  # fmt: skip
        return Child(name, process, log)

    def start(self) -> None:
        for index in range(self.apps_wanted):
            port = free_port()
            child = self._spawn(
                f"app{index + 1}",
                [sys.executable, "-m", "gunicorn", "--config", "python:taawun.gunicorn", "taawun.wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", str(self.gunicorn_workers), "--timeout", "120",
                 "--log-level", "warning"],
            )  # fmt: skip
            child.port = port
            self.apps.append(child)
        for index in range(self.workers_wanted):
            self.workers.append(self._spawn(f"worker{index + 1}", [sys.executable, "-m", "taawun", "worker"]))

    @property
    def ports(self) -> list[int]:
        return [child.port for child in self.apps]

    def check_alive(self) -> None:
        for child in self.apps + self.workers:
            if child.process.poll() is not None:
                raise RuntimeError(f"{child.name} exited with {child.process.returncode}:\n{child.tail()}")

    def wait_ready(self, probe, timeout: float) -> None:
        """Until every app process answers `probe(port)` with 200 and every worker has started.

        gunicorn accepts connections before its workers have loaded Django, so only an answered
        request counts; a worker is ready once it logs its worker id (db_worker's "Starting worker").
        """
        deadline = time.monotonic() + timeout
        pending_apps, pending_workers = list(self.apps), list(self.workers)
        while pending_apps or pending_workers:
            self.check_alive()
            if time.monotonic() > deadline:
                names = ", ".join(child.name for child in pending_apps + pending_workers)
                tails = "\n".join(f"  {c.name}:\n{c.tail()}" for c in pending_apps + pending_workers)
                raise TimeoutError(f"not ready after {timeout:.0f} s: {names}\n{tails}")
            for child in list(pending_apps):
                with contextlib.suppress(OSError, http.client.HTTPException):
                    if probe(child.port) == 200:
                        pending_apps.remove(child)
            for child in list(pending_workers):
                found = self.WORKER_STARTED.search(child.log.read_text(encoding="utf-8", errors="replace"))
                if found:
                    child.worker_id = found.group(1)
                    pending_workers.remove(child)
            time.sleep(0.3)

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM to each child's process group (a worker finishes its task first), then SIGKILL."""
        children = self.apps + self.workers
        for child in children:
            if child.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in children:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait(timeout=10)

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def child_environment(*, database: str, secret_key: str, var_dir: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TAAWUN_")}
    env.update(
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="taawun.settings",
        TAAWUN_SECRET_KEY=secret_key,
        TAAWUN_VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    return env


# --- HTTP -------------------------------------------------------------------------------------


@dataclass
class Credentials:
    token: str  # API bearer token
    session: str  # session cookie value, past the second factor
    csrf_cookie: str = ""
    csrf_token: str = ""

    def api(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def page(self) -> dict:
        cookies = f"sessionid={self.session}"
        if self.csrf_cookie:
            cookies += f"; csrftoken={self.csrf_cookie}"
        return {"Cookie": cookies}


def request(port: int, method: str, path: str, headers: dict | None = None, body: bytes | None = None,
            timeout: float = 120) -> tuple[int, dict, bytes]:  # fmt: skip
    """One request on a fresh connection (gunicorn's sync workers close each one anyway)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        headers = {key.lower(): value for key, value in response.getheaders()}
        headers["set-cookie"] = "\n".join(response.msg.get_all("Set-Cookie") or [])
        return response.status, headers, response.read()
    finally:
        connection.close()


def api_probe(credentials: Credentials):
    return lambda port: request(port, "GET", "/api/engagements?limit=1", credentials.api(), timeout=30)[0]


def fetch_csrf(port: int, credentials: Credentials) -> None:
    """The CSRF cookie and form token of the upload page (kept for every upload, on either process)."""
    status, headers, body = request(port, "GET", "/ingest/new/", credentials.page())
    if status != 200:
        raise RuntimeError(f"the upload page answered {status}: is the session past the second factor?")
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not cookie or not token:
        raise RuntimeError("no CSRF cookie or token on the upload page")
    credentials.csrf_cookie, credentials.csrf_token = cookie.group(1), token.group(1).decode()


def upload(port: int, credentials: Credentials, files: list[tuple[str, str]], home: str = "SA") -> int:
    """Upload several files through the upload page; the id of the batch it made."""
    boundary = uuid.uuid4().hex
    parts = []
    fields = {"csrfmiddlewaretoken": credentials.csrf_token, "classification": "internal", "home": home}
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, text in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n".encode()
            + text.encode("utf-8")
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    headers = {**credentials.page(), "Content-Type": f"multipart/form-data; boundary={boundary}"}
    status, response_headers, body = request(port, "POST", "/ingest/new/", headers, b"".join(parts))
    found = re.search(r"/ingest/batches/(\d+)/", response_headers.get("location", ""))
    if status != 302 or not found:
        raise RuntimeError(f"upload answered {status} {response_headers.get('location', '')} {body[:200]!r}")
    return int(found.group(1))


# --- the articles -----------------------------------------------------------------------------


def _press_release():
    """press_release() of benchmarks/ingest_bench.py (loaded by path: benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("taawun_ingest_bench", HERE / "ingest_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.press_release


def make_batches(count: int, per_batch: int, *, duplicates: float, seed: int) -> list[list[tuple[str, str]]]:
    """`count` lists of (file name, article). With probability `duplicates` an upload opens with the
    first article of the upload before it: consecutive uploads go to two workers at about the same
    time, so those two race to store one text."""
    press_release, rng = _press_release(), random.Random(seed)
    serial, batches = 0, []
    for index in range(count):
        files = []
        for position in range(per_batch):
            if position == 0 and index % 2 == 1 and rng.random() < duplicates:
                files.append((f"b{index:04d}-{position}.txt", batches[-1][0][1]))
                continue
            files.append((f"b{index:04d}-{position}.txt", press_release(rng, serial)))
            serial += 1
        batches.append(files)
    return batches


# --- read load --------------------------------------------------------------------------------


def read_paths(
    rng: random.Random, engagements: int, *, search: bool = True, count: int = 60
) -> list[tuple[str, str]]:
    """(kind, path), in turn: the API lists of engagements and of sources (kind "api", bearer token)
    and, with `search`, the search page for an Arabic word (kind "page", session)."""
    choices = [
        lambda: ("api", f"/api/engagements?limit=20&offset={rng.randint(0, max(0, engagements - 20))}"),
        lambda: ("api", f"/api/sources?limit=20&offset={rng.randint(0, 200)}"),
    ]
    if search:
        choices.append(lambda: ("page", f"/search/?q={quote(rng.choice(SEARCH_WORDS))}"))
    return [choices[index % len(choices)]() for index in range(count)]


@dataclass
class Served:
    """What one app process answered during the load run."""

    port: int
    seconds: float = 0.0
    requests: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    p50_ms: float | None = None
    p95_ms: float | None = None

    def finish(self) -> None:
        if self.latencies_ms:
            ordered = sorted(self.latencies_ms)
            self.p50_ms = ordered[round(0.50 * (len(ordered) - 1))]
            self.p95_ms = ordered[round(0.95 * (len(ordered) - 1))]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def thread_load(ports: list[int], credentials: Credentials, paths: list[tuple[str, str]], *, seconds: float,
                threads: int, stop: threading.Event | None = None) -> dict[int, Served]:  # fmt: skip
    """Read load from a pool of threads in this process, each going to the app processes in turn."""
    served = {port: Served(port) for port in ports}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def reader(offset: int) -> None:
        count = offset
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            port = ports[count % len(ports)]
            kind, path = paths[count % len(paths)]
            count += 1
            headers = credentials.api() if kind == "api" else credentials.page()
            started = time.perf_counter()
            try:
                status = request(port, "GET", path, headers, timeout=60)[0]
            except (OSError, http.client.HTTPException):
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                figures = served[port]
                figures.requests += 1
                if status == 200:
                    figures.latencies_ms.append(elapsed)
                else:
                    figures.errors += 1

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(reader, index) for index in range(threads)]:
            future.result()
    for figures in served.values():
        figures.seconds = time.monotonic() - started
        figures.finish()
    return served


WRK_SCRIPT = """
local paths = {%(paths)s}
local kinds = {%(kinds)s}
local counter = 0
request = function()
  counter = counter + 1
  local n = (counter %% #paths) + 1
  local headers = {}
  if kinds[n] == "api" then
    headers["Authorization"] = "Bearer %(token)s"
  else
    headers["Cookie"] = "sessionid=%(session)s"
  end
  return wrk.format("GET", paths[n], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SCALEOUT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status, latency:percentile(50), latency:percentile(95)))
end
"""


def wrk_load(ports: list[int], credentials: Credentials, paths: list[tuple[str, str]], *, seconds: float,
             connections: int, work: Path) -> dict[int, Served]:  # fmt: skip
    """Read load from one wrk process per app process, all at once."""
    script = work / "scaleout.lua"
    script.write_text(
        WRK_SCRIPT
        % {
            "paths": ",".join(json.dumps(path) for _kind, path in paths),
            "kinds": ",".join(json.dumps(kind) for kind, _path in paths),
            "token": credentials.token,
            "session": credentials.session,
        },
        encoding="utf-8",
    )
    runs = {
        port: subprocess.Popen(
            [
                "wrk",
                "--threads",
                "1",
                "--connections",
                str(connections),
                "--duration",
                f"{round(seconds)}s",
                "--timeout",
                "30s",
                "--script",
                str(script),
                f"http://127.0.0.1:{port}/",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for port in ports
    }
    served = {}
    for port, run in runs.items():
        output, _ = run.communicate(timeout=seconds + 120)
        found = re.search(r"SCALEOUT (\d+) (\d+) (\d+) (\d+) (\d+)", output)
        if not found:
            raise RuntimeError(f"wrk gave no figures:\n{output}")
        total, duration_us, errors, p50_us, p95_us = map(int, found.groups())
        served[port] = Served(port, duration_us / 1e6, total, errors, [], p50_us / 1000, p95_us / 1000)
    return served


# --- the checks -------------------------------------------------------------------------------


@dataclass
class Outcome:
    problems: list[str]
    tasks: int = 0
    articles: int = 0
    shares: dict[str, int] = field(default_factory=dict)  # worker id → import tasks run
    all_shares: dict[str, int] = field(default_factory=dict)  # worker id → every task run
    task_seconds: float = 0.0  # first import task started → last finished
    periodic: dict[str, int] = field(default_factory=dict)
    overlapping: int = 0  # pairs of batches sharing an article whose tasks two workers ran at once


def queue_pending(batch_ids: list[int]) -> int:
    """Batches whose import task has not finished yet (or is not even on the queue)."""
    from django_tasks_db.models import DBTaskResult

    wanted = set(batch_ids)
    finished = (
        DBTaskResult.objects.filter(task_path=IMPORT_TASK).finished().values_list("args_kwargs", flat=True)
    )
    return len(wanted - {args["args"][0] for args in finished})


def wait_drained(batch_ids: list[int], cluster: Cluster, timeout: float) -> float:
    """Seconds until every batch's task has finished and no task is ready or running; fails on timeout."""
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    started = time.monotonic()
    while True:
        close_old_connections()
        busy = DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).count()
        if not busy and queue_pending(batch_ids) == 0:
            return time.monotonic() - started
        cluster.check_alive()
        if time.monotonic() - started > timeout:
            raise TimeoutError(
                f"the queue had not drained after {timeout:.0f} s ({busy} tasks waiting or running)"
            )
        time.sleep(0.5)


def check(batches: dict[int, list[tuple[str, str]]], *, sources_before: int, elapsed: float) -> Outcome:
    """Every upload's task ran exactly once and every article was stored exactly once."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from taawun.core.periodic import registered_jobs
    from taawun.ingest.models import Draft, ImportBatch, ImportItem
    from taawun.registry.models import Source

    problems: list[str] = []
    tasks = list(DBTaskResult.objects.all())
    by_batch: dict[int, list] = collections.defaultdict(list)
    for task in tasks:
        if task.task_path == IMPORT_TASK:
            by_batch[task.args_kwargs["args"][0]].append(task)
        if task.status != "SUCCESSFUL":
            problems.append(f"task {task.task_path} {task.id} is {task.status}: {task.traceback[-300:]}")
        if len(task.worker_ids) > 1:
            problems.append(f"task {task.task_path} {task.id} was claimed by {len(task.worker_ids)} workers")
    for batch_id in batches:
        found = by_batch.get(batch_id, [])
        if len(found) != 1:
            problems.append(f"batch {batch_id} has {len(found)} import tasks (one expected)")
    problems += [
        f"an import task for batch {pk}, which was never uploaded" for pk in set(by_batch) - set(batches)
    ]

    stored = {batch.pk: batch for batch in ImportBatch.objects.filter(pk__in=batches)}
    drafts = dict(
        Draft.objects.filter(batch__in=batches).values_list("batch").annotate(n=Count("pk")).order_by()
    )
    waiting = set(
        ImportItem.objects.filter(batch__in=batches, outcome=ImportItem.Outcome.WAITING).values_list(
            "batch", flat=True
        )
    )
    new = known = 0
    for batch_id, files in batches.items():
        batch = stored.get(batch_id)
        if batch is None:
            problems.append(f"batch {batch_id} is missing")
            continue
        new, known = new + batch.new, known + batch.known
        if batch.status != ImportBatch.Status.DONE or batch_id in waiting:
            problems.append(f"batch {batch_id} is {batch.status}, files still waiting: {batch_id in waiting}")
        if not (batch.total == batch.done == len(files) == batch.new + batch.known) or batch.failed:
            problems.append(
                f"batch {batch_id}: {len(files)} files uploaded, total {batch.total}, done {batch.done}, "
                f"new {batch.new}, known {batch.known}, failed {batch.failed}"
            )
        if drafts.get(batch_id, 0) != batch.new:
            problems.append(f"batch {batch_id}: {batch.new} new but {drafts.get(batch_id, 0)} drafts")

    files = [text for batch in batches.values() for _name, text in batch]
    distinct = len(set(files))
    added = Source.objects.count() - sources_before
    if not (added == new == distinct) or known != len(files) - distinct:
        problems.append(
            f"{distinct} distinct articles in {len(files)} files, but {added} sources added, "
            f"{new} counted new, {known} already known"
        )

    # Each periodic job is enqueued once per interval, however many workers watch the clock.
    periodic = {}
    for job in registered_jobs():
        count = sum(task.task_path == job.task_path for task in tasks)
        periodic[job.task_path] = count
        if count > 1 + int(elapsed // job.every.total_seconds()):
            problems.append(f"periodic job {job.task_path} enqueued {count} times in {elapsed:.0f} s")

    imports = [task for found in by_batch.values() for task in found]
    shares = collections.Counter(task.worker_ids[0] for task in imports if task.worker_ids)
    all_shares = collections.Counter(task.worker_ids[0] for task in tasks if task.worker_ids)
    started = [task.started_at for task in imports if task.started_at]
    finished = [task.finished_at for task in imports if task.finished_at]
    span = (max(finished) - min(started)).total_seconds() if started and finished else 0.0
    return Outcome(
        problems, len(imports), len(files), dict(shares), dict(all_shares), span, periodic,
        overlapping=_overlapping(batches, by_batch),
    )  # fmt: skip


def _overlapping(batches: dict[int, list[tuple[str, str]]], by_batch: dict[int, list]) -> int:
    """Pairs of batches holding one article whose tasks ran at the same time on two workers: the
    races on storing that text that actually happened (the others were plain "already known")."""
    holders: dict[str, set[int]] = collections.defaultdict(set)
    for batch_id, files in batches.items():
        for _name, text in files:
            holders[text].add(batch_id)
    count = 0
    for ids in holders.values():
        if len(ids) != 2:
            continue
        first, second = (by_batch.get(pk, [None])[0] for pk in ids)
        if (
            first
            and second
            and first.started_at
            and second.started_at
            and first.finished_at
            and second.finished_at
        ):
            together = first.started_at < second.finished_at and second.started_at < first.finished_at
            count += together and first.worker_ids != second.worker_ids
    return count


def cross_check(ports: list[int], credentials: Credentials, uploaded_on: dict[int, int]) -> list[str]:
    """Both app processes give the same answers: the count of sources, and each batch page (asked of
    the process that did not take the upload)."""
    from taawun.registry.models import Source

    problems = []
    expected = Source.objects.count()
    for port in ports:
        status, _headers, body = request(port, "GET", "/api/sources?limit=1", credentials.api())
        count = json.loads(body).get("count") if status == 200 else None
        if count != expected:
            problems.append(f"app process on port {port} counts {count} sources, the database {expected}")
    for batch_id, port in uploaded_on.items():
        other = ports[(ports.index(port) + 1) % len(ports)]
        status = request(other, "GET", f"/ingest/batches/{batch_id}/", credentials.page())[0]
        if status != 200:
            problems.append(f"batch {batch_id} (uploaded on port {port}) answered {status} on port {other}")
    return problems


def upload_all(ports: list[int], credentials: Credentials, batches: list[list[tuple[str, str]]],
               threads: int = 2) -> tuple[dict[int, list], dict[int, int], list[str], float]:  # fmt: skip
    """Upload every batch, alternating between the app processes; (files by batch id, port by batch id,
    failed uploads, seconds)."""
    by_id: dict[int, list] = {}
    port_of: dict[int, int] = {}
    failures: list[str] = []
    lock = threading.Lock()

    def one(index: int) -> None:
        port = ports[index % len(ports)]
        try:
            batch_id = upload(port, credentials, batches[index])
        except (OSError, http.client.HTTPException, RuntimeError) as error:
            with lock:
                failures.append(f"upload {index} on port {port}: {error}")
            return
        with lock:
            by_id[batch_id], port_of[batch_id] = batches[index], port

    started = time.monotonic()
    # Consecutive uploads (the duplicates' pairs) go out together, one to each app process.
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(len(batches))))
    return by_id, port_of, failures, time.monotonic() - started


# --- the run ----------------------------------------------------------------------------------


def officer_credentials(username: str = "scaleout-officer") -> Credentials:
    """An officer cleared to secret, a session past the second factor, and an API token."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from taawun.api.services import api_token_create

    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"role": "officer", "clearance": "secret", "first_name": "Scale"}
    )
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="scaleout", defaults={"confirmed": True})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    _token, raw = api_token_create(user=user, name="scaleout")
    return Credentials(token=raw, session=client.cookies[settings.SESSION_COOKIE_NAME].value)


def report(outcome: Outcome, served: dict[int, Served], cluster: Cluster, *, load: str, uploads: float,
           drained: float, duplicates: int) -> None:  # fmt: skip
    print(f"\nread load ({load}), while the uploads went in and the workers ran:")
    print("| app process | port | requests | req/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for child in cluster.apps:
        figures = served[child.port]
        p50 = f"{figures.p50_ms:.0f}" if figures.p50_ms is not None else "-"
        p95 = f"{figures.p95_ms:.0f}" if figures.p95_ms is not None else "-"
        print(f"| {child.name} | {child.port} | {figures.requests} | {figures.rate:.1f} | {p50} | {p95} | "
              f"{figures.errors} |")  # fmt: skip
    total = sum(figures.rate for figures in served.values())
    print(f"| both | | {sum(f.requests for f in served.values())} | {total:.1f} | | | "
          f"{sum(f.errors for f in served.values())} |")  # fmt: skip
    print(f"\ntasks: {outcome.tasks} import tasks ({outcome.articles} files, {duplicates} repeated in a second "
          f"upload, {outcome.overlapping} of those pairs with their tasks running at once on both workers), "
          f"uploaded in {uploads:.1f} s; queue drained {drained:.1f} s after the last upload")  # fmt: skip
    if outcome.task_seconds:
        print(f"first task started → last finished: {outcome.task_seconds:.1f} s, "
              f"{outcome.tasks / outcome.task_seconds:.1f} tasks/s, "
              f"{outcome.articles / outcome.task_seconds:.1f} files/s")  # fmt: skip
    print("| worker | worker id | import tasks | share | all tasks |")
    print("|---|---|---|---|---|")
    for child in cluster.workers:
        mine = outcome.shares.get(child.worker_id, 0)
        share = mine / outcome.tasks if outcome.tasks else 0
        print(f"| {child.name} | {child.worker_id[:8]}… | {mine} | {share:.0%} | "
              f"{outcome.all_shares.get(child.worker_id, 0)} |")  # fmt: skip
    print(
        "periodic jobs enqueued: "
        + ", ".join(f"{path.rsplit('.', 1)[1]} ×{n}" for path, n in outcome.periodic.items())
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--batches", type=int, default=200, help="uploads, hence tasks (default 200)")
    parser.add_argument("--per-batch", type=int, default=4, help="articles per upload (default 4)")
    parser.add_argument("--duplicates", type=float, default=0.2,
                        help="share of upload pairs that share an article (default 0.2)")  # fmt: skip
    parser.add_argument(
        "--engagements", type=int, default=5000, help="generated records to read (default 5000)"
    )
    parser.add_argument("--load-seconds", type=float, default=30, help="length of the read load (default 30)")
    parser.add_argument(
        "--connections", type=int, default=4, help="wrk connections per app process (default 4)"
    )
    parser.add_argument("--threads", type=int, default=4, help="reader threads without wrk (default 4)")
    parser.add_argument("--gunicorn-workers", type=int, default=2, help="per app process (default 2)")
    parser.add_argument(
        "--api-only", action="store_true", help="read the API lists only, not the search page"
    )
    parser.add_argument(
        "--no-wrk", action="store_true", help="read load from threads even when wrk is installed"
    )
    parser.add_argument("--drain-timeout", type=float, default=900)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    args = parser.parse_args()

    server = server_url()
    reason = unreachable(server)
    if reason:
        print(f"scaleout_bench skipped: no PostgreSQL at {server} ({reason})")
        return 0
    name = f"taawun_scaleout_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="taawun-scaleout-"))
    database = database_url(server, name)
    create_database(server, name)
    env = child_environment(database=database, secret_key=secrets.token_urlsafe(50), var_dir=work / "var")
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "TAAWUN_SECRET_KEY", "TAAWUN_VAR_DIR")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "taawun.settings"
    try:
        return run(args, env, work, name)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept: database {name}, logs in {work}")
        else:
            drop_database(server, name)
            shutil.rmtree(work, ignore_errors=True)


def run(args, env: dict, work: Path, name: str) -> int:
    import django

    django.setup()
    from datagen.command import Command as Dataset
    from django.core.management import call_command
    from django.db import connection

    from taawun.registry.models import Engagement, Source

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if args.engagements:
        call_command(
            Dataset(),
            "generate",
            "--engagements",
            str(args.engagements),
            "--no-progress",
            stdout=io.StringIO(),
        )
    credentials = officer_credentials()
    batches = make_batches(args.batches, args.per_batch, duplicates=args.duplicates, seed=args.seed)
    duplicates = sum(len(batch) for batch in batches) - len({text for batch in batches for _n, text in batch})
    sources_before, engagements = Source.objects.count(), Engagement.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        f"PostgreSQL {version}, database {name}: {engagements:,} engagements, {sources_before:,} sources; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"2 app processes (gunicorn, {args.gunicorn_workers} workers each) + 2 `taawun worker`; "
        f"{args.batches} uploads × {args.per_batch} articles"
    )

    use_wrk = bool(shutil.which("wrk")) and not args.no_wrk
    mix = "API lists" if args.api_only else "API lists and search page in turn"
    with Cluster(env=env, work=work, gunicorn_workers=args.gunicorn_workers) as cluster:
        cluster.wait_ready(api_probe(credentials), timeout=180)
        fetch_csrf(cluster.ports[0], credentials)
        paths = read_paths(random.Random(args.seed), engagements, search=not args.api_only)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            if use_wrk:
                load = (
                    f"wrk, {args.connections} connections per app process, {args.load_seconds:.0f} s, {mix}"
                )
                reads = pool.submit(wrk_load, cluster.ports, credentials, paths, seconds=args.load_seconds,
                                    connections=args.connections, work=work)  # fmt: skip
            else:
                load = f"{args.threads} threads in the bench process, {args.load_seconds:.0f} s, {mix}"
                reads = pool.submit(thread_load, cluster.ports, credentials, paths, seconds=args.load_seconds,
                                    threads=args.threads)  # fmt: skip
            by_id, port_of, failures, upload_seconds = upload_all(cluster.ports, credentials, batches)
            drained = wait_drained(list(by_id), cluster, timeout=args.drain_timeout)
            served = reads.result()
        outcome = check(by_id, sources_before=sources_before, elapsed=time.monotonic() - started)
        outcome.problems = failures + outcome.problems + cross_check(cluster.ports, credentials, port_of)
        for child in cluster.workers:
            if child.worker_id and not outcome.shares.get(child.worker_id):
                outcome.problems.append(f"{child.name} ran no import task")
        for port, figures in served.items():
            if figures.requests - figures.errors <= 0:
                outcome.problems.append(f"the app process on port {port} served no read")
    report(
        outcome, served, cluster, load=load, uploads=upload_seconds, drained=drained, duplicates=duplicates
    )
    if outcome.problems:
        print(f"\nFAILED: {len(outcome.problems)} problems")
        for problem in outcome.problems[:40]:
            print(f"  - {problem}")
        return 1
    print("\nOK: every upload made one batch and one task, every task ran exactly once, every article was "
          "stored once; both app processes served reads and agree")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
