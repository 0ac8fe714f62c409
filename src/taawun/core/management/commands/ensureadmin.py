"""`taawun ensureadmin`: create the first administrator, printing its password once."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an administrator named 'admin' with a random password, unless a superuser exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator already exists; no password was changed.")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(
            username=username, email="", password=password, must_change_password=True
        )
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {username} / {password}"))
        self.stdout.write(
            "This password is shown once; you will be asked to choose your own at the first login."
        )
