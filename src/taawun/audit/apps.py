from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "taawun.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Imported here, as in every ready(): these modules import models, loaded only now.
        from django.contrib.auth import signals as auth

        from taawun.audit import signals

        auth.user_logged_in.connect(signals.logged_in, dispatch_uid="taawun.audit.logged_in")
        auth.user_logged_out.connect(signals.logged_out, dispatch_uid="taawun.audit.logged_out")
        auth.user_login_failed.connect(signals.login_failed, dispatch_uid="taawun.audit.login_failed")
