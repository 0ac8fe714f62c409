from __future__ import annotations

import pytest


@pytest.fixture
def chief(db, django_user_model):
    """An administrator, who may read the trail as well as the auditor."""
    return django_user_model.objects.create_user(
        username="chief", password="a long test password 2", role="administrator", clearance="secret"
    )
