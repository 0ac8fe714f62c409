"""The minutes' rules: saving them (numbered items, their floors and owners checked, approved minutes
reopened by an edit of their text), approving them (the text's hash recorded, each commitment made
an action item once), printing them and sending them to the participants who use Taawun.

Every service that writes runs in one transaction and writes its audit entries in it; e-mails go
after the sending is recorded, so a failing mail server never loses the record of what was sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from taawun.access.policy import LEVELS, Classification, can_view, level, visible_levels
from taawun.agreements.services import action_item_create
from taawun.audit.models import Action
from taawun.audit.services import append, diff, snapshot, stored_snapshot
from taawun.core.deferred import deferred
from taawun.minutes import documents
from taawun.minutes.models import Approval, Delivery, MinuteItem, Minutes, Sending
from taawun.notifications.models import Contact
from taawun.notifications.services import notification_create
from taawun.records.services import record_save
from taawun.registry.models import Person

log = logging.getLogger(__name__)


def _audit(action: str, record, *, before=None, actor, request, note: str = "") -> None:
    append(
        action=action,
        actor=actor,
        request=request,
        record=record,
        changes=diff(before[0] if before else None, snapshot(record)),
        note=note,
    )


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- saving ------------------------------------------------------------------------------------


def _number_items(minutes: Minutes, *, actor, request) -> None:
    """Items left at number 0 are numbered after the last, in the order they were written (each
    numbering audited)."""
    items = minutes.items.all()
    last = items.aggregate(last=Max("position"))["last"] or 0
    for offset, item in enumerate(items.filter(position=0).order_by("pk"), start=1):
        before = stored_snapshot(MinuteItem, item.pk, lock=True)
        item.position = last + offset
        item.save(update_fields=["position"])
        _audit(Action.UPDATE, item, before=before, actor=actor, request=request, note="numbered")


def _item_errors(minutes: Minutes) -> list[str]:
    """What the minutes' items break of the rules that need the minutes: each item classified at
    least as the minutes, numbers used once, a commitment owed by our side or a party of the
    committee or engagement (the owner person of that side) and coming from a decision of these
    minutes."""
    items = list(minutes.items.select_related("owner_person").order_by("position", "pk"))
    sides = {party.pk for party in minutes.sides()}
    decisions = {item.position for item in items if item.kind == MinuteItem.Kind.DECISION}
    errors, seen = [], set()
    floor = level(minutes.classification)
    for item in items:
        number = {"number": item.position}
        if item.position in seen:
            errors.append(_("Two items have the number %(number)s.") % number)
        seen.add(item.position)
        if level(item.classification) < floor:
            errors.append(
                _(
                    "Item %(number)s is classified below the minutes (%(level)s): an item is classified at least as the minutes."
                )
                % {**number, "level": minutes.get_classification_display()}
            )
        if item.kind != MinuteItem.Kind.COMMITMENT:
            continue
        if item.owner_side_id not in sides:
            errors.append(
                _("Item %(number)s: the responsible side is ours or a party of the committee or engagement.")
                % number
            )
        if item.owner_person_id and item.owner_person.party_id != item.owner_side_id:
            errors.append(_("Item %(number)s: the owner must belong to the responsible side.") % number)
        if item.from_decision is not None and item.from_decision not in decisions:
            errors.append(
                _("Item %(number)s: these minutes have no decision number %(decision)s.")
                % {**number, "decision": item.from_decision}
            )
    return errors


def _reopen(minutes: Minutes, *, actor, request, now: dt.datetime) -> None:
    """Approved minutes whose text an edit changed go back to draft; their approval is kept,
    marked with who reopened it and when."""
    approval = minutes.approvals.filter(reopened_at__isnull=True).order_by("-approved_at", "-pk").first()
    if approval is not None:
        before = stored_snapshot(Approval, approval.pk, lock=True)
        approval.reopened_by, approval.reopened_at = _user(actor), now
        approval.save(update_fields=["reopened_by", "reopened_at"])
        _audit(
            Action.UPDATE, approval, before=before, actor=actor, request=request, note="reopened by an edit"
        )
    before = stored_snapshot(Minutes, minutes.pk, lock=True)
    minutes.status = Minutes.Status.DRAFT
    minutes.save(update_fields=["status", "updated_at"])
    _audit(Action.UPDATE, minutes, before=before, actor=actor, request=request, note="reopened by an edit")


@transaction.atomic
@deferred()
def minutes_save(
    *, form: ModelForm, formsets=(), actor, request=None, now: dt.datetime | None = None
) -> Minutes:
    """Save the minutes with their items (record_save), number the items left at 0 and check the
    rules that need the whole minutes (ValidationError, and nothing is written). An edit that
    changes the text of approved minutes reopens them."""
    approved_hash = None
    if form.instance.pk is not None:
        stored = Minutes.objects.select_for_update().filter(pk=form.instance.pk).first()
        if stored is not None and stored.is_approved:
            approved_hash = stored.text_hash()
    formsets = list(formsets)
    for formset in formsets:
        for item_form in formset.forms:
            if getattr(item_form, "as_minutes", False):
                item_form.instance.classification = form.instance.classification
    minutes = record_save(form=form, formsets=formsets, actor=actor, request=request)
    _number_items(minutes, actor=actor, request=request)
    errors = _item_errors(minutes)
    if errors:
        raise ValidationError(errors)
    if approved_hash is not None and minutes.text_hash() != approved_hash:
        _reopen(minutes, actor=actor, request=request, now=now or timezone.now())
    minutes.refresh_from_db()
    return minutes


# --- approving ---------------------------------------------------------------------------------


def _origin(item: MinuteItem) -> str:
    """Where an action item made from a commitment comes from, in the office's language."""
    minutes = item.minutes
    with translation.override(settings.LANGUAGE_CODE):
        origin = _("From the minutes: %(minutes)s, item %(number)s.") % {
            "minutes": str(minutes),
            "number": item.position,
        }
        if item.from_decision is not None:
            decision = minutes.items.filter(
                position=item.from_decision, kind=MinuteItem.Kind.DECISION
            ).first()
            if decision is not None:
                origin += " " + _("Decision %(number)s: %(text)s") % {
                    "number": decision.position,
                    "text": decision.text_ar or decision.text_en,
                }
    return origin


