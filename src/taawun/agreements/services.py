"""Business rules of the follow-up: the lifecycle of understandings and the progress of action items.

Every service runs in one transaction and writes its audit entries in it, so a refused change
leaves nothing behind: no status, no history row, no audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from taawun.access.policy import can_edit, can_view, level
from taawun.agreements.lifecycle import is_allowed
from taawun.agreements.models import (
    ActionItem,
    ActionItemAssignmentChange,
    ActionItemComment,
    ActionItemUpdate,
    AgendaItem,
    CommitteeSession,
    JointCommittee,
    Understanding,
    UnderstandingStatusChange,
)
from taawun.audit.models import Action
from taawun.audit.services import append, diff, snapshot, stored_snapshot
from taawun.records.services import record_save


class TransitionNotAllowed(ValidationError):
    """The lifecycle does not lead from the understanding's status to the one asked for."""


def _audit_created(record, *, actor, request, note: str = "") -> None:
    append(
        action=Action.CREATE,
        actor=actor,
        request=request,
        record=record,
        changes=diff(None, snapshot(record)),
        note=note,
    )


def _audit_updated(record, before: tuple[dict, str], *, actor, request, note: str = "") -> None:
    after = snapshot(record)
    append(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        record=record,
        changes=diff(before[0], after),
        note=note,
    )


# --- understandings --------------------------------------------------------------------------


