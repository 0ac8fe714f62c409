"""What the home page shows: the office's state at a glance."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum
from django.utils import timezone

from taawun.agreements.models import ActionItem, Understanding
from taawun.registry.models import Engagement, Party
from taawun.registry.selectors import engagements_visible_to
from taawun.training.models import TrainingProgram

OPEN_STATUSES = [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS, ActionItem.Status.BLOCKED]


def home_summary(user, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    open_items = ActionItem.objects.visible_to(user).filter(status__in=OPEN_STATUSES)
    engaged = Q(engagements_hosted__isnull=False) | Q(engagements_as_guest__isnull=False)
    return {
        "today": today,
        "counts": {
            "partners": Party.objects.visible_to(user).filter(engaged).distinct().count(),
            "engagements": Engagement.objects.visible_to(user).count(),
            "understandings": Understanding.objects.visible_to(user).count(),
            "open_items": open_items.count(),
            "overdue_items": open_items.filter(due_on__lt=today).count(),
            "trainees": TrainingProgram.objects.visible_to(user).aggregate(total=Sum("trainees"))["total"]
            or 0,
        },
        "recent_engagements": engagements_visible_to(user)[:8],
        "due_items": open_items.filter(due_on__isnull=False)
        .select_related("owner_party", "owner_person", "owner_agency")
        .order_by("due_on")[:8],
        "expiring": Understanding.objects.visible_to(user)
        .filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=180))
        .prefetch_related("parties")
        .order_by("expires_on")[:8],
    }
