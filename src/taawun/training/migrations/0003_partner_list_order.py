"""Indexes of a partner's training programs, given and received, in the programs' own order
(latest start first, undated last, then the latest recorded).

A profile shows a partner's latest twenty of each; a busy partner gives or receives thousands,
and without an index in that order both databases read and sorted all of them (8 ms a profile on
SQLite at a million engagements). SQLite keeps NULLs last in a DESC index and refuses the words;
PostgreSQL needs them.
"""

from django.db import migrations

INDEXES = {f"training_trainingprogram_{side}_order": f"{side}_id" for side in ("provider", "recipient")}
START = {"sqlite": "start_date DESC", "postgresql": "start_date DESC NULLS LAST"}


def create(apps, schema_editor) -> None:
    start = START.get(schema_editor.connection.vendor)
    if start is None:
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON training_trainingprogram ({column}, {start}, created_at DESC)"
        )


def drop(apps, schema_editor) -> None:
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("training", "0002_trainingcohort")]

    operations = [migrations.RunPython(create, drop)]
