from __future__ import annotations

from django.test import RequestFactory

from taawun.audit.models import AuditEntry


def entries(**filters) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(**filters).order_by("seq"))


def web_request(ip: str = "10.1.2.3", path: str = "/registry/", **meta):
    return RequestFactory().post(path, REMOTE_ADDR=ip, **meta)


def formset_data(formset, rows: list[dict], prefix: str) -> dict:
    """POST data for an inline formset: `rows` are the forms' fields, existing rows first."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data
