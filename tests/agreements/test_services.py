"""Progress updates of action items: the update log, its rules and its audit entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from taawun.agreements.forms import ActionItemForm
from taawun.agreements.models import ActionItemUpdate
from taawun.agreements.services import action_item_save, action_item_update
from taawun.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2025, 3, 1, 10, 0))


def test_an_update_changes_the_item_and_logs_who_when_what_and_why(make, officer):
    item = make.action_item(status="open", progress=0)
    update = action_item_update(
        item=item, actor=officer, status="in_progress", progress=30, comment="Names sent", now=NOW
    )
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 30)
    assert (update.author, update.created_at, update.comment) == (officer, NOW, "Names sent")
    assert (update.old_status, update.new_status, update.old_progress, update.new_progress) == (
        "open",
        "in_progress",
        0,
        30,
    )


def test_an_update_is_audited_with_the_old_and_new_values(make, officer):
    item = make.action_item(status="open", progress=0)
    action_item_update(item=item, actor=officer, progress=50)
    entries = list(AuditEntry.objects.filter(user_id=officer.pk).order_by("seq"))
    assert [(e.action, e.model_label) for e in entries] == [
        ("update", "agreements.actionitem"),
        ("create", "agreements.actionitemupdate"),
    ]
    assert entries[0].changes == {"progress": {"old": 0, "new": 50}}


def test_a_comment_alone_is_logged_without_changing_the_item(make, officer):
    item = make.action_item(status="blocked", progress=10)
    update = action_item_update(item=item, actor=officer, comment="Waiting for the visa")
    item.refresh_from_db()
    assert (item.status, item.progress, update.comment) == ("blocked", 10, "Waiting for the visa")
    assert not update.status_changed and not update.progress_changed
    assert list(AuditEntry.objects.values_list("model_label", flat=True)) == ["agreements.actionitemupdate"]


def test_marking_an_item_done_sets_it_to_one_hundred_percent(make, officer):
    item = make.action_item(status="in_progress", progress=60)
    action_item_update(item=item, actor=officer, status="done")
    assert (item.status, item.progress) == ("done", 100)


def test_done_below_one_hundred_percent_is_refused_and_nothing_is_written(make, officer):
    item = make.action_item(status="in_progress", progress=60)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            action_item_update(item=item, actor=officer, status="done", progress=70, comment="Almost")
        assert refused.value.message_dict == {"progress": ["A done item is at 100%."]}
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 60)
    assert not ActionItemUpdate.objects.exists() and not AuditEntry.objects.exists()


def test_an_update_that_changes_nothing_and_says_nothing_is_refused(make, officer):
    item = make.action_item(status="open", progress=0)
    with pytest.raises(ValidationError):
        action_item_update(item=item, actor=officer, status="open", progress=0, comment="  ")
    assert not ActionItemUpdate.objects.exists()


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_zero_to_one_hundred_is_refused(make, officer, progress):
    with pytest.raises(ValidationError):
        action_item_update(item=make.action_item(), actor=officer, progress=progress)


def test_an_unknown_status_is_refused(make, officer):
    with pytest.raises(ValidationError):
        action_item_update(item=make.action_item(), actor=officer, status="forgotten")


def test_the_log_reads_newest_first(make, officer):
    item = make.action_item()
    for hour, progress in enumerate([10, 20, 30]):
        action_item_update(item=item, actor=officer, progress=progress, now=NOW + dt.timedelta(hours=hour))
    assert [u.new_progress for u in item.updates.all()] == [30, 20, 10]


def test_a_change_of_status_in_the_edit_form_is_logged_too(make, officer):
    item = make.action_item("SY", status="open", progress=0)
    data = {
        "title": item.title,
        "owner_party": "SY",
        "status": "in_progress",
        "progress": "25",
        "classification": "internal",
    }
    form = ActionItemForm(data=data, instance=item, user=officer)
    assert form.is_valid(), form.errors
    action_item_save(form=form, actor=officer)
    (update,) = item.updates.all()
    assert (update.old_status, update.new_status, update.old_progress, update.new_progress) == (
        "open",
        "in_progress",
        0,
        25,
    )


def test_an_edit_that_leaves_status_and_progress_alone_logs_nothing(make, officer):
    item = make.action_item("SY", status="open", progress=0)
    data = {
        "title": "New title",
        "owner_party": "SY",
        "status": "open",
        "progress": "0",
        "classification": "internal",
    }
    form = ActionItemForm(data=data, instance=item, user=officer)
    assert form.is_valid(), form.errors
    action_item_save(form=form, actor=officer)
    assert not item.updates.exists()
