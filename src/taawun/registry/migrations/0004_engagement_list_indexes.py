"""Indexes that let the database page the engagement list in its order instead of sorting it whole,
and count a reader's engagements from a small index instead of the table.

The list's order is `start_date DESC NULLS LAST, created_at DESC` (Engagement.Meta.ordering).
SQLite reads it from a (start_date DESC, created_at DESC) index (NULLs sort last there) but refuses
NULLS LAST in an index; PostgreSQL needs NULLS LAST in the index to use it for that order.
"""

from django.db import migrations

INDEX = "registry_engagement_list_order"
CLASSIFICATION_INDEX = "registry_engagement_classification"

CREATE = {
    "sqlite": f'CREATE INDEX IF NOT EXISTS {INDEX} ON registry_engagement (start_date DESC, created_at DESC)',
    "postgresql": f"CREATE INDEX IF NOT EXISTS {INDEX} ON registry_engagement "
    "(start_date DESC NULLS LAST, created_at DESC)",
}


def create(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor in CREATE:
        schema_editor.execute(CREATE[vendor])
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {CLASSIFICATION_INDEX} ON registry_engagement (classification)"
        )


def drop(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {CLASSIFICATION_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_source_once_per_level")]

    operations = [migrations.RunPython(create, drop)]