@transaction.atomic
def understanding_transition(
    *,
    understanding: Understanding,
    to: str,
    actor,
    reason: str,
    request=None,
    on: dt.date | None = None,
    expires_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> UnderstandingStatusChange:
    """Move an understanding to the next status of its lifecycle (see taawun.agreements.lifecycle).

    `on` is the date of the event (defaults to today): it becomes the date of signature when the
    understanding is signed and the date of entry into force when it comes into force, where those
    dates are not recorded yet. `expires_on` gives a renewed understanding its new expiry.

    Raises TransitionNotAllowed for a step the lifecycle does not allow, ValidationError for a
    missing reason or dates the understanding's rules refuse; nothing is written then.
    """
    now = now or timezone.now()
    on = on or timezone.localdate(now)
    reason = (reason or "").strip()
    before = stored_snapshot(Understanding, understanding.pk, lock=True)
    record = Understanding.objects.get(pk=understanding.pk)
    from_status = record.status
    if to not in Understanding.Status.values:
        raise ValidationError({"to": _("Choose one of the statuses offered.")})
    if not is_allowed(from_status, to):
        raise TransitionNotAllowed(
            {
                "to": _("An understanding cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": Understanding.Status(from_status).label,
                    "to": Understanding.Status(to).label,
                }
            }
        )
    if not reason:
        raise ValidationError({"reason": _("Say why the status changes.")})

    if to == Understanding.Status.SIGNED and not record.signed_on:
        record.signed_on = on
    if to == Understanding.Status.IN_FORCE and not record.effective_on:
        record.effective_on = on
    if to == Understanding.Status.RENEWED and expires_on is not None:
        if record.expires_on and expires_on <= record.expires_on:
            raise ValidationError({"expires_on": _("A renewal moves the expiry later than it was.")})
        record.expires_on = expires_on
    record.status = to
    record.full_clean()
    record.save()

    change = UnderstandingStatusChange.objects.create(
        understanding=record,
        from_status=from_status,
        to_status=to,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        changed_at=now,
        reason=reason,
    )
    note = f"lifecycle: {from_status} -> {to}"
    _audit_updated(record, before, actor=actor, request=request, note=note)
    _audit_created(change, actor=actor, request=request, note=note)
    # The caller's instance reflects the new state.
    understanding.refresh_from_db()
    return change


# --- action items ----------------------------------------------------------------------------


@transaction.atomic
def action_item_update(
    *,
    item: ActionItem,
    actor,
    status: str | None = None,
    progress: int | None = None,
    comment: str = "",
    request=None,
    now: dt.datetime | None = None,
) -> ActionItemUpdate:
    """Record progress on an action item: a new status, a new percentage, a comment, or any of them.

    Marking an item done without a percentage sets it to 100%. Raises ValidationError (nothing
    written) when nothing would change and there is no comment, or the item's rules refuse the
    new values (a done item is at 100%).
    """
    now = now or timezone.now()
    comment = (comment or "").strip()
    before = stored_snapshot(ActionItem, item.pk, lock=True)
    record = ActionItem.objects.get(pk=item.pk)
    old_status, old_progress = record.status, record.progress

    new_status = status or old_status
    if new_status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if progress is None:
        progress = 100 if new_status == ActionItem.Status.DONE else old_progress
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    if (new_status, progress) == (old_status, old_progress) and not comment:
        raise ValidationError(_("Nothing to record: change the status or the progress, or write a comment."))

    record.status, record.progress = new_status, progress
    record.full_clean()
    record.save(update_fields=["status", "progress", "updated_at"])
    update = ActionItemUpdate.objects.create(
        item=record,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=now,
        comment=comment,
        old_status=old_status,
        new_status=new_status,
        old_progress=old_progress,
        new_progress=progress,
    )
    if (new_status, progress) != (old_status, old_progress):
        _audit_updated(record, before, actor=actor, request=request, note="action item update")
    _audit_created(update, actor=actor, request=request)
    item.refresh_from_db()
    return update


@transaction.atomic
def action_item_save(
    *, form: ModelForm, formsets=(), actor, request=None, now: dt.datetime | None = None
) -> ActionItem:
    """Save the action item form (record_save), and log a change of status or progress made there
    in the item's update log too, so the log tells the whole story whichever page was used."""
    old = None
    if form.instance.pk is not None:
        old = ActionItem.objects.filter(pk=form.instance.pk).values("status", "progress").first()
    item = record_save(form=form, formsets=formsets, actor=actor, request=request)
    if old and (old["status"], old["progress"]) != (item.status, item.progress):
        update = ActionItemUpdate.objects.create(
            item=item,
            author=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=now or timezone.now(),
            old_status=old["status"],
            new_status=item.status,
            old_progress=old["progress"],
            new_progress=item.progress,
        )
        _audit_created(update, actor=actor, request=request, note="edit of the action item")
    return item


@transaction.atomic
def action_item_create(*, actor, request=None, note: str = "", **fields) -> ActionItem:
    """An action item made by another record's service (a commitment of approved minutes), with
    the item's own rules checked (its owner on its side) and its creation audited. Raises
    ValidationError, and nothing is written, where the rules refuse the fields."""
    item = ActionItem(**fields)
    item.full_clean()
    item.save()
    _audit_created(item, actor=actor, request=request, note=note)
    return item


# --- who works on an action item, who follows it, and its discussion -----------------------


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def may_take_part(user, item: ActionItem) -> bool:
    """Whether a user may be assigned to the item or watch it: an active user cleared for it."""
    return bool(getattr(user, "is_active", False)) and can_view(user, item)


def may_discuss(user, item: ActionItem) -> bool:
    """Who writes in an item's thread: those who may change it, and the users assigned to it."""
    if not may_take_part(user, item) or user.role == user.Role.AUDITOR:
        return False
    return can_edit(user, item) or item.assignees.filter(pk=user.pk).exists()


def _refuse_unentitled(user, item: ActionItem, field: str) -> None:
    if not may_take_part(user, item):
        raise ValidationError(
            {
                field: _("%(user)s is not cleared for this item and cannot take part in it.")
                % {"user": _name(user)}
            }
        )


def _locked(item: ActionItem) -> tuple[ActionItem, tuple[dict, str]]:
    before = stored_snapshot(ActionItem, item.pk, lock=True)
    return ActionItem.objects.get(pk=item.pk), before


@transaction.atomic
def action_item_assign(
    *, item: ActionItem, user, actor, request=None, now: dt.datetime | None = None
) -> ActionItemAssignmentChange:
    """Assign a user to the item. Only someone who may change the item assigns, and only a user
    cleared for it (active, clearance at least the item's); ValidationError otherwise, nothing
    written. The assignment is kept in the item's history and the audit trail."""
    if not can_edit(actor, item):
        raise ValidationError(_("You may not change who works on this item."))
    record, before = _locked(item)
    _refuse_unentitled(user, record, "user")
    if record.assignees.filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": _("%(user)s is already assigned to this item.") % {"user": _name(user)}}
        )
    record.assignees.add(user)
    change = ActionItemAssignmentChange.objects.create(
        item=record, user=user, assigned=True, changed_by=actor, changed_at=now or timezone.now()
    )
    _audit_updated(record, before, actor=actor, request=request, note=f"assigned {user.get_username()}")
    return change


