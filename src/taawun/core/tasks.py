"""Background work of the core app (run by `taawun worker`)."""

from __future__ import annotations

from django.db import connection
from django_tasks import task


def refresh_planner_statistics() -> None:
    """Let the database's query planner know the tables' sizes and spreads again (ANALYZE).

    SQLite keeps no statistics unless asked; without them it takes, for instance, the index on
    classification for the engagement list and sorts every engagement instead of reading the
    list's own index in order. PostgreSQL's autovacuum does the same, this makes it certain.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@task()
def analyze_database() -> dict:
    """A periodic job (daily): keep the planner's statistics current as the data grows."""
    refresh_planner_statistics()
    return {"analyzed": connection.vendor}
