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

from taawun.access.policy import level
from taawun.agreements.lifecycle import is_allowed
from taawun.agreements.models import (
    ActionItem,
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
