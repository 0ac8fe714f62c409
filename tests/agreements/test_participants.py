"""Who works on an action item and who follows it (assignees, watchers), its discussion thread and
its history: each user cleared for the item, each change by those allowed, all in one history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from taawun.agreements import services
from taawun.agreements.models import ActionItemAssignmentChange, ActionItemComment
from taawun.audit.models import AuditEntry
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


# --- services ---------------------------------------------------------------------------------


def test_an_officer_assigns_a_cleared_user_and_the_history_and_audit_keep_it(make, officer, viewer):
    item = make.action_item(classification="internal")
    services.action_item_assign(item=item, user=viewer, actor=officer)
    assert list(item.assignees.all()) == [viewer]
    change = ActionItemAssignmentChange.objects.get(item=item)
    assert (change.user, change.assigned, change.changed_by) == (viewer, True, officer)
    assert AuditEntry.objects.filter(note="assigned viewer").exists()

    services.action_item_unassign(item=item, user=viewer, actor=officer)
    assert not item.assignees.exists()
    assert [c.assigned for c in item.assignment_changes.all()] == [True, False]


@pytest.mark.parametrize("clearance, allowed", [("public", False), ("internal", False), ("restricted", True)])
def test_only_a_user_cleared_for_the_item_may_be_assigned_or_watch(
    make, officer, django_user_model, clearance, allowed
):
    item = make.action_item(classification="restricted")
    user = django_user_model.objects.create_user(username="u", role="viewer", clearance=clearance)
    if allowed:
        services.action_item_assign(item=item, user=user, actor=officer)
        services.action_item_watch(item=item, user=user)
        assert item.assignees.filter(pk=user.pk).exists() and item.watchers.filter(pk=user.pk).exists()
        return
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.action_item_assign(item=item, user=user, actor=officer)
    assert "u is not cleared for this item" in str(refused.value)
    with pytest.raises(ValidationError):
        services.action_item_watch(item=item, user=user)
    assert not item.assignees.exists() and not item.watchers.exists()
    assert not ActionItemAssignmentChange.objects.exists()


def test_an_inactive_user_is_never_assigned(make, officer, django_user_model):
    item = make.action_item()
    gone = django_user_model.objects.create_user(username="gone", clearance="secret", is_active=False)
    with pytest.raises(ValidationError):
        services.action_item_assign(item=item, user=gone, actor=officer)


def test_the_refusal_is_in_the_users_language(make, officer, django_user_model):
    item = make.action_item(classification="secret")
    user = django_user_model.objects.create_user(username="u", first_name="Salem", clearance="internal")
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        services.action_item_assign(item=item, user=user, actor=officer)
    assert "Salem غير مخوَّل بالاطلاع على هذا البند" in str(refused.value)


def test_a_viewer_may_not_assign(make, viewer, officer):
    item = make.action_item()
    with pytest.raises(ValidationError):
        services.action_item_assign(item=item, user=officer, actor=viewer)


def test_comments_by_editors_and_assignees_only(make, officer, viewer, auditor):
    item = make.action_item()
    services.action_item_comment(item=item, actor=officer, text="Asked the Syrian side")
    with pytest.raises(ValidationError):
        services.action_item_comment(item=item, actor=viewer, text="Me too")
    services.action_item_assign(item=item, user=viewer, actor=officer)
    services.action_item_comment(item=item, actor=viewer, text="  Done on our side  ")
    assert [c.text for c in ActionItemComment.objects.filter(item=item)] == [
        "Asked the Syrian side",
        "Done on our side",
    ]
    with pytest.raises(ValidationError):
        services.action_item_comment(item=item, actor=auditor, text="An auditor only reads")
    with pytest.raises(ValidationError):
        services.action_item_comment(item=item, actor=officer, text="   ")


# --- pages ------------------------------------------------------------------------------------


def test_the_page_shows_assignees_watchers_and_the_history_in_time_order(make, officer, viewer):
    item = make.action_item(title="Exchange the lists", classification="internal")
    client = logged_in(officer)
    assert (
        client.post(reverse("agreements:actionitem_assign", args=[item.pk]), {"user": viewer.pk}).status_code
        == 302
    )
    client.post(
        reverse("agreements:actionitem_progress", args=[item.pk]),
        {"status": "in_progress", "progress": 40, "comment": ""},
    )
    client.post(reverse("agreements:actionitem_comment", args=[item.pk]), {"text": "Sent to the liaison"})
    client.post(reverse("agreements:actionitem_watch", args=[item.pk]))
    with translation.override("en"):
        page = client.get(item.get_absolute_url()).content.decode()
    history = page[page.index('id="history"') :]
    assert history.index("Assigned to Viewer") < history.index("40%") < history.index("Sent to the liaison")
    assert "Stop watching" in page
    assert item.watchers.filter(pk=officer.pk).exists()
    client.post(reverse("agreements:actionitem_watch", args=[item.pk]), {"stop": "1"})
    assert not item.watchers.exists()


def test_the_assign_choice_lists_only_users_cleared_for_the_item(make, officer, viewer, low_clearance):
    item = make.action_item(classification="internal")
    page = logged_in(officer).get(item.get_absolute_url()).content.decode()
    assign = page[page.index('name="user"') :]
    assign = assign[: assign.index("</select>")]
    assert f'value="{viewer.pk}"' in assign and f'value="{low_clearance.pk}"' not in assign
    # Sent anyway: refused, nothing written.
    response = logged_in(officer).post(
        reverse("agreements:actionitem_assign", args=[item.pk]), {"user": low_clearance.pk}
    )
    assert response.status_code == 302 and not item.assignees.exists()


@pytest.mark.parametrize(
    "persona, assign, watch, comment",
    [
        ("administrator", 302, 302, 302),
        ("officer", 302, 302, 302),
        ("viewer", 403, 302, 403),
        ("auditor", 403, 302, 403),
        ("low_clearance", 404, 404, 404),
    ],
)
def test_who_reaches_the_assignment_watch_and_comment_actions(make, request, persona, assign, watch, comment):
    user = request.getfixturevalue(persona)
    item = make.action_item(classification="internal")
    client = logged_in(user)
    target = request.getfixturevalue("viewer") if persona != "viewer" else user
    got = (
        client.post(reverse("agreements:actionitem_assign", args=[item.pk]), {"user": target.pk}).status_code,
        client.post(reverse("agreements:actionitem_watch", args=[item.pk])).status_code,
        client.post(reverse("agreements:actionitem_comment", args=[item.pk]), {"text": "hello"}).status_code,
    )
    assert got == (assign, watch, comment)
    for name in ("actionitem_assign", "actionitem_watch", "actionitem_comment"):
        assert client.get(reverse(f"agreements:{name}", args=[item.pk])).status_code == 405


def test_anonymous_visitors_go_to_log_in(make, client):
    item = make.action_item()
    response = client.post(reverse("agreements:actionitem_watch", args=[item.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
