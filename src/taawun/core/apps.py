from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "taawun.core"
    verbose_name = _("Core")
    periodic_jobs = [("taawun.core.tasks.analyze_database", 86400)]
