from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import Classification


class TaawunUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # The installation's first administrator sees everything.
        extra_fields.setdefault("role", User.Role.ADMINISTRATOR)
        extra_fields.setdefault("clearance", Classification.SECRET)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of the office, with a role and a clearance."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        OFFICER = "officer", _("Officer")
        VIEWER = "viewer", _("Viewer")
        AUDITOR = "auditor", _("Auditor")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    clearance = models.CharField(
        _("clearance"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )
    # A password someone else chose or saw (a new account's, a reset's, the first administrator's):
    # its owner replaces it before doing anything else (accounts.middleware.PasswordChangeMiddleware).
    must_change_password = models.BooleanField(_("must change the password"), default=False, editable=False)

    # Whom an action item assigned to this user is escalated to when it stays overdue
    # (notifications.selectors); set by administrators.
    supervisor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised",
        verbose_name=_("supervisor"),
    )
    # Coordinators of the office's follow-up receive the digest of open and overdue items (only
    # those each may see); a capability beside the role, as an officer or a viewer may coordinate.
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Receives the weekly digest of the office's open and overdue action items."),
    )

    objects = TaawunUserManager()

    def has_role_to_edit(self) -> bool:
        return self.is_active and self.role in {self.Role.ADMINISTRATOR, self.Role.OFFICER}
