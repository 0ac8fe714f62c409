"""Background jobs of the notifications app (run by `taawun worker`)."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from taawun.notifications.services import digest_send, reminders_send


@task()
def send_reminders() -> dict[str, int]:
    """The daily reminders (see taawun.notifications.selectors); safe to run more than once a day."""
    return asdict(reminders_send())


@task()
def send_digest() -> dict[str, int]:
    """The coordinators' weekly digest; a second run in the same week sends nothing."""
    return asdict(digest_send())
