"""Each partner's open action items in due order (reports.models.PartnerCommitment), filled from the
items there are."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from taawun.reports.commitments import rebuild

    rebuild(apps)
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):  # the planners' statistics
        schema_editor.execute("ANALYZE reports_partnercommitment")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_party_tally_by_party"),
        ("agreements", "0003_understanding_list_order"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartnerCommitment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("party", models.CharField(max_length=20, verbose_name="partner")),
                ("item_id", models.BigIntegerField(db_index=True, verbose_name="action item")),
                ("due_on", models.DateField(null=True, verbose_name="due on")),
                ("classification", models.CharField(max_length=16, verbose_name="classification")),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["party", "due_on", "item_id", "classification"], name="reports_commitment_order"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("party", "item_id"), name="one_commitment_row_per_partner")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
