"""Pages of records the reader may see name no linked record above the reader's clearance:
a partner's training lines (issue 16, M2) and agencies, an engagement's participants' parties;
and the partner filter "with engagements" counts only engagements the reader may see (M4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.registry.models import Party
from tests.api.client import ApiClient, token_for
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

SECRET = "هيئة سرية للغاية"


@pytest.fixture
def partners(make):
    """SY, SA and QA public, XSECRET a secret organisation."""
    Party.objects.filter(code__in=["SY", "SA", "QA"]).update(classification="public")
    return Party.objects.create(code="XSECRET", kind="organisation", name_ar=SECRET, classification="secret")


def test_the_profile_does_not_name_a_hidden_recipient_of_training(make, partners, low_clearance):
    make.training("SY", "XSECRET", title_ar="دورة علنية", classification="public")
    page = logged_in(low_clearance).get(reverse("registry:party_detail", args=["SY"])).content.decode()
    assert "دورة علنية" in page
    assert SECRET not in page


def test_the_profile_does_not_name_a_hidden_provider_of_training(make, partners, low_clearance):
    make.training("XSECRET", "SY", title_ar="دورة علنية", classification="public")
    page = logged_in(low_clearance).get(reverse("registry:party_detail", args=["SY"])).content.decode()
    assert "دورة علنية" in page
    assert SECRET not in page


def test_the_profile_names_a_visible_other_side_of_training(make, partners, low_clearance):
    make.training("SY", "SA", title_ar="دورة علنية", classification="public")
    page = logged_in(low_clearance).get(reverse("registry:party_detail", args=["SY"])).content.decode()
    assert str(Party.objects.get(code="SA")) in page


def test_the_profile_does_not_name_a_hidden_parent_agency(make, partners, low_clearance):
    parent = make.agency("SY", name_ar="مديرية سرية", classification="secret")
    make.agency("SY", name_ar="إدارة علنية", parent=parent, classification="public")
    page = logged_in(low_clearance).get(reverse("registry:party_detail", args=["SY"])).content.decode()
    assert "إدارة علنية" in page and "مديرية سرية" not in page


def test_an_engagement_does_not_name_a_participant_s_hidden_party(make, partners, low_clearance):
    person = make.person("XSECRET", name_ar="ضيف علني", classification="public")
    engagement = make.engagement("SY", ["SA"], participants=[(person, "head")], classification="public")
    page = logged_in(low_clearance).get(engagement.get_absolute_url()).content.decode()
    assert "ضيف علني" in page and SECRET not in page


# --- M4 ---------------------------------------------------------------------------------------


def active_codes(client, **filters) -> list[str]:
    page = client.get(reverse("registry:party_list"), {"active": "true", **filters}).content.decode()
    return [code for code in ("SY", "QA") if reverse("registry:party_detail", args=[code]) in page]


def test_a_partner_whose_only_engagement_is_hidden_is_not_with_engagements(make, partners, low_clearance):
    make.engagement("SY", [], classification="secret")
    make.engagement("QA", [], classification="public")
    assert active_codes(logged_in(low_clearance)) == ["QA"]


def test_a_partner_whose_only_engagement_is_hidden_is_without_engagements(make, partners, low_clearance):
    make.engagement("SY", [], classification="secret")
    page = (
        logged_in(low_clearance)
        .get(reverse("registry:party_list"), {"active": "false", "q": "SY"})
        .content.decode()
    )
    assert reverse("registry:party_detail", args=["SY"]) in page


def test_a_reader_cleared_for_it_sees_the_partner_with_engagements(make, partners, officer):
    make.engagement(None, ["SY"], classification="secret")
    assert "SY" in active_codes(logged_in(officer))


def test_the_api_lists_with_engagements_only_partners_with_visible_ones(make, partners, low_clearance):
    make.engagement("SY", [], classification="secret")
    make.engagement("QA", [], classification="public")
    make.engagement("SA", [], classification="public")  # the office's own country: no partner of itself
    response = ApiClient(token_for(low_clearance)).get("/api/parties", active="true")
    assert [item["code"] for item in response.json()["items"]] == ["QA"]
