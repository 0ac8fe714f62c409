"""The list of projections (taawun.projections.derived) tells the truth: what each is derived from, the
command that rebuilds it, and that its listeners are connected."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import get_commands
from django.db.models.signals import m2m_changed, post_delete, post_save

from taawun.projections.derived import PROJECTIONS
from taawun.reports import figures
from taawun.search.indexing import KINDS


def test_the_search_index_is_listed_with_every_kind_it_indexes():
    (search,) = [projection for projection in PROJECTIONS if projection.name == "search index"]
    assert set(search.sources) == {kind.model_label for kind in KINDS}


def test_the_dashboard_figures_are_listed_with_every_record_they_count():
    (listed,) = [projection for projection in PROJECTIONS if projection.name == "dashboard figures"]
    assert set(listed.sources) == set(figures.SOURCES)


@pytest.mark.parametrize("projection", PROJECTIONS, ids=lambda projection: projection.name)
def test_each_projection_names_a_command_that_rebuilds_it(projection):
    command = projection.rebuild.split()[1]
    assert command in get_commands()


@pytest.mark.parametrize("projection", PROJECTIONS, ids=lambda projection: projection.name)
def test_each_projection_listens_to_the_records_it_is_derived_from(projection):
    for label in projection.sources:
        model = apps.get_model(label)
        listened = (
            post_save.has_listeners(model)
            or post_delete.has_listeners(model)
            or any(
                m2m_changed.has_listeners(field.remote_field.through) for field in model._meta.many_to_many
            )
        )
        assert listened, f"{projection.name}: nothing listens to {label}"
