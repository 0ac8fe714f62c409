"""Who reaches the minutes' approve, PDF and send addresses, at every classification of the
minutes: hidden minutes are not found (404) and the refusal audited, read-only readers may print
but neither approve nor send (403), anonymous visitors go to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.access.policy import LEVELS, Classification
from taawun.audit.models import AuditEntry
from taawun.minutes.models import Minutes
from tests.accounts.test_permission_matrix import CLEARANCE, EDITORS, PERSONAS, client_for

pytestmark = pytest.mark.django_db


def expected(persona: str, action: str, classification: str) -> int:
    if persona == "outsider":
        return 302
    if LEVELS[classification] > LEVELS[CLEARANCE[persona]]:
        return 404
    if action == "pdf":
        return 200
    if persona not in EDITORS:
        return 403
    return 302 if action == "approve" else 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_at_every_classification(persona, make, django_user_model):
    session = make.session(make.committee(classification="public"), classification="public")
    minutes = make.minutes(session, items=[{"text_ar": "قرار", "classification": "public"}])
    client = client_for(persona, django_user_model)
    for classification in Classification.values:
        Minutes.objects.filter(pk=minutes.pk).update(classification=classification, status="draft")
        for action, method in (("pdf", "get"), ("send", "get"), ("approve", "post")):
            address = reverse(f"minutes:minutes_{action}", args=[minutes.pk])
            response = getattr(client, method)(address)
            assert response.status_code == expected(persona, action, classification), (
                persona,
                action,
                classification,
            )
            if response.status_code == 302 and persona == "outsider":
                assert reverse("accounts:login") in response["Location"]
    if persona == "low_clearance":
        assert AuditEntry.objects.filter(action="access_denied", object_pk=str(minutes.pk)).exists()


def test_minutes_of_a_hidden_session_are_hidden_with_it(make, django_user_model):
    session = make.session(make.committee(classification="public"), classification="public")
    minutes = make.minutes(session, classification="public")
    type(session).objects.filter(pk=session.pk).update(classification="secret")
    client = client_for("low_clearance", django_user_model)
    assert client.get(minutes.get_absolute_url()).status_code == 404
    assert client.get(reverse("minutes:minutes_pdf", args=[minutes.pk])).status_code == 404
    assert str(minutes) not in client.get(reverse("minutes:minutes_list")).content.decode()
