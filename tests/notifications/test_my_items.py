"""'My items': the action items a user is assigned to, watches, or owns through the person or agency
they are; within their clearance, open ones first, overdue ones flagged, filtered; counted in the
navigation bar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from taawun.notifications.models import Contact
from taawun.notifications.selectors import my_items, my_open_items_count
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(make, viewer):
    """Items of the viewer (cleared for internal) by every way an item is theirs, and some not."""
    today = timezone.localdate()
    person = make.person("SY")
    agency = make.agency("SY")
    Contact.objects.create(user=viewer, person=person, agency=agency)
    made = {
        "assigned": make.action_item(title="Assigned", due_on=today + dt.timedelta(days=5)),
        "watched": make.action_item(title="Watched", due_on=today + dt.timedelta(days=1)),
        "owned": make.action_item(title="Owned", owner_person=person, due_on=today - dt.timedelta(days=3)),
        "agency": make.action_item(title="Agency's", owner_agency=agency),
        "done": make.action_item(
            title="Done", status="done", progress=100, due_on=today - dt.timedelta(days=30)
        ),
        "secret": make.action_item(title="Secret", classification="secret"),
        "other": make.action_item(title="Someone else's"),
    }
    made["assigned"].assignees.add(viewer)
    made["done"].assignees.add(viewer)
    made["watched"].watchers.add(viewer)
    # Assigned once, then the item rose above the viewer's clearance: no longer theirs to see.
    made["secret"].assignees.add(viewer)
    return made


def titles(queryset) -> list[str]:
    return [item.title for item in queryset]


def test_open_first_soonest_due_first_and_nothing_above_clearance(items, viewer):
    assert titles(my_items(viewer)) == ["Owned", "Watched", "Assigned", "Agency's", "Done"]
    assert my_open_items_count(viewer) == 4


@pytest.mark.parametrize(
    "scope, expected",
    [
        ("assigned", ["Assigned", "Done"]),
        ("watching", ["Watched"]),
        ("owned", ["Owned", "Agency's"]),
        ("nonsense", ["Owned", "Watched", "Assigned", "Agency's", "Done"]),
    ],
)
def test_filtered_by_how_the_item_is_theirs(items, viewer, scope, expected):
    assert titles(my_items(viewer, scope=scope)) == expected


def test_filtered_by_status(items, viewer):
    assert titles(my_items(viewer, status="done")) == ["Done"]


def test_a_user_with_no_contact_and_no_items_has_none(items, officer):
    assert titles(my_items(officer)) == []
    assert my_open_items_count(officer) == 0


def test_the_page_flags_overdue_items_and_the_navigation_counts_open_ones(items, viewer):
    client = logged_in(viewer)
    with translation.override("en"):
        page = client.get(reverse("notifications:my_items")).content.decode()
        filtered = client.get(reverse("notifications:my_items"), {"scope": "watching"}).content.decode()
    table = page[page.index('<table class="records"') :]
    assert table.index(">Owned<") < table.index(">Watched<") < table.index(">Done<")
    assert "Secret" not in page and "Someone else" not in page
    assert table.count('class="overdue"') == 1  # "Owned"; the done item is late but closed
    assert 'class="my-items-link">My items <span class="tag"' in page and "4 open" in page
    assert ">Watched<" in filtered and ">Assigned<" not in filtered
