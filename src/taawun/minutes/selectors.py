"""What the minutes' pages read, within the reader's clearance."""

from __future__ import annotations

from django.urls import reverse

from taawun.access.policy import can_edit, can_view
from taawun.minutes import forms
from taawun.minutes.models import Approval, MinuteItem, Minutes, Sending


def items_visible_to(minutes: Minutes, user):
    return (
        MinuteItem.objects.visible_to(user)
        .filter(minutes=minutes)
        .select_related("owner_side", "owner_person", "action_item")
        .order_by("position", "pk")
    )


def approvals_of(minutes: Minutes) -> list[Approval]:
    """Every approval, the first first; those an edit reopened say by whom and when."""
    return list(minutes.approvals.select_related("approved_by", "reopened_by").order_by("approved_at", "pk"))


def sendings_of(minutes: Minutes) -> list[Sending]:
    return list(
        minutes.sendings.select_related("sent_by")
        .prefetch_related("deliveries__recipient")
        .order_by("-sent_at", "-pk")
    )


def minutes_detail(minutes: Minutes, user) -> dict:
    """The minutes' page: what they are of (the committee named where the reader may see it), the
    items the reader may see, the approvals and reopenings, the sendings, and the forms to print,
    approve and send."""
    session = minutes.session
    items = list(items_visible_to(minutes, user))
    for item in items:
        # The action item it made, where the reader may see it.
        item.visible_action_item = (
            item.action_item if item.action_item and can_view(user, item.action_item) else None
        )
        if item.owner_side and not can_view(user, item.owner_side):
            item.owner_side = None
        if item.owner_person and not can_view(user, item.owner_person):
            item.owner_person = None
    editable = can_edit(user, minutes)
    return {
        "minutes": minutes,
        "session": session,
        "committee": session.committee if session and can_view(user, session.committee) else None,
        "items": items,
        "approvals": approvals_of(minutes),
        "sendings": sendings_of(minutes) if editable else [],
        "pdf_form": forms.PdfForm(user=user, minutes=minutes, auto_id="id_pdf-%s"),
        "pdf_url": reverse("minutes:minutes_pdf", args=[minutes.pk]),
        "can_approve": editable and not minutes.is_approved,
        "can_send": editable and minutes.is_approved,
    }


def minutes_of(record, user) -> list[Minutes]:
    """The minutes of a session or an engagement the reader may see."""
    field = "session" if record._meta.model_name == "committeesession" else "engagement"
    return list(
        Minutes.objects.visible_to(user).filter(**{field: record}).select_related("session", "engagement")
    )


def minutes_section(record, user) -> dict:
    """What a session's or an engagement's page shows of its minutes: them, or (for an editor,
    where none is recorded) the link to write them."""
    field = "session" if record._meta.model_name == "committeesession" else "engagement"
    found = minutes_of(record, user)
    exists = found or Minutes.objects.filter(**{field: record}).exists()
    create_url = ""
    if can_edit(user, record) and not exists:
        create_url = (
            f"{reverse('minutes:minutes_create')}?{field}={record.pk}&classification={record.classification}"
        )
    return {"minutes_section": {"minutes": found, "create_url": create_url}}


def origin_of(action_item, user) -> dict:
    """The commitment an action item was made from, where the reader may see its minutes."""
    item = MinuteItem.objects.filter(action_item=action_item).select_related("minutes__session").first()
    if item is None or not can_view(user, item):
        return {}
    if not Minutes.objects.visible_to(user).filter(pk=item.minutes_id).exists():
        return {}
    return {"minutes_origin": item}
