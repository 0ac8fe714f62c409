"""Who reaches the follow-up pages that are not a record type's (see tests/accounts/test_permission_matrix.py)."""

PAGES = {
    "agreements:overdue": {
        "administrator": 200,
        "officer": 200,
        "viewer": 200,
        "auditor": 200,
        "low_clearance": 200,
    },
}

# Pages that take a record: checked persona by persona in tests/agreements/test_pages.py.
COVERED_ELSEWHERE = {
    "agreements:understanding_transition",
    "agreements:actionitem_progress",
    # tests/agreements/test_participants.py
    "agreements:actionitem_assign",
    "agreements:actionitem_watch",
    "agreements:actionitem_comment",
}
