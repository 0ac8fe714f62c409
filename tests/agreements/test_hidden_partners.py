"""A joint committee's page names only the partner parties the reader may see (issue 16, M1)."""

from __future__ import annotations

import pytest

from taawun.agreements.models import JointCommittee
from taawun.registry.models import Party
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def test_the_committee_page_leaves_out_a_partner_above_the_clearance(make, low_clearance):
    Party.objects.filter(code="SY").update(classification="public")
    Party.objects.create(code="XSECRET", kind="organisation", name_ar="هيئة سرية", classification="secret")
    committee = make.committee(["SY", "XSECRET"], classification="public")
    page = logged_in(low_clearance).get(committee.get_absolute_url()).content.decode()
    assert "هيئة سرية" not in page
    assert "XSECRET" not in page
    assert Party.objects.get(code="SY").get_absolute_url() in page
    assert JointCommittee.objects.get(pk=committee.pk).parties.count() == 2
