"""The schedule's pages in the permission matrix (tests/accounts/test_permission_matrix.py)."""

EVERYONE = {"administrator": 200, "officer": 200, "viewer": 200, "auditor": 200, "low_clearance": 200}

PAGES = {
    "schedule:month": EVERYONE,
    "schedule:agenda": EVERYONE,
    "schedule:tokens": EVERYONE,
}

# Pages with an argument, checked per persona in tests/schedule/test_views.py and test_feed.py.
COVERED_ELSEWHERE = {
    "schedule:token_revoke",
    "schedule:feed",
    "schedule:committee_timeline",
    "schedule:understanding_timeline",
}
