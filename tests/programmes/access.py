"""The programme pages that are not a record type's, in the permission matrix
(tests/accounts/test_permission_matrix.py): they take an engagement, and are checked persona by
persona and classification by classification in tests/programmes/test_access.py."""

COVERED_ELSEWHERE = {
    "programmes:programme",
    "programmes:programme_pdf",
    "programmes:delegation_order",
}
