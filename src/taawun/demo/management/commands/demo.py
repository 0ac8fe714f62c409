"""`taawun demo`: load a small, realistic demo dataset; running it again adds nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from taawun.demo.loader import load


class Command(BaseCommand):
    help = (
        "Load a small demo dataset (partners' agencies and people, engagements with sources, "
        "understandings, committees, action items, training, knowledge). Idempotent, all or nothing."
    )

    def handle(self, *args, **options):
        report = load()
        self.stdout.write(self.style.SUCCESS(report.summary()))
