from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "taawun.accounts"
    verbose_name = _("Users and access")

    def ready(self) -> None:
        from taawun.accounts import signals  # noqa: F401 - connects the receivers
