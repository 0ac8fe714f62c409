"""API tokens expire: existing ones get the default lifetime counted from their creation."""

import datetime as dt

from django.conf import settings
from django.db import migrations, models


def set_expiry(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    lifetime = dt.timedelta(days=max(1, settings.TAAWUN_API_TOKEN_DAYS))
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + lifetime)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="expires"),
        ),
        migrations.RunPython(set_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, verbose_name="expires"),
        ),
    ]
