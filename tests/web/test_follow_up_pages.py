"""An understanding's and a committee's pages lead to what an officer adds next, with the record
already chosen in the form; an empty action plan says so once."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def text(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_a_committee_page_adds_an_action_item_to_this_committee(officer_client, make):
    committee = make.committee(["SA", "SY"])
    body = text(officer_client, committee.get_absolute_url())
    address = f"{reverse('agreements:actionitem_create')}?committee={committee.pk}"
    assert f'href="{address}"' in body
    form = officer_client.get(address).context["form"]
    assert str(form["committee"].value()) == str(committee.pk)
    assert f'<option value="{committee.pk}" selected>' in str(form["committee"])


def test_an_understanding_page_adds_a_committee_and_an_action_item_to_it(officer_client, make):
    understanding = make.understanding(["SA", "SY"])
    body = text(officer_client, understanding.get_absolute_url())
    committee_address = f"{reverse('agreements:jointcommittee_create')}?understandings={understanding.pk}"
    item_address = f"{reverse('agreements:actionitem_create')}?understanding={understanding.pk}"
    assert f'href="{committee_address}"' in body and f'href="{item_address}"' in body
    form = officer_client.get(committee_address).context["form"]
    assert [str(pk) for pk in form["understandings"].value()] == [str(understanding.pk)]


def test_a_reader_gets_no_add_buttons(viewer, make):
    committee = make.committee(["SA", "SY"])
    body = text(logged_in(viewer), committee.get_absolute_url())
    assert reverse("agreements:actionitem_create") not in body


def test_an_empty_action_plan_says_so_once(officer_client, make):
    committee = make.committee(["SA", "SY"])
    body = text(officer_client, committee.get_absolute_url())
    with translation.override("ar"):
        assert gettext("No action items.") in body
        assert gettext("No action items to measure progress by.") not in body


def test_a_record_above_the_clearance_given_in_the_address_is_not_shown(low_clearance, make):
    hidden = make.committee(["SA", "SY"], name_ar="لجنة المهام السرية", classification="secret")
    address = f"{reverse('agreements:actionitem_create')}?committee={hidden.pk}"
    body = text(logged_in(low_clearance), address)
    assert "لجنة المهام السرية" not in body and hidden.name_en not in body
    assert f'value="{hidden.pk}" selected' not in body
