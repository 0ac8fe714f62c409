"""What a form, a filter or a page offers of related records: only those the reader may see.

The decisions themselves (who may see what) are taawun.access.policy's; this module applies
them to forms and to values already loaded.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from taawun.access.classified import ClassifiedQuerySet
from taawun.access.policy import can_view, visible_levels


def restrict_choices(form, user) -> None:
    """Limit every record choice in a form to what the user may see, and the classification
    choice to the user's clearance, so a form never lists (or accepts) a record above it.
    Every record choice is a RecordChoiceField (taawun.records.forms): a plain ModelChoiceField over
    classified records is refused.

    Links the user cannot see are kept as they are, never silently dropped: a single link to a
    hidden record takes its field out of the form, and hidden members of a many-to-many link are
    remembered in `form.hidden_related` for the form to add back when it saves.
    """
    instance = getattr(form, "instance", None)
    form.hidden_related = {}
    for name, field in list(form.fields.items()):
        if hasattr(field, "show_to"):  # a record choice (taawun.records.forms.RecordChoiceField)
            # Listed by the name the reader sees (an Arabic list in Arabic order).
            field.show_to(user)
        elif isinstance(getattr(field, "queryset", None), ClassifiedQuerySet):
            raise ImproperlyConfigured(
                f"{type(form).__name__}.{name} offers classified records without the user's clearance: "
                "make it a RecordChoiceField (taawun.records.forms)."
            )
        else:
            continue
        if instance is None or instance.pk is None or not hasattr(instance, name):
            continue
        current = getattr(instance, name)
        if isinstance(current, models.Model):
            if not can_view(user, current):
                del form.fields[name]
        elif hasattr(current, "exclude"):
            # Checked among the record's few links, not by excluding every record the user may
            # see (a NOT IN over a hundred thousand sources costs the form its speed).
            linked = list(current.all())
            offered = set(
                field.queryset.filter(pk__in=[row.pk for row in linked]).values_list("pk", flat=True)
            )
            hidden = [row for row in linked if row.pk not in offered]
            if hidden:
                form.hidden_related[name] = hidden
    if "classification" in form.fields:
        allowed = set(visible_levels(user))
        form.fields["classification"].choices = [
            (value, label) for value, label in form.fields["classification"].choices if value in allowed
        ]


def visible_related(user, value):
    """A related record or list of records as the user may see it (hidden ones left out)."""
    if isinstance(value, models.Model):
        if hasattr(value, "classification") and not can_view(user, value):
            return None
        return value
    if isinstance(value, list | tuple):
        return [item for item in value if visible_related(user, item) is not None]
    return value
