"""The ingestion pages in the permission matrix (tests/accounts/test_permission_matrix.py)."""

EDITORS_ONLY = {"administrator": 200, "officer": 200, "viewer": 403, "auditor": 403, "low_clearance": 200}

PAGES = {
    "ingest:draft_list": EDITORS_ONLY,
    "ingest:upload": EDITORS_ONLY,
    "ingest:feed_list": EDITORS_ONLY,
    # The review desk's type-aheads (JSON; without a query, no results) and the merge pages.
    "ingest:person_search": EDITORS_ONLY,
    "ingest:agency_search": EDITORS_ONLY,
    "ingest:engagement_search": EDITORS_ONLY,
    "ingest:person_merge": EDITORS_ONLY,
    "ingest:agency_merge": EDITORS_ONLY,
    "ingest:engagement_merge": EDITORS_ONLY,
}

# Pages with an argument: tests/ingest/test_access.py walks them persona by persona.
COVERED_ELSEWHERE = {
    "ingest:draft_review",
    "ingest:batch_detail",
    "ingest:feed_detail",  # and per clearance in tests/accounts/test_permission_matrix.py
    "ingest:feed_poll",
    "ingest:feed_update",
    "ingest:feed_delete",
}
