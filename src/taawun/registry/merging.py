"""One person, one record (and one agency, one event, one article): records of one thing merged
into the one kept.

The officer picks the record that survives and, field by field, which record's value it keeps.
Every reference to the others (participations, committee chairs and members, action items,
contacts, an engagement's sources) is re-pointed to it; a reference the survivor already has (both
took part in one engagement) is kept once. The others are then deleted. All in one transaction
with one audit entry that lists what moved. Refused, with nothing written, where the officer
cannot see every record involved: the records merged, and every record that refers to them.

A reference that is one-to-one (a source's review draft: one draft per source) moves to the
survivor only if the survivor has none: two sources that each have a draft are refused, since
one of the drafts (and the decision it records) would have to be thrown away.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from taawun.access.policy import LEVELS, can_edit, can_view
from taawun.audit.models import Action
from taawun.audit.services import append, diff, snapshot
from taawun.core.merges import remember_merge
from taawun.registry.models import Agency, Engagement, Person, Source
from taawun.registry.services import person_position_sync

# The fields an officer chooses between, per model merged.
CHOSEN_FIELDS = {
    Person: ["name_ar", "name_en", "rank", "position", "party", "agency"],
    Agency: ["name_ar", "name_en", "abbreviation", "kind", "parent"],
    Engagement: [
        "kind",
        "title_ar",
        "title_en",
        "start_date",
        "end_date",
        "location_country",
        "location_city",
        "host",
        "summary",
        "outcomes",
    ],
    Source: ["title", "text", "url", "published_on"],
}
# Fields that go with a chosen one: a date keeps its precision, a text its fingerprint.
FOLLOWING = {"start_date": ["start_precision"], "end_date": ["end_precision"], "text": ["content_hash"]}


class MergeRefused(Exception):
    """A merge that cannot be made; the message is for the user. Nothing was written."""


def _relations(model) -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every foreign key to `model`, the many-to-many tables included (a
    many-to-many with its own model, like Participation, is reached through that model's key)."""
    found = []
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            if not through._meta.auto_created:
                continue
            name = next(
                field.name
                for field in through._meta.get_fields()
                if getattr(field, "related_model", None) is model and field.many_to_one
            )
            found.append((through, name))
        elif relation.one_to_many or relation.one_to_one:
            found.append((relation.related_model, relation.field.name))
    return found


