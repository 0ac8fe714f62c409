"""The review of a draft shows a partner above the reviewer's clearance exactly as a code that is
not in the registry (issue 16, M3), and no engagement filed above it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.ingest.models import Draft
from taawun.registry.models import Party

pytestmark = pytest.mark.django_db

SECRET = "هيئة سرية للغاية"


def review_page(client, draft) -> str:
    return client.get(reverse("ingest:draft_review", args=[draft.pk])).content.decode()


def evidence_of(page: str) -> str:
    return page.split('class="evidence-list"', 1)[1].split("</dl>", 1)[0]


@pytest.fixture
def draft_naming(make):
    def build(*codes: str) -> Draft:
        return Draft.objects.create(
            source=make.source(), classification="public", extracted={"guests": list(codes)}, evidence={}
        )

    return build


def test_a_hidden_partner_looks_like_a_partner_not_in_the_registry(draft_naming, client_of):
    Party.objects.create(code="XH", kind="organisation", name_ar=SECRET, classification="secret")
    hidden = evidence_of(review_page(client_of("low_clearance"), draft_naming("XH")))
    unknown = evidence_of(review_page(client_of("low_clearance"), draft_naming("XQ")))
    assert SECRET not in hidden
    assert hidden.replace("XH", "XQ") == unknown


def test_a_visible_partner_is_named(draft_naming, client_of):
    Party.objects.filter(code="SY").update(classification="public")
    page = review_page(client_of("low_clearance"), draft_naming("SY"))
    assert Party.objects.get(code="SY").name_ar in evidence_of(page)


def test_an_engagement_filed_above_the_clearance_is_not_named(make, client_of):
    engagement = make.engagement("SA", ["SY"], title_ar=SECRET, classification="secret")
    draft = Draft.objects.create(
        source=make.source(), classification="public", status=Draft.Status.ACCEPTED, engagement=engagement
    )
    page = review_page(client_of("low_clearance"), draft)
    assert SECRET not in page and engagement.get_absolute_url() not in page
