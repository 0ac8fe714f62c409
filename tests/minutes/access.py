"""The minutes' own URLs in the permission matrix (tests/accounts/test_permission_matrix.py).

Each takes minutes: every persona's answer at every classification of the minutes is checked by
tests/minutes/test_permissions.py; the record pages (list, detail, form, delete, choices) are
walked by the matrix itself from the record catalogue."""

from __future__ import annotations

COVERED_ELSEWHERE = {
    "minutes:minutes_approve",
    "minutes:minutes_pdf",
    "minutes:minutes_send",
}
