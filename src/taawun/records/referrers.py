"""What still refers to a record about to be deleted, as the deleting user may know it.

A deletion is refused while other records refer to it: protected links, restricted links and
many-to-many links (a guest of an engagement, a party to an understanding ...) always, and links
a deletion would empty (SET_NULL and the like) when the linking record is one the user may not
see, since the user could neither see nor undo that change (issue 16, L3). The refusal names the
referrers the user may see and only counts the others: a hidden record is never named, linked or
told apart from another hidden one (issue 16, H3).

A row that is not classified itself (a participation, a training cohort) is as visible as the
classified records it belongs to, other than the one being deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from taawun.access.policy import can_view, visible_levels

LIMIT = 10  # referrers named at most


@dataclass
class Referrers:
    """Each referring record once, however many links it refers through (an engagement that
    has a party as its host and as its place is one referrer, not two)."""

    shown: list[models.Model] = field(default_factory=list)  # the user may see these (LIMIT at most)
    hidden_keys: set[tuple[str, object]] = field(default_factory=set)  # (model label, pk) of the others
    _shown_keys: set[tuple[str, object]] = field(default_factory=set, repr=False)

    @property
    def hidden(self) -> int:
        """How many referrers the user may not see."""
        return len(self.hidden_keys)

    def __bool__(self) -> bool:
        return bool(self.shown) or bool(self.hidden_keys)

    def show(self, row: models.Model) -> None:
        key = _key(row)
        if key not in self._shown_keys and len(self.shown) < LIMIT:
            self._shown_keys.add(key)
            self.shown.append(row)

    def add(self, other: Referrers) -> None:
        for row in other.shown:
            self.show(row)
        self.hidden_keys |= other.hidden_keys


def _key(row: models.Model) -> tuple[str, object]:
    return (row._meta.label, row.pk)


def is_classified(model: type[models.Model]) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


def _owners(model: type[models.Model], exclude: models.Field | None = None) -> list[models.ForeignKey]:
    """The links through which an unclassified row belongs to classified records."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.many_to_one and f is not exclude and is_classified(f.related_model)
    ]


def visible_rows_q(model: type[models.Model], user, *, via: models.Field | None = None) -> models.Q:
    """The rows of `model` the user may see (`via`: the link to the record being deleted, which
    does not count as an owner)."""
    levels = visible_levels(user)
    if is_classified(model):
        return models.Q(classification__in=levels)
    condition = models.Q()
    for owner in _owners(model, exclude=via):
        condition &= models.Q(**{f"{owner.name}__isnull": True}) | models.Q(
            **{f"{owner.name}__classification__in": levels}
        )
    return condition


def is_visible(row: models.Model, user, *, deleting: models.Model | None = None) -> bool:
    """Whether the user may see this row (an unclassified row: its owners other than `deleting`)."""
    if is_classified(type(row)):
        return can_view(user, row)
    for owner in _owners(type(row)):
        target = getattr(row, owner.name)
        if target is None or (deleting is not None and target == deleting):
            continue
        if not can_view(user, target):
            return False
    return True


def split(rows: models.QuerySet, user, *, via: models.Field | None = None) -> Referrers:
    """The rows as the user may know them: the first visible ones, and the keys of the hidden ones
    (keys, not a count, so that a record hidden behind two links is counted once)."""
    visible_q = visible_rows_q(rows.model, user, via=via)
    found = Referrers()
    for row in rows.filter(visible_q)[:LIMIT]:
        found.show(row)
    label = rows.model._meta.label
    hidden = rows.exclude(pk__in=rows.filter(visible_q).values("pk")).values_list("pk", flat=True)
    found.hidden_keys = {(label, pk) for pk in hidden}
    return found


def split_rows(rows, user, *, deleting: models.Model) -> Referrers:
    """As `split`, for rows already loaded (those Django's deletion collector found)."""
    found = Referrers()
    for row in rows:
        if is_visible(row, user, deleting=deleting):
            found.show(row)
        else:
            found.hidden_keys.add(_key(row))
    return found


def _covered_by_many_to_many(model: type[models.Model], relation) -> bool:
    """A through model of a many-to-many link to `model` (an engagement's participations of a
    person): its rows are counted once, as the many-to-many link's records."""
    through = relation.related_model
    return any(other.many_to_many and other.through is through for other in model._meta.related_objects)


BLOCKING = (models.PROTECT, models.RESTRICT)


def _empties(on_delete) -> bool:
    """SET_NULL, SET_DEFAULT and SET(...) (a function of its own, which Django marks with a
    `deconstruct` naming models.SET)."""
    if on_delete in (models.SET_NULL, models.SET_DEFAULT):
        return True
    deconstruct = getattr(on_delete, "deconstruct", None)
    return deconstruct is not None and deconstruct()[0] == "django.db.models.SET"


def direct_referrers(record: models.Model, user) -> Referrers:
    """The records that refer to `record` directly and stop its deletion, as `user` may know
    them: many-to-many links and protected links always, emptied links of hidden records.

    Cascades further away (the referrers of rows deleted with the record) are left to Django's
    collector: `record_delete` checks what it found with `split_rows`."""
    model = type(record)
    found = Referrers()
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            if relation.related_model is model:
                continue
            rows = getattr(record, relation.get_accessor_name()).all()
            found.add(split(rows, user))
            continue
        related, link = relation.related_model, relation.field
        rows = related._base_manager.filter(**{link.name: record})
        on_delete = relation.on_delete
        if on_delete in BLOCKING:
            if not _covered_by_many_to_many(model, relation):
                found.add(split(rows, user, via=link))
        elif _empties(on_delete):
            # A visible record may lose its link (it is audited); a hidden one may not.
            visible = rows.filter(visible_rows_q(related, user, via=link)).values("pk")
            hidden = rows.exclude(pk__in=visible).values_list("pk", flat=True)
            found.hidden_keys |= {(related._meta.label, pk) for pk in hidden}
    return found
