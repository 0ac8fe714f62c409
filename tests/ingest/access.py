"""The ingestion pages in the permission matrix (tests/accounts/test_permission_matrix.py)."""

EDITORS_ONLY = {"administrator": 200, "officer": 200, "viewer": 403, "auditor": 403, "low_clearance": 200}

PAGES = {
    "ingest:draft_list": EDITORS_ONLY,
    "ingest:upload": EDITORS_ONLY,
    "ingest:feed_list": EDITORS_ONLY,
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
