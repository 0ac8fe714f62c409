from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from taawun.accounts import sessions


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.mark_login(request.session)
