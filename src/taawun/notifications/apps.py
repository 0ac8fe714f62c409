from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "taawun.notifications"
    verbose_name = _("Notifications")
    # Daily; a run finds only the reminders not sent yet, so an extra run sends nothing twice.
    periodic_jobs = [("taawun.notifications.tasks.send_reminders", 86400)]
