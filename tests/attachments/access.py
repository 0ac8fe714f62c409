"""The attachments' URLs in the permission matrix (tests/accounts/test_permission_matrix.py).

Each takes a record or a file: every persona's answer to each, on every record type, is checked
by tests/attachments/test_permissions.py (and the refusals' audit by test_views.py); the API's
operation by test_api.py."""

from __future__ import annotations

COVERED_ELSEWHERE = {
    "attachments:add",
    "attachments:download",
    "attachments:delete",
    # The API's list of a record's files: tests/attachments/test_api.py.
    "api:engagement_attachments",
    "api:understanding_attachments",
    "api:actionitem_attachments",
    "api:committeesession_attachments",
    "api:minutes_attachments",
}
