"""The ingestion pages in the permission matrix (tests/accounts/test_permission_matrix.py)."""

EDITORS_ONLY = {"administrator": 200, "officer": 200, "viewer": 403, "auditor": 403, "low_clearance": 200}

PAGES = {
    "ingest:draft_list": EDITORS_ONLY,
    "ingest:upload": EDITORS_ONLY,
    "ingest:feed_list": EDITORS_ONLY,
    # The merge pages (their pickers and the review desk's ask the record types' choices
    # addresses, in the permission matrix with every record type).
    "ingest:person_merge": EDITORS_ONLY,
    "ingest:agency_merge": EDITORS_ONLY,
    "ingest:engagement_merge": EDITORS_ONLY,
    "ingest:source_merge": EDITORS_ONLY,
}

# The review desk's decisions (POST only; a GET is 405), each posted empty on an "internal" draft
# by each persona in tests/ingest/test_access.py. An editor gets the desk back with the errors
# (400), or a 404 when attaching to no engagement (a 302 reading it again with no home party);
# a viewer or an auditor is refused; a draft above the clearance does not exist.
REFUSED = {"viewer": 403, "auditor": 403, "low_clearance": 404}
DECISIONS = {
    "ingest:draft_accept": {"administrator": 400, "officer": 400, **REFUSED},
    "ingest:draft_save": {"administrator": 400, "officer": 400, **REFUSED},
    "ingest:draft_attach": {"administrator": 404, "officer": 404, **REFUSED},
    "ingest:draft_reject": {"administrator": 400, "officer": 400, **REFUSED},
    # Posted empty, it reads the draft again with no home party: a valid choice, the desk again.
    "ingest:draft_reextract": {"administrator": 302, "officer": 302, **REFUSED},
}

# Pages with an argument: tests/ingest/test_access.py walks them persona by persona.
COVERED_ELSEWHERE = {
    "ingest:draft_review",
    *DECISIONS,
    "ingest:batch_detail",
    "ingest:feed_detail",  # and per clearance in tests/accounts/test_permission_matrix.py
    "ingest:feed_poll",
    "ingest:feed_update",
    "ingest:feed_delete",
}
