"""Entries carry their classification and a keyed MAC; AuditedRecord remembers each record's
highest classification, filled here from the existing entries and the records as they are now.

Existing entries are left exactly as written (no classification, no MAC), so the chain verifies
as before: their classification is read through AuditedRecord, and `audit verify` counts them as
written before the audit key.
"""

from django.db import migrations, models

from taawun.audit.classification import About, Classifier

CHUNK = 2000


def remember_highest_classifications(apps, schema_editor):
    using = schema_editor.connection.alias
    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditedRecord = apps.get_model("audit", "AuditedRecord")
    rows = (
        AuditEntry.objects.using(using)
        .exclude(model_label="")
        .order_by("seq")
        .values_list("model_label", "object_pk", "changes")
    )
    chunk = []
    for label, pk, changes in rows.iterator(chunk_size=CHUNK):
        chunk.append(About(label=label, pk=pk, changes=changes if isinstance(changes, dict) else {}))
        if len(chunk) == CHUNK:
            _remember(apps, AuditedRecord, using, chunk)
            chunk = []
    _remember(apps, AuditedRecord, using, chunk)


def _remember(apps, AuditedRecord, using, chunk):
    # A classifier per chunk: it reads what earlier chunks wrote, and memory stays flat.
    classifier = Classifier(apps, AuditedRecord, using=using)
    classifier.classify(chunk)
    classifier.save()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_chain_head"),
        # The records whose classification the entries inherit, as they are now.
        ("registry", "0005_person_party_order"),
        ("agreements", "0003_understanding_list_order"),
        ("training", "0003_partner_list_order"),
        ("knowledge", "0001_initial"),
        ("ingest", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="classification",
            field=models.CharField(blank=True, max_length=16, null=True, verbose_name="classification"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="MAC"),
        ),
        migrations.CreateModel(
            name="AuditedRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("model_label", models.CharField(max_length=100)),
                ("object_pk", models.CharField(max_length=64)),
                ("classification", models.CharField(max_length=16)),
            ],
            options={
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(fields=("model_label", "object_pk"), name="audit_record_unique")
                ],
            },
        ),
        migrations.RunPython(remember_highest_classifications, migrations.RunPython.noop, elidable=True),
    ]