@transaction.atomic
def action_item_unassign(
    *, item: ActionItem, user, actor, request=None, now: dt.datetime | None = None
) -> ActionItemAssignmentChange:
    """Take a user off the item (whoever may change the item); kept in its history and audited."""
    if not can_edit(actor, item):
        raise ValidationError(_("You may not change who works on this item."))
    record, before = _locked(item)
    if not record.assignees.filter(pk=user.pk).exists():
        raise ValidationError({"user": _("%(user)s is not assigned to this item.") % {"user": _name(user)}})
    record.assignees.remove(user)
    change = ActionItemAssignmentChange.objects.create(
        item=record, user=user, assigned=False, changed_by=actor, changed_at=now or timezone.now()
    )
    _audit_updated(record, before, actor=actor, request=request, note=f"unassigned {user.get_username()}")
    return change


@transaction.atomic
def action_item_watch(*, item: ActionItem, user, watch: bool = True, request=None) -> None:
    """Start (or stop) watching an item, for oneself only: a watcher must be cleared for it."""
    record, before = _locked(item)
    if watch:
        _refuse_unentitled(user, record, "user")
        record.watchers.add(user)
    else:
        record.watchers.remove(user)
    _audit_updated(record, before, actor=user, request=request, note="watch" if watch else "stop watching")


@transaction.atomic
def action_item_comment(
    *, item: ActionItem, actor, text: str, request=None, now: dt.datetime | None = None
) -> ActionItemComment:
    """Add a message to the item's thread (see may_discuss for who may); audited, never edited."""
    text = (text or "").strip()
    if not may_discuss(actor, item):
        raise ValidationError(_("You may not write in this item's discussion."))
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    comment = ActionItemComment.objects.create(
        item=item, author=actor, text=text, created_at=now or timezone.now()
    )
    _audit_created(comment, actor=actor, request=request)
    return comment


# --- committee sessions ----------------------------------------------------------------------


def _previous_session(session: CommitteeSession) -> CommitteeSession | None:
    return (
        CommitteeSession.objects.filter(committee_id=session.committee_id, number__lt=session.number)
        .order_by("-number")
        .first()
    )


def _carry_over(session: CommitteeSession, *, actor, request) -> list[AgendaItem]:
    """The previous session's unfinished items (not yet discussed, or deferred) opened again on
    this session's agenda after its own items, each linked to the item it continues; an item
    already carried on is not carried twice, nor one from a session classified above this one."""
    previous = _previous_session(session)
    # Items of a session classified above this one stay where they are: copied here, their
    # titles would reach readers not cleared for the session they come from.
    if previous is None or level(previous.classification) > level(session.classification):
        return []
    waiting = previous.agenda.filter(status__in=AgendaItem.UNFINISHED, carried_to__isnull=True)
    after = session.agenda.aggregate(last=Max("position"))["last"] or 0
    carried = []
    for offset, item in enumerate(waiting, start=1):
        copy = AgendaItem.objects.create(
            session=session, position=after + offset, title=item.title, carried_from=item
        )
        _audit_created(
            copy, actor=actor, request=request, note=f"carried over from session {previous.number}"
        )
        carried.append(copy)
    return carried


@transaction.atomic
def session_save(*, form: ModelForm, formsets=(), actor, request=None) -> CommitteeSession:
    """Save a committee session with its agenda (record_save). A new session is numbered after
    the committee's last when no number is given, and its agenda takes up what the session before
    it left unfinished."""
    creating = form.instance.pk is None
    if creating and not form.instance.number:
        # Locked so two sessions recorded at once do not take the same number.
        JointCommittee.objects.select_for_update().filter(pk=form.instance.committee_id).first()
        last = CommitteeSession.objects.filter(committee_id=form.instance.committee_id).aggregate(
            last=Max("number")
        )["last"]
        form.instance.number = (last or 0) + 1
    session = record_save(form=form, formsets=formsets, actor=actor, request=request)
    if creating:
        _carry_over(session, actor=actor, request=request)
    return session
