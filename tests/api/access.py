"""The API's URLs in the permission matrix (tests/accounts/test_permission_matrix.py).

The documentation and the tokens page are pages like any other: every signed-in persona reaches
them. Everything else is checked per persona in tests/api: the operations answer to API tokens,
not to the web session (test_endpoints.py), the schema to either (test_views.py).
"""

from __future__ import annotations

from taawun.api.endpoints import RESOURCES

EVERYONE = dict.fromkeys(("administrator", "officer", "viewer", "auditor", "low_clearance"), 200)

PAGES = {
    "api:docs": EVERYONE,
    "api:tokens": EVERYONE,
}

OPERATIONS = ("list", "create", "detail", "update", "partial_update", "delete")

COVERED_ELSEWHERE = {
    "api:api-root",
    "api:openapi-json",
    "api:token_revoke",
    "api:not_found",
    *(f"api:{resource.key}_{operation}" for resource in RESOURCES for operation in OPERATIONS),
}
