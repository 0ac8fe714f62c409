"""Who may reach the search pages (read by tests/accounts/test_permission_matrix.py).

Every signed-in persona may search; what each finds is limited by its clearance, which
tests/search/test_clearance.py and test_views.py check record by record.
"""

PAGES = {
    "search:results": {
        "administrator": 200,
        "officer": 200,
        "viewer": 200,
        "auditor": 200,
        "low_clearance": 200,
    },
}
COVERED_ELSEWHERE: set[str] = set()
