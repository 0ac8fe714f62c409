"""Who may read the audit trail."""

from __future__ import annotations


def can_read_audit(user) -> bool:
    """Auditors read the trail, and administrators, who answer for the installation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.role in {user.Role.AUDITOR, user.Role.ADMINISTRATOR}
