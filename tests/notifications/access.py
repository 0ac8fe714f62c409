"""Who reaches the notifications pages (see tests/accounts/test_permission_matrix.py)."""

EVERYONE = ("administrator", "officer", "viewer", "auditor", "low_clearance")

PAGES = {
    # Everyone has their own list (empty for a user with no items).
    "notifications:my_items": dict.fromkeys(EVERYONE, 200),
    "notifications:list": dict.fromkeys(EVERYONE, 200),
    # Marking all read is a POST; a GET is refused whoever asks.
    "notifications:read_all": dict.fromkeys(EVERYONE, 405),
    # Who is who decides who is told what: administrators only; others do not see the page exist.
    "notifications:contact_list": {
        "administrator": 200,
        "officer": 404,
        "viewer": 404,
        "auditor": 404,
        "low_clearance": 404,
    },
}

# Pages that take an argument: checked persona by persona in tests/notifications/test_pages.py.
COVERED_ELSEWHERE = {
    "notifications:read",
    "notifications:contact_update",
    # tests/notifications/test_reminder_rules.py
    "notifications:reminder_rule",
}
