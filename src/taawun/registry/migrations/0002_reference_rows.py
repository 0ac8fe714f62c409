from django.db import migrations


def load_reference_rows(apps, schema_editor):
    from taawun.registry import catalogue

    catalogue.sync(apps.get_model("registry", "Party"), apps.get_model("registry", "Domain"),
                   apps.get_model("registry", "CooperationForm"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load_reference_rows, migrations.RunPython.noop)]
