"""`taawun serve`: the production-grade HTTP server (gunicorn) on 127.0.0.1:$PORT."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Taawun with gunicorn (PORT, TAAWUN_BIND and TAAWUN_WORKERS override the defaults)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=None, help="address:port (default 127.0.0.1:$PORT or 8000)")
        parser.add_argument("--workers", type=int, default=None, help="worker processes (default 2)")

    def handle(self, *args, bind=None, workers=None, **options):
        bind = bind or os.environ.get("TAAWUN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
        workers = workers or int(os.environ.get("TAAWUN_WORKERS", "2"))
        self.stdout.write(f"Taawun: http://{bind}/")
        argv = [
            sys.executable, "-m", "gunicorn", "--config", "python:taawun.gunicorn", "taawun.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--access-logfile", "-",
        ]  # fmt: skip
        sys.stdout.flush()
        os.execv(sys.executable, argv)
