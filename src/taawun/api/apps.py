from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "taawun.api"
    verbose_name = _("Api")

    def ready(self):
        # Imported here, as in every ready(): these modules import models, loaded only now.
        from taawun.accounts.services import user_deactivated
        from taawun.api.services import revoke_tokens_of_deactivated_user

        # A deactivated user's tokens are revoked in the same transaction (never revived with the account).
        user_deactivated.connect(revoke_tokens_of_deactivated_user, dispatch_uid="api.revoke_tokens")
