"""The system reader an unattended import reads for: the policy decides for it as for the ad hoc
reader it replaced (ingest's `_Everyone`), a reader cleared for every level."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from taawun.access import policy
from taawun.access.policy import LEVELS, Classification
from taawun.access.system import SYSTEM_READER, SystemReader


class _Everyone:
    """ingest.services._Everyone as it was, to compare the decisions with."""

    is_authenticated = True
    is_active = True
    clearance = "secret"
    role = "administrator"


RECORDS = [SimpleNamespace(classification=value) for value in [*Classification.values, "unknown", ""]]


def _outcome(decide, *args):
    """A decision's answer, or the kind of error it stops with."""
    try:
        return decide(*args)
    except Exception as error:  # noqa: BLE001 - the error's kind is the outcome compared
        return type(error)


@pytest.mark.parametrize(
    "decide",
    [
        lambda reader: policy.visible_levels(reader),
        *(lambda reader, record=record: policy.can_view(reader, record) for record in RECORDS),
        *(lambda reader, value=value: policy.clearance_within(reader, value) for value in LEVELS),
        lambda reader: policy.can_edit(reader),
        lambda reader: policy.can_edit(reader, RECORDS[0]),
        lambda reader: policy.requires_second_factor(reader),
        lambda reader: policy.can_manage_user(reader, SimpleNamespace(clearance="public")),
    ],
)
def test_every_decision_is_the_one_made_for_the_reader_it_replaced(decide):
    assert _outcome(decide, SYSTEM_READER) == _outcome(decide, _Everyone())


def test_it_sees_every_level_and_nothing_outside_the_scheme():
    assert policy.visible_levels(SYSTEM_READER) == list(LEVELS)
    assert all(policy.can_view(SYSTEM_READER, record) for record in RECORDS[: len(LEVELS)])
    assert not any(policy.can_view(SYSTEM_READER, record) for record in RECORDS[len(LEVELS) :])


def test_it_cannot_be_changed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SYSTEM_READER.clearance = "public"
    assert SystemReader() == SYSTEM_READER
