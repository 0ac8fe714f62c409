"""Who reaches the report pages (for tests/accounts/test_permission_matrix.py)."""

EVERYONE = {"administrator": 200, "officer": 200, "viewer": 200, "auditor": 200, "low_clearance": 200}

PAGES = {"reports:dashboard": EVERYONE}
# The brief takes a party code: test_reports.py and test_brief.py check it per clearance.
COVERED_ELSEWHERE = {"reports:country_brief", "reports:country_brief_pdf", "reports:country_brief_docx"}
