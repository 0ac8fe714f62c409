from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "taawun.notifications"
    verbose_name = _("Notifications")
    # Daily; a run finds only the reminders not sent yet, so an extra run sends nothing twice.
    # The coordinators' digest is checked daily too, and goes once a week (its first run of the week).
    periodic_jobs = [
        ("taawun.notifications.tasks.send_reminders", 86400),
        ("taawun.notifications.tasks.send_digest", 86400),
    ]