def _action_item_of(item: MinuteItem, *, actor, request) -> None:
    """The action item of one commitment (an agreements ActionItem, through agreements' service),
    linked from the commitment: made once, never twice."""
    minutes = item.minutes
    session = minutes.session
    text = item.text_ar or item.text_en
    description = "\n\n".join(part for part in (item.text_ar, item.text_en, _origin(item)) if part)
    created = action_item_create(
        actor=actor,
        request=request,
        note=f"commitment {item.pk} of minutes {minutes.pk}",
        title=text if len(text) <= 500 else text[:499] + "…",
        description=description,
        committee=session.committee if session else None,
        engagement=minutes.engagement or (session.engagement if session else None),
        owner_party_id=item.owner_side_id,
        owner_person_id=item.owner_person_id,
        due_on=item.due_on,
        classification=item.classification,
    )
    before = stored_snapshot(MinuteItem, item.pk, lock=True)
    item.action_item = created
    item.save(update_fields=["action_item"])
    _audit(Action.UPDATE, item, before=before, actor=actor, request=request, note="made an action item")


def commitments_to_action_items(minutes: Minutes, *, actor, request=None) -> int:
    """Each commitment of the minutes without its action item gets one; returns how many were made.
    The commitments are locked first, so two approvals at once never make two items for one."""
    waiting = list(
        MinuteItem.objects.select_for_update()
        .filter(minutes=minutes, kind=MinuteItem.Kind.COMMITMENT, action_item__isnull=True)
        .order_by("position", "pk")
    )
    for item in waiting:
        item.minutes = minutes
        _action_item_of(item, actor=actor, request=request)
    return len(waiting)


