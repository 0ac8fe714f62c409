"""The training pages outside the Crud in the permission matrix (tests/accounts/test_permission_matrix.py)."""

PAGES = {
    "training:pledged_vs_delivered": {
        "administrator": 200,
        "officer": 200,
        "viewer": 200,
        "auditor": 200,
        "low_clearance": 200,
    },
}
