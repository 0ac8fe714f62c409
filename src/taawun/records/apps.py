from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The generic record layer: list, detail, form and delete pages declared once per record type
    (crud) and catalogued (catalog), the audited save and delete every record goes through
    (services), record choices within the reader's clearance (forms, visibility) and who still
    refers to a record (referrers)."""

    name = "taawun.records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from taawun.records import catalog  # imports Crud, which imports models: loaded only now

        catalog.autodiscover()  # every app's records.py, in INSTALLED_APPS order