@transaction.atomic
@deferred()
def minutes_approve(*, minutes: Minutes, actor, request=None, now: dt.datetime | None = None) -> Approval:
    """Approve draft minutes: who, when and the SHA-256 of their canonical text are recorded, and
    each commitment becomes an action item. Refused (ValidationError, nothing written) for minutes
    already approved, minutes without items, and an approver not cleared for every item (no one
    approves a text they cannot read)."""
    now = now or timezone.now()
    before = stored_snapshot(Minutes, minutes.pk, lock=True)
    record = Minutes.objects.get(pk=minutes.pk)
    if record.is_approved:
        raise ValidationError(_("These minutes are already approved."))
    items = MinuteItem.objects.filter(minutes=record)
    if not items.exists():
        raise ValidationError(
            _("Minutes without a decision, recommendation or commitment cannot be approved.")
        )
    if items.exclude(classification__in=visible_levels(actor)).exists():
        raise ValidationError(
            _(
                "Some items are classified above your clearance: someone cleared for all of them approves the minutes."
            )
        )
    errors = _item_errors(record)
    if errors:
        raise ValidationError(errors)
    record.status = Minutes.Status.APPROVED
    record.save(update_fields=["status", "updated_at"])
    approval = Approval.objects.create(
        minutes=record, approved_by=_user(actor), approved_at=now, text_hash=record.text_hash()
    )
    _audit(Action.UPDATE, record, before=before, actor=actor, request=request, note="approved")
    _audit(Action.CREATE, approval, actor=actor, request=request, note=f"sha256 {approval.text_hash}")
    commitments_to_action_items(record, actor=actor, request=request)
    minutes.refresh_from_db()
    return approval


# --- printing ----------------------------------------------------------------------------------


def lower_of(first: str, second: str) -> str:
    return first if level(first) <= level(second) else second


def items_up_to(minutes: Minutes, cap: str):
    """The minutes' items classified at most `cap`, in order."""
    allowed = [value for value, rank in LEVELS.items() if rank <= level(cap)]
    return minutes.items.filter(classification__in=allowed).order_by("position", "pk")


def minutes_pdf(minutes: Minutes, *, reader, cap: str, first: str = "ar") -> bytes:
    """The minutes as a PDF in Arabic and English (`first` read first), holding the items up to
    `cap` and never above the reader's clearance."""
    cap = lower_of(cap, reader.clearance)
    return documents.render(minutes, reader=reader, items=list(items_up_to(minutes, cap)), first=first)


# --- sending -----------------------------------------------------------------------------------


def participant_ids(minutes: Minutes) -> set[int]:
    """The people who took part: a session's chairs and those of its meeting in the registry; an
    engagement's participants."""
    ids: set[int] = set()
    engagement = minutes.engagement
    if minutes.session_id:
        session = minutes.session
        ids |= {pk for pk in (session.chair_ours_id, session.chair_theirs_id) if pk}
        engagement = session.engagement
    if engagement is not None:
        ids |= set(engagement.participations.values_list("person_id", flat=True))
    return ids


@dataclass(frozen=True)
class Recipient:
    user: object
    person: Person | None
    cap: str  # the highest classification of what they receive

    @property
    def cap_label(self) -> str:
        return Classification(self.cap).label


def recipients(minutes: Minutes, cap: str) -> list[Recipient]:
    """The participants who use Taawun (active users linked to their person: notifications.Contact)
    and may see the minutes, each with what they may receive: up to `cap`, or their clearance if
    lower. Nobody below the minutes' own classification receives anything."""
    contacts = (
        Contact.objects.filter(person_id__in=participant_ids(minutes), user__is_active=True)
        .select_related("user", "person")
        .order_by("user__username")
    )
    found = []
    for contact in contacts:
        user = contact.user
        if not Minutes.objects.visible_to(user).filter(pk=minutes.pk).exists():
            continue
        found.append(Recipient(user=user, person=contact.person, cap=lower_of(cap, user.clearance)))
    return found


def _check_cap(minutes: Minutes, actor, cap: str) -> None:
    if cap not in LEVELS or not can_view(actor, minutes):
        raise ValidationError({"cap": _("Choose one of the classifications offered.")})
    if level(cap) < level(minutes.classification) or level(cap) > level(actor.clearance):
        raise ValidationError({"cap": _("Choose one of the classifications offered.")})


