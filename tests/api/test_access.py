"""Every operation of every record type, for every persona, on records of every classification:
the API answers as the web pages do (tests/accounts/test_permission_matrix.py)."""

from __future__ import annotations

import pytest

from taawun.access.policy import LEVELS, Classification
from taawun.api.endpoints import RESOURCES
from tests.api.client import ApiClient

pytestmark = pytest.mark.django_db

PERSONAS = ("administrator", "officer", "viewer", "auditor", "low_clearance", "outsider")
EDITORS = {"administrator", "officer", "low_clearance"}
CLEARANCE = {
    "administrator": "secret",
    "officer": "secret",
    "viewer": "internal",
    "auditor": "internal",
    "low_clearance": "public",
}


def expected(persona: str, operation: str, classification: str) -> int:
    if persona == "outsider":
        return 401
    if operation == "list":
        return 200
    if operation != "detail" and persona not in EDITORS:
        return 403  # before anything else: whether the record exists, or the body is valid
    if operation == "create":
        return 422  # an empty body
    if LEVELS[classification] > LEVELS[CLEARANCE[persona]]:
        return 404
    if operation == "detail":
        return 200
    return 200 if persona in EDITORS else 403


def every_key(api, base: str) -> list:
    """The keys of every record of a list, page after page."""
    keys, offset = [], 0
    while True:
        page = api.get(base, limit=200, offset=offset).json()
        keys += [item.get("id", item.get("code")) for item in page["items"]]
        offset += 200
        if offset >= page["count"]:
            return keys


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.path)
def test_each_persona_gets_what_its_role_and_clearance_allow(persona, resource, one_of_each, api_as):
    api = ApiClient(language="en") if persona == "outsider" else api_as(persona)
    record = one_of_each[resource.key]
    model = type(record)
    base = f"/api/{resource.path}"
    for classification in Classification.values:
        model.objects.filter(pk=record.pk).update(classification=classification)
        answers = {
            "list": api.get(base),
            "create": api.post(base, {}),
            "detail": api.get(f"{base}/{record.pk}"),
            "partial_update": api.patch(f"{base}/{record.pk}", {}),
        }
        for operation, response in answers.items():
            want = expected(persona, operation, classification)
            assert response.status_code == want, (
                persona,
                resource.path,
                operation,
                classification,
                response.json(),
            )
            assert response["Content-Type"].startswith("application/json")
            if want == 404:
                assert str(record).encode() not in response.content
        if persona != "outsider":
            visible = LEVELS[classification] <= LEVELS[CLEARANCE[persona]]
            assert (record.pk in every_key(api, base)) == visible, (persona, resource.path, classification)
        if expected(persona, "partial_update", classification) != 200:
            assert api.delete(f"{base}/{record.pk}").status_code == expected(
                persona, "partial_update", classification
            )
