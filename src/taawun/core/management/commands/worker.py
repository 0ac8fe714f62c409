"""`taawun worker`: runs background tasks and enqueues the periodic jobs when they fall due."""

from __future__ import annotations

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from taawun.core.periodic import enqueue_due_jobs


class Command(BaseCommand):
    help = "Process background tasks (imports, feed polling, reminders); enqueue periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=30.0, help="seconds between periodic-job checks")
        parser.add_argument("--batch", action="store_true", help="process the queue once, then exit")

    def handle(self, *args, tick: float, batch: bool, **options):
        stop = threading.Event()
        if batch:
            enqueue_due_jobs()
        else:
            threading.Thread(target=self._schedule, args=(stop, tick), daemon=True).start()
        try:
            call_command("db_worker", batch=batch, verbosity=options["verbosity"])
        finally:
            stop.set()

    def _schedule(self, stop: threading.Event, tick: float) -> None:
        while not stop.is_set():
            try:
                enqueue_due_jobs()
            except Exception as error:  # noqa: BLE001 - a failed check must not kill the worker
                self.stderr.write(f"periodic jobs: {error}")
            finally:
                close_old_connections()
            stop.wait(tick)
