"""The app process's garbage collection: settled once loaded, collected after each response."""

import gc
import weakref

import pytest

from taawun import gunicorn as gunicorn_settings
from taawun.core import heap


class Node:
    """A record that points at itself, as the ORM's prefetched objects do."""

    def __init__(self):
        self.me = self


@pytest.fixture
def settled():
    heap.settle()
    yield
    gc.unfreeze()  # the rest of the test process as it was


def cycle_left_by_a_request() -> weakref.ref:
    return weakref.ref(Node())


def test_settling_freezes_what_is_loaded(settled):
    assert gc.get_freeze_count() > 1000  # the modules, classes and functions of the loaded app


def test_the_cycles_a_request_left_are_collected_after_its_response(settled):
    left = cycle_left_by_a_request()
    assert left() is not None  # reference counting alone never frees a cycle
    heap.collect_after_response()
    assert left() is None


def test_gunicorn_collects_after_each_request(settled):
    left = cycle_left_by_a_request()
    gunicorn_settings.post_request(worker=None, req=None, environ={}, resp=None)
    assert left() is None


def test_warming_up_loads_every_url_pattern():
    from django.urls import get_resolver

    heap.warm_up()
    assert get_resolver()._populated
