"""Every URL of the project, walked by every persona against records of every classification.

A new URL fails `test_every_url_is_in_the_matrix` until it is given an expectation, so no page
can be added without deciding who may reach it. Record types (Crud) are walked from the record
catalogue (every app's records.py); other pages are listed below, or by an app in
`tests/<app>/access.py` as `PAGES` (URL name -> persona -> status for a GET without arguments) and `COVERED_ELSEWHERE` (URL names whose
access a named test of that app checks, e.g. pages that take an argument).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from taawun.access.policy import LEVELS, Classification
from taawun.records import catalog

# The audit trail per clearance (every reader clearance against every record classification, the
# list page and the CSV showing or masking each entry) is tested in tests/audit/test_clearance.py
# and run here too, as part of the matrix.
from tests.audit.test_clearance import (  # noqa: F401
    test_the_list_and_the_csv_show_or_mask_each_entry_by_clearance,
)
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

CRUDS = catalog.all_records()
RECORD_ACTIONS = ("list", "create", "detail", "update", "delete", "choices")
PERSONAS = ("administrator", "officer", "viewer", "auditor", "low_clearance", "outsider")
EDITORS = {"administrator", "officer", "low_clearance"}
CLEARANCE = {
    "administrator": "secret",
    "officer": "secret",
    "viewer": "internal",
    "auditor": "internal",
    "low_clearance": "public",
}

# Pages that are not a record type's: who gets what (anonymous visitors always go to log in).
OTHER_PAGES: dict[str, dict[str, int]] = {
    "web:home": dict.fromkeys(PERSONAS[:-1], 200),
    "accounts:user_list": {
        "administrator": 200,
        "officer": 404,
        "viewer": 404,
        "auditor": 404,
        "low_clearance": 404,
    },
    "accounts:user_create": {
        "administrator": 200,
        "officer": 404,
        "viewer": 404,
        "auditor": 404,
        "low_clearance": 404,
    },
    "audit:entry_list": {
        "administrator": 200,
        "officer": 404,
        "viewer": 404,
        "auditor": 200,
        "low_clearance": 404,
    },
    "audit:export": {
        "administrator": 200,
        "officer": 404,
        "viewer": 404,
        "auditor": 200,
        "low_clearance": 404,
    },
    "accounts:password_change": dict.fromkeys(PERSONAS[:-1], 200),
    "accounts:reauth": dict.fromkeys(PERSONAS[:-1], 200),
}
# Pages reachable without logging in, or that only make sense inside the login flow.
PUBLIC_OR_FLOW = {
    "accounts:login",
    "accounts:logout",
    "accounts:otp_setup",
    "accounts:otp_verify",
    "set_language",
    "accounts:user_update",  # covered with a target user in test_user_pages_take_a_user
    "accounts:user_password_reset",  # likewise
    "accounts:user_second_factor_reset",  # likewise
}


def _app_access_modules():
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/access.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.access")


for _module in _app_access_modules():
    OTHER_PAGES.update(getattr(_module, "PAGES", {}))
    PUBLIC_OR_FLOW |= set(getattr(_module, "COVERED_ELSEWHERE", ()))


def all_url_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def record_url_names() -> set[str]:
    return {crud.url_name(action) for crud in CRUDS for action in RECORD_ACTIONS}


def test_every_url_is_in_the_matrix():
    covered = record_url_names() | set(OTHER_PAGES) | PUBLIC_OR_FLOW
    assert all_url_names() - covered == set(), "add the new URL to the permission matrix"
    assert covered - all_url_names() == set(), "the matrix names a URL that no longer exists"


def client_for(persona: str, django_user_model) -> Client:
    if persona == "outsider":
        return Client()
    return logged_in(make_user(django_user_model, persona))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", sorted(OTHER_PAGES))
def test_other_pages(persona, page, django_user_model, settings):
    client = client_for(persona, django_user_model)
    response = client.get(reverse(page))
    if persona == "outsider":
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == OTHER_PAGES[page][persona]


def expected_status(persona: str, action: str, classification: str) -> int:
    if persona == "outsider":
        return 302
    visible = LEVELS[classification] <= LEVELS[CLEARANCE[persona]]
    can_edit = persona in EDITORS
    if action in {"list", "choices"}:  # what they hold is the reader's (tested below)
        return 200
    if action == "create":
        return 200 if can_edit else 403
    if not visible:
        return 404
    if action == "detail":
        return 200
    return 200 if can_edit else 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("crud", CRUDS, ids=lambda crud: crud.key)
def test_record_pages(persona, crud, one_of_each, django_user_model):
    client = client_for(persona, django_user_model)
    record = one_of_each[crud.key]
    model = type(record)
    for classification in Classification.values:
        model.objects.filter(pk=record.pk).update(classification=classification)
        for action in RECORD_ACTIONS:
            args = [record.pk] if action in {"detail", "update", "delete"} else []
            query = {"q": str(record)} if action == "choices" else {}
            response = client.get(reverse(crud.url_name(action), args=args), query)
            expected = expected_status(persona, action, classification)
            assert response.status_code == expected, (persona, crud.key, action, classification)
            hidden = persona != "outsider" and LEVELS[classification] > LEVELS[CLEARANCE[persona]]
            if (action == "detail" and expected == 404) or (action == "choices" and hidden):
                assert str(record).encode() not in response.content


@pytest.mark.parametrize("persona", ("officer", "low_clearance"))
def test_a_list_shows_only_records_within_the_clearance(persona, make, django_user_model):
    client = client_for(persona, django_user_model)
    for classification in Classification.values:
        make.engagement("SA", ["SY"], title_ar=f"نشاط {classification}", classification=classification)
    page = client.get(reverse("registry:engagement_list")).content.decode()
    for classification in Classification.values:
        shown = f"نشاط {classification}" in page
        assert shown == (LEVELS[classification] <= LEVELS[CLEARANCE[persona]]), classification


def test_a_hidden_record_is_not_offered_in_a_form_choice(make, django_user_model):
    client = client_for("low_clearance", django_user_model)
    make.engagement("SA", ["SY"], title_ar="اجتماع سري للغاية", classification="secret")
    page = client.get(reverse("agreements:actionitem_create")).content.decode()
    assert "اجتماع سري للغاية" not in page


def test_an_unknown_classification_is_hidden_from_everyone(make, django_user_model):
    engagement = make.engagement("SA", ["SY"])
    type(engagement).objects.filter(pk=engagement.pk).update(classification="cosmic")
    client = client_for("administrator", django_user_model)
    assert client.get(reverse("registry:engagement_detail", args=[engagement.pk])).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("page", "method", "admin_status"),
    [
        ("accounts:user_update", "get", 200),
        ("accounts:user_password_reset", "post", 200),
        ("accounts:user_second_factor_reset", "post", 302),
    ],
)
def test_user_pages_take_a_user(persona, page, method, admin_status, django_user_model):
    target = django_user_model.objects.create_user(username="target", password="x" * 14)
    client = client_for(persona, django_user_model)
    response = getattr(client, method)(reverse(page, args=[target.pk]))
    if persona == "outsider":
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    elif persona == "administrator":
        assert response.status_code == admin_status
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("page", ["accounts:user_password_reset", "accounts:user_second_factor_reset"])
def test_account_resets_take_no_get(page, django_user_model):
    target = django_user_model.objects.create_user(username="target", password="x" * 14)
    client = client_for("administrator", django_user_model)
    assert client.get(reverse(page, args=[target.pk])).status_code == 405


# --- watched feeds (ingest): editors only, and a feed above the clearance does not exist ---------

FEED_PAGES = ("ingest:feed_detail", "ingest:feed_update", "ingest:feed_delete")


def feed_page_status(persona: str, classification: str, *, post: bool = False) -> int:
    if persona == "outsider":
        return 302
    if persona not in EDITORS:
        return 403
    if LEVELS[classification] > LEVELS[CLEARANCE[persona]]:
        return 404
    return 302 if post else 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_feed_pages(persona, django_user_model):
    from taawun.ingest.models import FeedSubscription

    client = client_for(persona, django_user_model)
    feed = FeedSubscription.objects.create(url="http://127.0.0.1:9/matrix.xml", title="مصدر المصفوفة")
    for classification in Classification.values:
        FeedSubscription.objects.filter(pk=feed.pk).update(classification=classification)
        for page in FEED_PAGES:
            response = client.get(reverse(page, args=[feed.pk]))
            expected = feed_page_status(persona, classification)
            assert response.status_code == expected, (persona, page, classification)
            if expected != 200:
                assert "matrix.xml" not in response.content.decode()
        response = client.post(reverse("ingest:feed_poll", args=[feed.pk]))
        assert response.status_code == feed_page_status(persona, classification, post=True)
        listed = "matrix.xml" in client.get(reverse("ingest:feed_list")).content.decode()
        assert listed == (feed_page_status(persona, classification) == 200), (persona, classification)


# --- record choices and delete refusals, by clearance (issue 16, H2 and H3) --------------------

CHOICE_PAGES = sorted(
    {crud.url_name(action) for crud in CRUDS for action in ("list", "create")} | set(OTHER_PAGES)
)


def _records_at_every_level(make) -> dict[str, list[str]]:
    """Records of every kind a form offers, one per classification, named after it: the names by
    classification."""
    from taawun.registry.models import Party

    names: dict[str, list[str]] = {}
    for index, level_name in enumerate(Classification.values):
        party = Party.objects.create(
            code=f"XV{index}", kind="organisation", name_ar=f"شريك {level_name}", classification=level_name
        )
        names[level_name] = [
            str(party),
            str(make.person("SY", name_ar=f"شخص {level_name}", classification=level_name)),
            str(make.agency("SY", name_ar=f"جهة {level_name}", classification=level_name)),
            str(
                make.engagement(party.code, ["SY"], title_ar=f"نشاط {level_name}", classification=level_name)
            ),
            str(make.committee(name_ar=f"لجنة {level_name}", classification=level_name)),
            str(make.understanding(title_ar=f"مذكرة {level_name}", classification=level_name)),
        ]
    return names


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_no_page_with_a_form_names_a_record_above_the_clearance(persona, make, django_user_model):
    names = _records_at_every_level(make)
    client = client_for(persona, django_user_model)
    for page in CHOICE_PAGES:
        response = client.get(reverse(page))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        content = response.content.decode()
        for level_name, level_names in names.items():
            if LEVELS[level_name] > LEVELS[CLEARANCE[persona]]:
                shown = [name for name in level_names if name in content]
                assert not shown, (persona, page, level_name, shown)
                assert f'value="XV{LEVELS[level_name]}"' not in content, (persona, page, level_name)


@pytest.mark.parametrize("persona", PERSONAS[:-1])
@pytest.mark.parametrize("classification", Classification.values)
def test_a_refused_delete_names_only_referrers_within_the_clearance(
    persona, classification, make, django_user_model
):
    from taawun.registry.models import Party

    Party.objects.filter(code="SY").update(classification="public")
    referrer = make.engagement(None, ["SY"], title_ar="نشاط يشير إليه", classification=classification)
    response = client_for(persona, django_user_model).post(reverse("registry:party_delete", args=["SY"]))
    if persona not in EDITORS:
        assert response.status_code == 403
        return
    content = response.content.decode()
    visible = LEVELS[classification] <= LEVELS[CLEARANCE[persona]]
    assert response.status_code == 409
    assert ("نشاط يشير إليه" in content) == visible
    assert (referrer.get_absolute_url() in content) == visible
    assert Party.objects.filter(code="SY").exists()
