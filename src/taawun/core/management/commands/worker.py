"""`taawun worker`: runs background tasks and enqueues the periodic jobs when they fall due.

Each task a worker runs is leased (taawun.core.leases): the worker renews the lease while the task
runs, and every worker puts back in the queue the tasks whose lease expired, so a task whose worker
was killed is taken by another (at each tick, and at the start of a --batch run)."""

from __future__ import annotations

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from taawun.core.leases import Heartbeat, reclaim_expired
from taawun.core.periodic import enqueue_due_jobs


class Command(BaseCommand):
    help = "Process background tasks (imports, feed polling, reminders); enqueue periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=30.0, help="seconds between periodic-job checks")
        parser.add_argument("--batch", action="store_true", help="process the queue once, then exit")

    def handle(self, *args, tick: float, batch: bool, **options):
        stop = threading.Event()
        heartbeat = Heartbeat()
        heartbeat.start()
        if batch:
            self._tick()
        else:
            threading.Thread(target=self._schedule, args=(stop, tick), daemon=True).start()
        try:
            call_command("db_worker", batch=batch, verbosity=options["verbosity"])
        finally:
            stop.set()
            heartbeat.stop()

    def _tick(self) -> None:
        reclaim_expired()
        enqueue_due_jobs()

    def _schedule(self, stop: threading.Event, tick: float) -> None:
        while not stop.is_set():
            try:
                self._tick()
            except Exception as error:  # noqa: BLE001 - a failed check must not kill the worker
                self.stderr.write(f"periodic jobs: {error}")
            finally:
                close_old_connections()
            stop.wait(tick)