def _sent_text(minutes: Minutes, sender, recipient: Recipient, count: int) -> tuple[str, str]:
    values = {
        "minutes": str(minutes),
        "sender": sender.get_full_name() or sender.get_username(),
        "count": count,
        "level": dict(Minutes._meta.get_field("classification").choices)[recipient.cap],
    }
    title = _("Minutes sent to you: %(minutes)s") % values
    body = (
        _(
            "%(sender)s sent you %(minutes)s: %(count)s items, up to %(level)s. The PDF is attached to the e-mail."
        )
        % values
    )
    return title, body


@transaction.atomic
def _record_sending(minutes: Minutes, *, actor, cap: str, found: list[Recipient], request, now) -> Sending:
    language = getattr(settings, "TAAWUN_REMINDER_LANGUAGE", settings.LANGUAGE_CODE)
    sending = Sending.objects.create(
        minutes=minutes, sent_by=_user(actor), sent_at=now, cap=cap, text_hash=minutes.text_hash()
    )
    with translation.override(settings.LANGUAGE_CODE):
        path = minutes.get_absolute_url()
    for recipient in found:
        count = items_up_to(minutes, recipient.cap).count()
        with translation.override(language):
            title, body = _sent_text(minutes, actor, recipient, count)
        notification = notification_create(
            recipient=recipient.user, title=title, body=body, url=path, record=minutes, now=now
        )
        Delivery.objects.create(
            sending=sending,
            recipient=recipient.user,
            cap=recipient.cap,
            items=count,
            notification=notification,
        )
    names = ", ".join(recipient.user.get_username() for recipient in found)
    _audit(
        Action.CREATE,
        sending,
        actor=actor,
        request=request,
        note=f"minutes sent up to {cap} to {names}; sha256 {sending.text_hash}",
    )
    return sending


def minutes_send(
    *, minutes: Minutes, actor, cap: str, request=None, now: dt.datetime | None = None
) -> Sending:
    """Send approved minutes to the participants who use Taawun and may see them (`recipients`):
    a notification in the app and, to those with an address, an e-mail with the PDF made for them
    (up to `cap`, or their clearance if lower). The sending is recorded (who, when, to whom, up to
    which classification, the text's hash) and audited before any e-mail goes; a failed e-mail is
    marked on its delivery and logged."""
    now = now or timezone.now()
    _check_cap(minutes, actor, cap)
    minutes.refresh_from_db()
    if not minutes.is_approved:
        raise ValidationError(_("Approve the minutes before sending them."))
    found = recipients(minutes, cap)
    if not found:
        raise ValidationError(
            _(
                "No participant who may see these minutes uses Taawun: link the participants to their users first."
            )
        )
    sending = _record_sending(minutes, actor=actor, cap=cap, found=found, request=request, now=now)
    pdfs: dict[tuple[str, str], bytes] = {}  # one document per cap and clearance (names of people)
    language = getattr(settings, "TAAWUN_REMINDER_LANGUAGE", settings.LANGUAGE_CODE)
    base = getattr(settings, "TAAWUN_BASE_URL", "").rstrip("/")
    for delivery in sending.deliveries.select_related("recipient", "notification"):
        address = delivery.recipient.email
        if not address:
            continue
        try:
            key = (delivery.cap, delivery.recipient.clearance)
            if key not in pdfs:
                pdfs[key] = minutes_pdf(minutes, reader=delivery.recipient, cap=delivery.cap, first=language)
            notification = delivery.notification
            message = EmailMessage(
                subject=notification.title,
                body=f"{notification.body}\n\n{base}{notification.url}\n",
                to=[address],
            )
            message.attach(f"minutes-{minutes.pk}.pdf", pdfs[key], "application/pdf")
            message.send()
        except Exception:  # noqa: BLE001 - one unreachable mail server must not stop the others
            log.exception("minutes e-mail to user %s failed", delivery.recipient_id)
            Delivery.objects.filter(pk=delivery.pk).update(email_failed=True)
        else:
            Delivery.objects.filter(pk=delivery.pk).update(emailed=True)
    return sending
