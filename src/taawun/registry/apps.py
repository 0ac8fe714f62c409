from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "taawun.registry"
    verbose_name = _("Cooperation registry")
    # A person's position shown follows the posts that began or ended with the date.
    periodic_jobs = [("taawun.registry.tasks.refresh_positions", 3600)]
