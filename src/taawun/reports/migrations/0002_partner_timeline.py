"""Each partner's engagements in list order (reports.models.PartnerTimeline), filled from the
engagements there are, with the index that reads them in that order."""

from django.db import migrations, models

INDEX = "reports_partnertimeline_order"

# The list's order is `start_date DESC NULLS LAST, created_at DESC`; SQLite sorts NULLs last in a
# DESC index and refuses the words, PostgreSQL needs them (as in registry 0004). The classification
# and engagement in the index answer a page without reading the table.
CREATE = {
    "sqlite": f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_partnertimeline "
    "(party, start_date DESC, created_at DESC, classification, engagement_id)",
    "postgresql": f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_partnertimeline "
    "(party, start_date DESC NULLS LAST, created_at DESC, classification, engagement_id)",
}


def fill(apps, schema_editor):
    from taawun.reports.tallies import rebuild

    vendor = schema_editor.connection.vendor
    if vendor in CREATE:
        schema_editor.execute(CREATE[vendor])
    rebuild(apps)
    if vendor in CREATE:  # the planners' statistics of the rows just written
        schema_editor.execute("ANALYZE reports_partnertimeline")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("registry", "0004_engagement_list_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartnerTimeline",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("party", models.CharField(max_length=20, verbose_name="partner")),
                ("engagement_id", models.BigIntegerField(db_index=True, verbose_name="engagement")),
                ("start_date", models.DateField(null=True, verbose_name="start date")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                ("classification", models.CharField(max_length=16, verbose_name="classification")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("party", "engagement_id"), name="one_timeline_row_per_partner")
                ],
            },
        ),
        migrations.RunPython(fill, drop),
    ]
