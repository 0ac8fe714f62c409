"""An index in the understandings' own order (latest signed first, unsigned last), on PostgreSQL.

A busy partner's first understandings (its profile) were found by joining every understanding
with the partner's links and sorting them: 20-30 ms at a million engagements. With the index,
PostgreSQL walks the understandings in order and checks each one's link, and it keeps the join
for a partner with few (its statistics tell them apart). SQLite, with no such statistics, could
walk the whole index for a rare partner, and already answers from the partner's links in a few
milliseconds, so it does not get the index.
"""

from django.db import migrations

INDEX = "agreements_understanding_list_order"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON agreements_understanding "
            "(signed_on DESC NULLS LAST, created_at DESC)"
        )


def drop(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_actionitemupdate_understandingstatuschange")]

    operations = [migrations.RunPython(create, drop)]
