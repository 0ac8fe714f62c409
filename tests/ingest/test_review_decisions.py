"""Each decision of the review desk is its own view at its own address: it does its one thing
(with its message and audit entries), and refused it writes nothing and shows the desk again with
the officer's edits as typed. Who may post them: tests/ingest/test_access.py."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from taawun.audit.models import AuditEntry
from taawun.ingest import services
from taawun.ingest.models import Draft
from taawun.registry.models import Engagement, Person
from tests.ingest.desk import decision_url, review_data, review_post, review_url
from tests.ingest.samples import VISIT_AGAIN

pytestmark = pytest.mark.django_db

# An edit no extraction makes: seen again on the page, it was kept.
TYPED_CITY = "مدينة كتبها المراجع"


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def audited(model_label: str, action: str) -> int:
    return AuditEntry.objects.filter(model_label=model_label, action=action).count()


def test_accepting_files_the_engagement_and_decides_the_draft(officer_client, draft):
    response = review_post(officer_client, draft, "accept")
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(engagement.get_absolute_url())
    assert said(response) == ["Accepted: the engagement is now in the registry."]
    draft.refresh_from_db()
    assert draft.status == Draft.Status.ACCEPTED and draft.engagement == engagement
    assert audited("registry.engagement", "create") == 1 and audited("ingest.draft", "update") == 1


def test_saving_keeps_the_edits_and_decides_nothing(officer_client, draft):
    response = review_post(officer_client, draft, "save", **{"draft-city": TYPED_CITY})
    assert response.status_code == 302 and response["Location"].endswith(
        review_url(draft).removeprefix("/en")
    )
    assert said(response) == ["The draft was saved."]
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING and draft.edited["city"] == TYPED_CITY
    assert not Engagement.objects.exists() and audited("ingest.draft", "update") == 1


def test_attaching_adds_the_source_to_the_engagement_chosen(officer_client, officer, draft):
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, officer), actor=officer
    )
    second = services.ingest_text(text=VISIT_AGAIN, home="SA", actor=officer).draft
    response = officer_client.post(decision_url(second, "attach"), {"engagement": engagement.pk})
    assert response.status_code == 302 and response["Location"].endswith(engagement.get_absolute_url())
    assert said(response) == ["The source was added to the existing engagement."]
    second.refresh_from_db()
    assert second.status == Draft.Status.MERGED and engagement.sources.count() == 2


@pytest.mark.parametrize("engagement", ["", "x", "999999"])
def test_attaching_to_no_engagement_one_may_see_is_not_found(officer_client, draft, engagement):
    response = officer_client.post(decision_url(draft, "attach"), {"engagement": engagement})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING


def test_attaching_to_an_engagement_above_the_clearance_is_not_found(client_of, officer, make):
    hidden = make.engagement("SA", ["JO"], classification="secret")
    draft = services.ingest_text(text=VISIT_AGAIN, actor=officer, classification="public").draft
    response = client_of("low_clearance").post(decision_url(draft, "attach"), {"engagement": hidden.pk})
    assert response.status_code == 404 and hidden.sources.count() == 0


def test_rejecting_closes_the_draft_with_its_reason(officer_client, draft):
    response = officer_client.post(decision_url(draft, "reject"), {"reject-reason": "خارج النطاق"})
    assert response.status_code == 302 and response["Location"].endswith("/ingest/")
    assert said(response) == ["The draft was rejected; nothing was added to the registry."]
    draft.refresh_from_db()
    assert (draft.status, draft.reason) == (Draft.Status.REJECTED, "خارج النطاق")
    assert audited("ingest.draft", "update") == 1 and not Engagement.objects.exists()


@pytest.mark.parametrize("action", ["accept", "save"])
def test_an_invalid_review_is_shown_back_as_typed(officer_client, draft, action):
    response = review_post(
        officer_client,
        draft,
        action,
        **{"draft-title_ar": "", "draft-city": TYPED_CITY, "people-0-position": "منصب كتبه المراجع"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert said(response) == ["Nothing was saved: correct the fields marked below."]
    assert TYPED_CITY in page and "منصب كتبه المراجع" in page
    draft.refresh_from_db()
    assert draft.edited is None and not Engagement.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize("action", ["accept", "save", "reject"])
def test_the_language_switch_of_a_refused_decision_leads_back_to_the_desk(officer_client, draft, action):
    """The decision's own address takes no GET: switching language goes to the desk instead."""
    response = officer_client.post(decision_url(draft, action), {})
    assert response.status_code == 400
    assert f'name="next" type="hidden" value="/ingest/drafts/{draft.pk}/"' in response.content.decode()


def test_a_reason_too_long_is_shown_back(officer_client, draft):
    reason = "سبب " * 600
    response = officer_client.post(decision_url(draft, "reject"), {"reject-reason": reason})
    assert response.status_code == 400 and reason.strip() in response.content.decode()
    assert said(response) == ["Give the reason for rejecting the draft."]
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING


def test_a_review_the_service_refuses_is_shown_back_as_typed(officer_client, draft, monkeypatch):
    def refuse(**kwargs):
        raise services.DraftError("Refused for the test.")

    monkeypatch.setattr(services, "draft_accept", refuse)
    response = review_post(officer_client, draft, "accept", **{"draft-city": TYPED_CITY})
    assert response.status_code == 400 and said(response) == ["Refused for the test."]
    assert TYPED_CITY in response.content.decode()


def decision_data(client, draft, action: str, engagement) -> dict:
    """A complete, valid post of the decision, as the officer's desk makes it."""
    if action in {"accept", "save"}:
        return review_data(client, draft)
    return {"engagement": engagement.pk} if action == "attach" else {"reject-reason": "خارج النطاق"}


@pytest.mark.parametrize("action", ["accept", "save", "attach", "reject"])
def test_a_draft_decided_meanwhile_is_not_decided_again(officer_client, officer, draft, make, action):
    engagement = make.engagement("SA", ["JO"])
    data = decision_data(officer_client, draft, action, engagement)  # the officer opens the desk
    services.draft_reject(draft=draft, reason="مكرر", actor=officer)  # ... someone else decides
    response = officer_client.post(decision_url(draft, action), data)
    assert response.status_code == 400 and said(response) == ["This draft has already been decided."]
    assert "Rejected" in response.content.decode()  # the desk as the draft now is
    draft.refresh_from_db()
    assert (draft.status, draft.reason) == (Draft.Status.REJECTED, "مكرر") and engagement.sources.count() == 0


@pytest.mark.parametrize("action", ["accept", "save", "attach", "reject"])
def test_a_viewer_may_take_no_decision(client_of, draft, make, action):
    """The officer's complete, valid post, sent by a viewer: refused, nothing written."""
    engagement = make.engagement("SA", ["JO"])
    data = decision_data(client_of("officer"), draft, action, engagement)
    assert client_of("viewer").post(decision_url(draft, action), data).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING and draft.edited is None
    assert not AuditEntry.objects.filter(model_label="ingest.draft", action="update").exists()
    assert engagement.sources.count() == 0 and Engagement.objects.count() == 1
