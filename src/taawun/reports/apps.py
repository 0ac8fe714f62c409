from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "taawun.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from taawun.reports import commitments, figures, tallies

        tallies.connect()  # the dashboard's counts follow every change of an engagement
        commitments.connect()  # the partners' open commitments every change of an action item
        figures.connect()  # cached figures go stale when the records they count change
