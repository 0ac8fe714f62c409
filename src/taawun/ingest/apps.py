from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "taawun.ingest"
    verbose_name = _("Ingest")
    # Watched feeds are polled every 15 minutes by `taawun worker`.
    periodic_jobs = [("taawun.ingest.tasks.poll_feeds", 900)]
