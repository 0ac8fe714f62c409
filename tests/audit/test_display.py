"""The audit trail as an auditor reads it: field labels, values as the reader knows them (a related
record by name only within the reader's clearance), the arrow pointing the way the text reads, one
choice per record type, no structured data dumped, and pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from taawun.agreements.models import ActionItem
from taawun.audit.models import Action
from taawun.audit.services import append
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def said(message: str, language: str = "ar") -> str:
    with translation.override(language):
        return gettext(message)


def page(auditor, language: str = "ar", **query) -> str:
    with translation.override(language):
        address = reverse("audit:entry_list")
    response = logged_in(auditor).get(address, query)
    assert response.status_code == 200
    return response.content.decode()


def owner_change(make, officer, owner):
    item = make.action_item("SY", title="Exchange liaison officers")
    append(
        action=Action.UPDATE,
        actor=officer,
        record=item,
        changes={"owner_person": {"old": None, "new": owner.pk}, "status": {"old": "open", "new": "blocked"}},
    )
    return item


def test_a_change_reads_by_field_label_and_the_related_record_name(make, officer, auditor):
    owner = make.person("SY", name_ar="العقيد سامر الحلبي", classification="public")
    owner_change(make, officer, owner)
    body = page(auditor)
    label = capfirst(said(str(ActionItem._meta.get_field("owner_person").verbose_name)))
    assert re.search(
        f"{re.escape(label)}: <bdi>—</bdi> <span[^>]*>←</span>.*?<bdi>العقيد سامر الحلبي</bdi>", body
    )
    assert "owner_person" not in body and f"→ {owner.pk}" not in body
    assert f"<bdi>{said('Open')}</bdi>" in body and f"<bdi>{said('Blocked')}</bdi>" in body


def test_a_related_record_above_the_reader_clearance_is_not_named(make, officer, auditor):
    owner = make.person("SY", name_ar="اسم سري للغاية", classification="secret")
    owner_change(make, officer, owner)
    body = page(auditor)  # the auditor is cleared for internal records
    assert "اسم سري للغاية" not in body
    assert said("a record you may not see") in body


def test_the_arrow_points_the_way_the_text_reads(make, officer, auditor):
    item = make.action_item("SY")
    append(action=Action.UPDATE, actor=officer, record=item, changes={"progress": {"old": 10, "new": 40}})
    arabic, english = page(auditor), page(auditor, "en")
    assert re.search(r"<bdi>10</bdi> <span class=\"arrow\" aria-hidden=\"true\">←</span>", arabic)
    assert re.search(r"<bdi>10</bdi> <span class=\"arrow\" aria-hidden=\"true\">→</span>", english)


def test_structured_data_is_not_dumped(officer, auditor):
    evidence = {"title": ["a quoted sentence of the article " * 20]}
    append(
        action=Action.UPDATE,
        actor=officer,
        model_label="ingest.draft",
        object_pk="1",
        changes={"evidence": {"old": {}, "new": evidence}},
    )
    body = page(auditor, "en")
    assert "a quoted sentence" not in body
    assert "structured data (not shown)" in body


def test_the_record_type_filter_offers_each_type_once_by_name(officer, auditor, make):
    engagement = make.engagement()
    append(
        action=Action.ACCESS_DENIED,
        actor=officer,
        model_label="registry.Engagement",
        object_pk=str(engagement.pk),
    )
    append(action=Action.VIEW, actor=officer, record=engagement)
    body = page(auditor, "en")
    select = re.search(r'<select name="model".*?</select>', body, re.S)[0]
    values = re.findall(r'<option value="([^"]*)"', select)
    assert len(values) == len(set(values))
    assert '<option value="registry.engagement">Engagement</option>' in select
    # Both spellings of the label are found under the one choice.
    listed = page(auditor, "en", model="registry.engagement")
    assert listed.count(f"#{engagement.pk}</small>") == 2


def test_the_trail_is_paged(officer, auditor, settings):
    settings.PAGE_SIZE = 2
    for number in range(5):
        append(action=Action.EXPORT, actor=officer, note=f"export {number}")
    body = page(auditor, "en")
    rows = re.search(r"<tbody>(.*?)</tbody>", body, re.S)[1]
    assert rows.count("<tr>") == 2
    assert "page=2" in body
