"""Writing minutes as the pages do: the form's fields and its rows of items."""

from __future__ import annotations

from django.urls import reverse

from taawun.minutes.models import Minutes
from tests.pages import text


def minutes_form(parent, *, items=(), existing=(), **fields) -> dict:
    """What the minutes form posts: the record's fields, then the items (dicts of an item's
    fields; `existing`: items already stored, sent again with their ids)."""
    key = "session" if parent._meta.model_name == "committeesession" else "engagement"
    data = {
        f"record-{key}": parent.pk,
        "record-classification": parent.classification,
        "record-summary_ar": "",
        "record-summary_en": "",
        "fs0-TOTAL_FORMS": str(len(existing) + len(items)),
        "fs0-INITIAL_FORMS": str(len(existing)),
        "fs0-MIN_NUM_FORMS": "0",
        "fs0-MAX_NUM_FORMS": "1000",
    }
    data.update({f"record-{name}": value for name, value in fields.items()})
    rows = [{"id": item.pk, **item_values(item)} for item in existing] + [dict(item) for item in items]
    for index, row in enumerate(rows):
        row.setdefault("position", 0)
        row.setdefault("kind", "decision")
        row.setdefault("classification", data["record-classification"])
        for name, value in row.items():
            data[f"fs0-{index}-{name}"] = "" if value is None else str(value)
    return data


def item_values(item) -> dict:
    return {
        "position": item.position,
        "kind": item.kind,
        "text_ar": item.text_ar,
        "text_en": item.text_en,
        "classification": item.classification,
        "owner_side": item.owner_side_id or "",
        "owner_person": item.owner_person_id or "",
        "due_on": item.due_on.isoformat() if item.due_on else "",
        "from_decision": item.from_decision or "",
    }


def write_minutes(client, parent, **kwargs) -> Minutes:
    response = client.post(reverse("minutes:minutes_create"), minutes_form(parent, **kwargs))
    assert response.status_code == 302, text(response)[:3000]
    return Minutes.objects.order_by("-pk").first()
