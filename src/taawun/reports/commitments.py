"""Keeping each partner's open commitments ready (reports.models.PartnerCommitment).

A partner's open action items are the ones it owns and those of the joint committees it sits on.
Finding them on the items takes an OR over two foreign keys, which neither database walks in due
order: a busy partner's thousands were collected and sorted for the profile's first twenty. Here
they are one index range per partner, in due order.

An item's rows are written afresh whenever the item is saved or deleted, and a committee's items'
rows when its partners change (from either side of the link); a partner deleted takes its rows
with it. Each runs in the transaction of the change, once per service call inside `deferred()`.
Writers that bypass signals (the benchmark's bulk generator, raw SQL) call `rebuild`, as does
`taawun tallies`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from taawun.access.policy import visible_levels
from taawun.agreements.models import ActionItem, JointCommittee
from taawun.core.deferred import run_or_defer
from taawun.registry.models import Party
from taawun.reports.models import PartnerCommitment

CHUNK = 2000  # items read at a time when rebuilding


def first_keys(party: Party, user) -> QuerySet:
    """The keys of the partner's open items the user may see, soonest due first (the items' order)."""
    return (
        PartnerCommitment.objects.filter(party=party.pk, classification__in=visible_levels(user))
        .order_by("due_on", "item_id")
        .values_list("item_id", flat=True)
    )


def _rows(items: QuerySet, committee_links: QuerySet, row_model) -> list:
    """The rows of these items: one for the owner and one for each partner of the item's committee."""
    open_items = list(
        items.filter(status__in=ActionItem.OPEN_STATUSES).values_list(
            "pk", "owner_party_id", "committee_id", "due_on", "classification"
        )
    )
    committees = {committee_id for _pk, _owner, committee_id, _due, _level in open_items if committee_id}
    partners: dict[int, set[str]] = {}
    for committee_id, party_id in committee_links.filter(jointcommittee_id__in=committees).values_list(
        "jointcommittee_id", "party_id"
    ):
        partners.setdefault(committee_id, set()).add(party_id)
    rows = []
    for pk, owner, committee_id, due_on, level in open_items:
        for party in {owner} | partners.get(committee_id, set()):
            rows.append(row_model(party=party, item_id=pk, due_on=due_on, classification=level))
    return rows


@transaction.atomic
def sync(item_ids: Iterable[int]) -> None:
    """Bring these items' rows in step with the items as they are now (deleted ones included)."""
    ids = sorted(set(item_ids))
    if not ids:
        return
    PartnerCommitment.objects.filter(item_id__in=ids).delete()
    PartnerCommitment.objects.bulk_create(
        _rows(
            ActionItem.objects.filter(pk__in=ids), JointCommittee.parties.through.objects, PartnerCommitment
        )
    )


@transaction.atomic
def rebuild(apps=None) -> int:
    """Write every partner's rows afresh from the items; returns the number of rows written.
    `apps` is a migration's app registry when a migration rebuilds (its historical models)."""
    item_model = apps.get_model("agreements", "ActionItem") if apps else ActionItem
    committee_model = apps.get_model("agreements", "JointCommittee") if apps else JointCommittee
    row_model = apps.get_model("reports", "PartnerCommitment") if apps else PartnerCommitment
    row_model.objects.all().delete()
    ids = list(
        item_model._base_manager.filter(status__in=ActionItem.OPEN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = item_model._base_manager.filter(pk__in=ids[start : start + CHUNK])
        rows = _rows(chunk, committee_model.parties.through.objects, row_model)
        row_model.objects.bulk_create(rows, batch_size=500)
        written += len(rows)
    return written


# --- keeping in step ------------------------------------------------------------------------------


def _sync_soon(item_ids: Iterable[int]) -> None:
    for item_id in item_ids:
        run_or_defer(("commitments", item_id), lambda item_id=item_id: sync([item_id]))


def _item_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures being loaded: `taawun tallies` afterwards
        _sync_soon([instance.pk])


def _item_deleted(sender, instance, **kwargs) -> None:
    _sync_soon([instance.pk])


def _committees_items(committee_ids: Iterable[int]) -> list[int]:
    return list(ActionItem.objects.filter(committee__in=list(committee_ids)).values_list("pk", flat=True))


def _partners_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A committee's partners changed: its items concern other partners now."""
    if not action.startswith("post_"):
        return
    if not reverse:  # committee.parties changed
        _sync_soon(_committees_items([instance.pk]))
    elif action == "post_clear":
        # A partner left all its committees (party.committees.clear()): which ones is no longer
        # known here, and none of them concerns it any more: its rows are those of its own items.
        _sync_soon(PartnerCommitment.objects.filter(party=instance.pk).values_list("item_id", flat=True))
    else:  # party.committees changed: pk_set names the committees
        _sync_soon(_committees_items(pk_set or ()))


def _party_deleted(sender, instance, **kwargs) -> None:
    # Its committee links went with it, without a signal of their own (it owns no item: PROTECT).
    PartnerCommitment.objects.filter(party=instance.pk).delete()


def connect() -> None:
    post_save.connect(_item_saved, sender=ActionItem, dispatch_uid="commitments-saved")
    post_delete.connect(_item_deleted, sender=ActionItem, dispatch_uid="commitments-deleted")
    post_delete.connect(_party_deleted, sender=Party, dispatch_uid="commitments-party-deleted")
    m2m_changed.connect(
        _partners_changed, sender=JointCommittee.parties.through, dispatch_uid="commitments-partners"
    )
