from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo dataset and `taawun demo`, which loads it."""

    name = "taawun.demo"
    verbose_name = _("Demo data")
