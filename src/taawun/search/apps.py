from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "taawun.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The index follows the records it is derived from: see taawun.search.signals for why
        # signals are the right tool here and nowhere else.
        from taawun.search import signals

        signals.connect()
