"""Background jobs of the registry (run by `taawun worker`)."""

from __future__ import annotations

from django_tasks import task

from taawun.registry.services import positions_refresh


@task()
def refresh_positions() -> int:
    """The posts held change with the date: each person's position shown again for the posts that
    began or ended lately (registry.services.positions_refresh); safe to run more than once."""
    return positions_refresh()
