from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectionsConfig(AppConfig):
    name = "taawun.projections"
    verbose_name = _("Derived data")

    def ready(self) -> None:
        from taawun.projections.derived import PROJECTIONS  # imports models: once they are loaded

        for projection in PROJECTIONS:
            projection.connect()
