"""A refused deletion names only the referrers the user may see and counts the others (issue 16,
H3), and a deletion that would change a record the user may not see is refused the same way (L3).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from taawun.knowledge.models import KnowledgeItem
from taawun.records.services import RecordInUse, record_delete
from taawun.registry.models import Engagement, Party
from tests.api.client import ApiClient, token_for
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

SECRET_TITLE = "اجتماع سري للغاية"


@pytest.fixture
def public_party(make):
    Party.objects.filter(code="SY").update(classification="public")
    return Party.objects.get(code="SY")


def test_a_hidden_referrer_is_counted_never_named(make, public_party, low_clearance):
    make.engagement(None, ["SY"], title_ar=SECRET_TITLE, classification="secret")
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=public_party, actor=low_clearance)
    assert refused.value.blockers == []
    assert refused.value.hidden == 1


def test_a_visible_referrer_is_named(make, public_party, low_clearance):
    shown = make.engagement(None, ["SY"], title_ar="زيارة علنية", classification="public")
    make.engagement(None, ["SY"], title_ar=SECRET_TITLE, classification="secret")
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=public_party, actor=low_clearance)
    assert refused.value.blockers == [shown]
    assert refused.value.hidden == 1


def test_protected_referrers_are_counted_by_what_the_user_may_see(make, public_party, low_clearance):
    make.person("SY", name_ar="شخص علني", classification="public")
    make.person("SY", name_ar="شخص سري", classification="secret")
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=public_party, actor=low_clearance)
    assert [str(person) for person in refused.value.blockers] == ["شخص علني"]
    assert refused.value.hidden == 1


def test_a_participation_is_as_hidden_as_its_engagement(make, low_clearance):
    person = make.person("SY", classification="public")
    make.engagement(None, ["SY"], participants=[(person, "head")], classification="secret")
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=person, actor=low_clearance)
    assert (refused.value.blockers, refused.value.hidden) == ([], 1)


def test_the_refusal_page_counts_hidden_referrers_without_naming_them(make, public_party, low_clearance):
    hidden = make.engagement(None, ["SY"], title_ar=SECRET_TITLE, classification="secret")
    response = logged_in(low_clearance).post(reverse("registry:party_delete", args=["SY"]))
    page = response.content.decode()
    assert response.status_code == 409
    assert SECRET_TITLE not in page
    assert hidden.get_absolute_url() not in page
    assert Party.objects.filter(code="SY").exists()


def test_the_refusal_page_says_how_many_hidden_records_refer_to_it(make, public_party, low_clearance):
    make.engagement(None, ["SY"], classification="secret")
    make.engagement(None, ["SY"], classification="confidential")
    with translation.override("en"):
        address = reverse("registry:party_delete", args=["SY"])
    response = logged_in(low_clearance).post(address)
    assert "2 records you may not see still refer to it" in response.content.decode()


@pytest.mark.parametrize("classification", ["public", "secret"])
def test_the_api_refuses_alike_for_a_visible_and_a_hidden_referrer(
    make, public_party, low_clearance, classification
):
    make.engagement(None, ["SY"], title_ar=SECRET_TITLE, classification=classification)
    api = ApiClient(token_for(low_clearance), language="en")
    response = api.delete("/api/parties/SY")
    body = response.json()
    assert response.status_code == 409
    assert set(body) == {"detail", "hidden_referrers"}
    assert body["hidden_referrers"] == (0 if classification == "public" else 1)
    assert SECRET_TITLE not in response.content.decode()


# --- L3: links a deletion would empty ---------------------------------------------------------


def test_deleting_a_record_does_not_empty_the_link_of_a_hidden_one(make, low_clearance):
    engagement = make.engagement(None, [], classification="public")
    lesson = make.knowledge(engagement=engagement, classification="secret")
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=engagement, actor=low_clearance)
    assert (refused.value.blockers, refused.value.hidden) == ([], 1)
    lesson.refresh_from_db()
    assert lesson.engagement_id == engagement.pk


def test_deleting_a_record_empties_the_link_of_a_visible_one(make, low_clearance):
    engagement = make.engagement(None, [], classification="public")
    lesson = make.knowledge(engagement=engagement, classification="public")
    record_delete(record=engagement, actor=low_clearance)
    lesson.refresh_from_db()
    assert lesson.engagement_id is None
    assert not Engagement.objects.filter(pk=engagement.pk).exists()


def test_the_page_refuses_to_empty_a_hidden_link_with_a_count(make, low_clearance):
    engagement = make.engagement(None, [], classification="public")
    make.knowledge(title_ar=SECRET_TITLE, engagement=engagement, classification="secret")
    response = logged_in(low_clearance).post(reverse("registry:engagement_delete", args=[engagement.pk]))
    assert response.status_code == 409
    assert SECRET_TITLE not in response.content.decode()
    assert KnowledgeItem.objects.filter(engagement=engagement).exists()


def test_a_record_linked_twice_is_one_referrer(make, public_party, low_clearance):
    # The host of a meeting in its own capital refers to the party twice: as host and as place.
    shown = make.engagement("SY", [], location_country=public_party, classification="public")
    make.engagement("SY", [], location_country=public_party, classification="secret")
    with pytest.raises(RecordInUse) as refused:
        record_delete(record=public_party, actor=low_clearance)
    assert refused.value.blockers == [shown]
    assert refused.value.hidden == 1
