"""What a created record's entry reads: its values, without a "— →" before each, and no line for a
field that was empty before and after."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from taawun.audit.models import Action
from taawun.audit.services import append
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def changes_shown(auditor) -> str:
    body = logged_in(auditor).get("/en" + reverse("audit:entry_list")).content.decode()
    return re.search(r'<ul class="changes">(.*?)</ul>', body, re.S).group(1)


def test_a_created_record_lists_its_values_without_an_arrow_from_nothing(make, officer, auditor):
    item = make.action_item("SY")
    append(
        action=Action.CREATE,
        actor=officer,
        record=item,
        changes={"progress": {"old": None, "new": 40}, "description": {"old": None, "new": ""}},
    )
    shown = changes_shown(auditor)
    assert "<bdi>40</bdi>" in shown
    assert "→" not in shown and "—" not in shown
    assert "Description" not in shown and "description" not in shown  # empty before and after


def test_an_update_from_nothing_keeps_its_arrow(make, officer, auditor):
    item = make.action_item("SY")
    append(action=Action.UPDATE, actor=officer, record=item, changes={"progress": {"old": None, "new": 40}})
    shown = changes_shown(auditor)
    assert re.search(
        r"<bdi>—</bdi> <span class=\"arrow\" aria-hidden=\"true\">→</span>.*<bdi>40</bdi>", shown
    )
