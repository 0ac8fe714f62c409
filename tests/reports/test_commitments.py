"""Each partner's open commitments, kept for the profile, stay equal to finding them afresh."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import transaction
from django.db.models import Q

from taawun.agreements.models import ActionItem, JointCommittee
from taawun.core.deferred import deferred
from taawun.registry.models import Party
from taawun.reports import commitments, partners
from taawun.reports.models import PartnerCommitment
from tests.factories import make_action_item, make_committee, party

pytestmark = pytest.mark.django_db

PARTIES = ["SA", "SY", "QA", "KW", "JO"]
LEVELS = ["public", "internal", "secret"]
STATUSES = [choice for choice, _label in ActionItem.Status.choices]


def stored() -> set:
    return set(PartnerCommitment.objects.values_list("party", "item_id", "due_on", "classification"))


def found_afresh() -> set:
    """Every open item once for its owner and once for each partner of its committee."""
    rows = set()
    for item in ActionItem.objects.open().select_related("committee"):
        partners = {item.owner_party_id}
        if item.committee:
            partners |= set(item.committee.parties.values_list("code", flat=True))
        rows |= {(code, item.pk, item.due_on, item.classification) for code in partners}
    return rows


def random_due(rng: random.Random) -> dt.date | None:
    return None if rng.random() < 0.2 else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700))


def random_item(rng: random.Random, committees: list[JointCommittee]) -> ActionItem:
    return make_action_item(
        rng.choice(PARTIES),
        committee=rng.choice([None, *committees]),
        due_on=random_due(rng),
        status=rng.choice(STATUSES),
        classification=rng.choice(LEVELS),
    )


def change_at_random(rng: random.Random, items: list[ActionItem], committees: list[JointCommittee]) -> None:
    item, committee = rng.choice(items), rng.choice(committees)
    change = rng.randrange(9)
    if change == 0:
        item.status = rng.choice(STATUSES)
    elif change == 1:
        item.due_on = random_due(rng)
    elif change == 2:
        item.committee = rng.choice([None, *committees])
    elif change == 3:
        item.classification = rng.choice(LEVELS)
    elif change == 4:
        item.owner_party = party(rng.choice(PARTIES))
    elif change == 5:
        committee.parties.set([party(code) for code in rng.sample(PARTIES, rng.randint(1, 3))])
    elif change == 6:
        committee.parties.remove(party(rng.choice(PARTIES)))
    elif change == 7:
        party(rng.choice(PARTIES)).committees.add(committee)
    else:
        party(rng.choice(PARTIES)).committees.remove(committee)
    if change <= 4:
        item.save()


def test_every_change_keeps_the_commitments_equal_to_finding_them_afresh():
    rng = random.Random(3)
    committees = [make_committee(rng.sample(PARTIES, 2)) for _ in range(4)]
    items = [random_item(rng, committees) for _ in range(12)]
    assert stored() == found_afresh() != set()
    for _step in range(80):
        if rng.random() < 0.1:
            items.append(random_item(rng, committees))
        elif rng.random() < 0.05:
            items.pop(rng.randrange(len(items))).delete()
        else:
            change_at_random(rng, items, committees)
        assert stored() == found_afresh()


def test_a_partner_leaving_all_its_committees_keeps_only_its_own_items():
    committee = make_committee(["SA", "QA"])
    shared = make_action_item("SA", committee=committee)
    own = make_action_item("QA")
    assert {row[1] for row in stored() if row[0] == "QA"} == {shared.pk, own.pk}
    party("QA").committees.clear()
    assert {row[1] for row in stored() if row[0] == "QA"} == {own.pk}
    assert stored() == found_afresh()


def test_a_deleted_partner_takes_its_rows_with_it():
    committee = make_committee(["SA", "KW"])
    make_action_item("SA", committee=committee)
    Party.objects.create(code="ZZ", name_ar="طرف تجريبي", name_en="Test party", kind="organisation")
    committee.parties.add(party("ZZ"))
    assert any(row[0] == "ZZ" for row in stored())
    party("ZZ").delete()
    assert stored() == found_afresh()


def test_a_rollback_leaves_the_rows_as_they_were():
    item = make_action_item("SY", due_on=dt.date(2026, 5, 1))
    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        item.status = ActionItem.Status.DONE
        item.save()
        assert stored() != before
        raise RuntimeError
    assert stored() == before


def test_changes_inside_one_service_call_are_written_once_at_its_end():
    item = make_action_item("SY")
    with deferred():
        for day in range(1, 6):
            item.due_on = dt.date(2026, 6, day)
            item.save()
        assert stored() != found_afresh()  # not yet: at the end of the call
    assert stored() == found_afresh()


def test_rebuilding_gives_what_was_kept_up_to_date():
    rng = random.Random(8)
    committees = [make_committee(rng.sample(PARTIES, 3)) for _ in range(3)]
    for _ in range(15):
        random_item(rng, committees)
    kept = stored()
    PartnerCommitment.objects.all().delete()
    assert commitments.rebuild() == len(kept)
    assert stored() == kept


@pytest.mark.parametrize("persona", ["officer", "viewer"])
def test_the_profile_lists_the_open_items_in_due_order_as_finding_them_would(persona, request):
    user = request.getfixturevalue(persona)
    rng = random.Random(4)
    committees = [make_committee(["SY", code]) for code in ("SA", "QA")] + [make_committee(["KW", "JO"])]
    for _ in range(150):
        random_item(rng, committees)
    syria = party("SY")
    expected = list(
        ActionItem.objects.visible_to(user)
        .filter(Q(owner_party=syria) | Q(committee__parties=syria))
        .open()
        .order_by("due_on", "id")
        .values_list("pk", flat=True)
        .distinct()
    )
    profile = partners.party_profile(syria, user)
    assert profile["open_item_count"] == len(expected) > partners.PROFILE_LIST
    assert [item.pk for item in profile["open_items"]] == expected[: partners.PROFILE_LIST]
