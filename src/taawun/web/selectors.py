"""What the home page shows: the office's state at a glance."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from taawun.agreements.models import ActionItem, Understanding
from taawun.registry.models import Engagement
from taawun.registry.selectors import engagements_visible_to
from taawun.reports.selectors import active_partners
from taawun.training.models import TrainingProgram

DUE_SHOWN = 8  # rows of the home page's action items by due date
OVERDUE_SHOWN = 3  # of which at most this many overdue ones, so the coming deadlines always show


def due_items(user, today: dt.date) -> list[ActionItem]:
    """The deadlines nearest today: the few most recently missed (flagged as overdue on the page;
    the overdue page lists them all) and then the coming ones, soonest first."""
    items = (
        ActionItem.objects.visible_to(user)
        .open()
        .filter(due_on__isnull=False)
        .select_related("owner_party", "owner_person", "owner_agency")
    )
    missed = list(items.filter(due_on__lt=today).order_by("-due_on", "-pk")[:DUE_SHOWN])
    coming = list(items.filter(due_on__gte=today).order_by("due_on", "pk")[:DUE_SHOWN])
    missed = missed[: max(DUE_SHOWN - len(coming), OVERDUE_SHOWN)]
    return sorted(missed, key=lambda item: (item.due_on, item.pk)) + coming[: DUE_SHOWN - len(missed)]


def home_summary(user, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    open_items = ActionItem.objects.visible_to(user).open()
    return {
        "today": today,
        "counts": {
            "partners": active_partners(user).count(),
            "engagements": Engagement.objects.visible_to(user).count(),
            "understandings": Understanding.objects.visible_to(user).count(),
            "open_items": open_items.count(),
            "overdue_items": open_items.overdue(today).count(),
            # People trained: places pledged or planned are promises, not trainees (the training
            # pages count those apart).
            "trainees": TrainingProgram.objects.visible_to(user)
            .filter(status=TrainingProgram.Status.DELIVERED)
            .aggregate(total=Sum("trainees"))["total"]
            or 0,
        },
        "recent_engagements": engagements_visible_to(user)[:8],
        "due_items": due_items(user, today),
        "expiring": Understanding.objects.visible_to(user)
        .filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=180))
        .prefetch_related("parties")
        .order_by("expires_on")[:8],
    }
