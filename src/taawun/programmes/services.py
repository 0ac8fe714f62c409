"""Changes to programmes: the items are saved and deleted by the record framework's services
(records.services, one transaction with their audit entries); here, the delegation's order of
precedence and the audit of a programme printed."""

from __future__ import annotations

from django.db import transaction

from taawun.audit.models import Action
from taawun.audit.services import append
from taawun.programmes.models import DelegationPlace
from taawun.registry.models import Engagement


@transaction.atomic
def delegation_order_save(*, engagement: Engagement, order: dict[int, int], actor, request=None) -> None:
    """Set the places in the order of precedence of the engagement's people (person id ->
    place, 1 first), audited as a change of the engagement with the old and new orders."""
    places = DelegationPlace.objects.select_for_update().filter(engagement=engagement)
    before = {str(row.person_id): row.precedence for row in places}
    after = {str(person): place for person, place in sorted(order.items())}
    if {person: before.get(person) for person in after} == after:
        return
    for person, place in order.items():
        DelegationPlace.objects.update_or_create(
            engagement=engagement, person_id=person, defaults={"precedence": place}
        )
    append(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        record=engagement,
        changes={"delegation_order": {"old": before, "new": {**before, **after}}},
        note="order of precedence of the delegation",
    )


def programme_printed(*, engagement: Engagement, marking: str, items: int, actor, request=None) -> None:
    """Audit a programme's PDF: an export of the engagement, classified as the highest item it holds."""
    with transaction.atomic():
        append(
            action=Action.EXPORT,
            actor=actor,
            request=request,
            record=engagement,
            classification=marking,
            note=f"programme PDF, {items} items",
        )