def _unique_partners(model, field: str) -> list[list[str]]:
    """The other fields of each uniqueness rule of `model` that includes `field`."""
    rules = [list(fields) for fields in model._meta.unique_together]
    rules += [
        list(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        and constraint.condition is None
    ]
    if model._meta.auto_created:  # a many-to-many table: one row per pair
        rules.append([f.name for f in model._meta.get_fields() if getattr(f, "many_to_one", False)])
    return [[name for name in rule if name != field] for rule in rules if field in rule]


def _hidden_from(actor, row) -> bool:
    """Whether the row, or a classified record it belongs to, is above the actor's clearance."""
    if hasattr(row, "classification") and not can_view(actor, row):
        return True
    for field in row._meta.concrete_fields:
        if field.many_to_one:
            target = getattr(row, field.name)
            if target is not None and hasattr(target, "classification") and not can_view(actor, target):
                return True
    return False


def _union_own_links(model, survivor, merged: list, actor, moved: dict) -> None:
    """The survivor gets the many-to-many links of the records merged (an engagement's guests,
    domains, forms of cooperation, sources); a linked record above the clearance refuses."""
    for field in model._meta.many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue  # a link with its own model (participations) moves as a reference
        theirs = {target for record in merged for target in getattr(record, field.name).all()}
        if any(hasattr(target, "classification") and not can_view(actor, target) for target in theirs):
            raise MergeRefused(
                _("A record that refers to one of these records is above your clearance: nothing was merged.")
            )
        added = theirs - set(getattr(survivor, field.name).all())
        if added:
            getattr(survivor, field.name).add(*added)
            moved[f"{_label(model)}.{field.name}"] = sorted(target.pk for target in added)


def _no_cycle(model, survivor) -> None:
    """A record under itself once merged (an agency under one of those merged into it) is put at
    the top; a longer loop is refused."""
    parent = next(
        (f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is model), None
    )
    if parent is None:
        return
    model._default_manager.filter(pk=survivor.pk, **{parent.attname: survivor.pk}).update(
        **{parent.attname: None}
    )
    seen, current = (
        {survivor.pk},
        model._default_manager.filter(pk=survivor.pk).values_list(parent.attname, flat=True).first(),
    )
    while current is not None:
        if current in seen:
            raise MergeRefused(
                _("Merged, these records would be under one another: change their parents first.")
            )
        seen.add(current)
        current = model._default_manager.filter(pk=current).values_list(parent.attname, flat=True).first()


def _label(model) -> str:
    return model._meta.label_lower


def _valid(record, **checks) -> None:
    """The survivor as the fields chosen make it, checked; a fault refuses the merge."""
    try:
        record.full_clean(**checks)
    except ValidationError as error:
        raise MergeRefused(" ".join(error.messages)) from error


def _one_each(related, field: str, rows: list, survivor) -> None:
    """A one-to-one reference (a source's review draft) moves only to a survivor that has none,
    and only one of them can: else the merge is refused, naming what would be lost."""
    if not rows or not related._meta.get_field(field).unique:
        return
    taken = related._default_manager.filter(**{field: survivor.pk}).exists()
    if taken or len(rows) > 1:
        raise MergeRefused(
            _(
                "These records each have their own %(what)s, and the record kept can have only one: "
                "nothing was merged."
            )
            % {"what": related._meta.verbose_name}
        )


def _follow_merged(model, survivor, merged_pks: list) -> None:
    """A value chosen that refers to a record merged (an agency filed under its own duplicate)
    would refer to the record kept itself, which is then at the top, as _no_cycle puts it: the
    records merged are deleted before the survivor is saved."""
    for field in model._meta.concrete_fields:
        if (
            field.many_to_one
            and field.related_model is model
            and getattr(survivor, field.attname) in merged_pks
        ):
            setattr(survivor, field.attname, None)


@transaction.atomic
def merge_records(*, survivor, merged: list, choices: dict[str, int], actor, request=None):
    """Merge `merged` into `survivor` (records of one model); `choices` maps a field of
    CHOSEN_FIELDS to the pk of the record whose value the survivor keeps. Returns the survivor."""
    model = type(survivor)
    if model not in CHOSEN_FIELDS:
        raise MergeRefused(_("These records cannot be merged."))
    pks = [survivor.pk, *(record.pk for record in merged)]
    if len(set(pks)) < 2 or len(set(pks)) != len(pks):
        raise MergeRefused(_("Choose at least two different records to merge."))
    locked = {record.pk: record for record in model.objects.select_for_update().filter(pk__in=pks)}
    if len(locked) != len(pks) or not all(can_edit(actor, record) for record in locked.values()):
        raise MergeRefused(_("You may not merge these records."))
    survivor, merged = locked[survivor.pk], [locked[pk] for pk in pks[1:]]
    if model is Agency and len({record.party_id for record in locked.values()}) > 1:
        raise MergeRefused(_("Agencies of different parties are not one agency: they cannot be merged."))

    references = []
    for related, field in _relations(model):
        rows = list(related._default_manager.select_for_update().filter(**{f"{field}__in": pks[1:]}))
        if any(_hidden_from(actor, row) for row in rows):
            raise MergeRefused(
                _("A record that refers to one of these records is above your clearance: nothing was merged.")
            )
        _one_each(related, field, rows, survivor)
        references.append((related, field, rows))

    before = snapshot(survivor)
    for name, source_pk in choices.items():
        if name not in CHOSEN_FIELDS[model] or source_pk not in locked:
            raise MergeRefused(_("Choose each field from one of the records merged."))
        for chosen in [name, *FOLLOWING.get(name, [])]:
            setattr(survivor, chosen, getattr(locked[source_pk], chosen))
    # Never lowered: what was classified stays at least as classified once merged.
    survivor.classification = max((record.classification for record in locked.values()), key=LEVELS.get)
    if model is Person:  # and a person's contact details never below the person
        survivor.contact_classification = max(
            (survivor.contact_classification, survivor.classification), key=LEVELS.get
        )
    # The uniqueness rules are checked once the records merged are gone: the survivor may take a
    # value only one of them may hold (a source's text, at its classification).
    _valid(survivor, validate_unique=False, validate_constraints=False)

    moved: dict[str, list[int]] = {}
    kept_once: dict[str, list[int]] = {}
    _union_own_links(model, survivor, merged, actor, moved)
    for related, field, rows in references:
        rules = _unique_partners(related, field)
        for row in rows:
            duplicate = any(
                related._default_manager.filter(
                    **{field: survivor.pk},
                    **{name: getattr(row, f"{related._meta.get_field(name).attname}") for name in rule},
                ).exists()
                for rule in rules
            )
            key = _label(related)
            if duplicate:
                row.delete()
                kept_once.setdefault(key, []).append(row.pk)
            else:
                related._default_manager.filter(pk=row.pk).update(**{field: survivor.pk})
                moved.setdefault(key, []).append(row.pk)
    _follow_merged(model, survivor, pks[1:])
    gone = [(record.pk, str(record)) for record in merged]
    for record in merged:
        record.delete()
    _valid(survivor)  # a refusal here rolls back what moved: nothing was merged
    survivor.save()
    _no_cycle(model, survivor)
    if model is Person:  # the posts of all of them are the survivor's now
        person_position_sync(survivor)
    remember_merge(model, [pk for pk, _name in gone], survivor.pk)

    changes = diff(before, snapshot(survivor))
    changes["merged"] = {"old": [{"id": pk, "name": name} for pk, name in gone], "new": survivor.pk}
    changes["references"] = {"old": None, "new": {"moved": moved, "kept once": kept_once}}
    append(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        record=survivor,
        changes=changes,
        note=f"merged {_label(model)} {', '.join(str(pk) for pk, _name in gone)} into {survivor.pk}",
    )
    return survivor


def merge_agencies(
    *, survivor: Agency, merged: list[Agency], choices: dict[str, int], actor, request=None
) -> Agency:
    return merge_records(survivor=survivor, merged=merged, choices=choices, actor=actor, request=request)


def merge_engagements(
    *, survivor: Engagement, merged: list[Engagement], choices: dict[str, int], actor, request=None
) -> Engagement:
    return merge_records(survivor=survivor, merged=merged, choices=choices, actor=actor, request=request)


def merge_sources(
    *, survivor: Source, merged: list[Source], choices: dict[str, int], actor, request=None
) -> Source:
    return merge_records(survivor=survivor, merged=merged, choices=choices, actor=actor, request=request)


def merge_people(
    *, survivor: Person, merged: list[Person], choices: dict[str, int], actor, request=None
) -> Person:
    return merge_records(survivor=survivor, merged=merged, choices=choices, actor=actor, request=request)
