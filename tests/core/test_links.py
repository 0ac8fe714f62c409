"""Record links made from a pattern reversed once are the links reverse() makes."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from taawun.core.links import record_url


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("registry:party_detail", "SA"),
        ("registry:party_detail", "GCC"),
        ("registry:engagement_detail", 12345),
    ],
)
def test_a_record_link_is_the_one_reverse_makes(language, name, key):
    with translation.override(language):
        assert record_url(name, key) == reverse(name, args=[key])


def test_a_link_follows_the_script_prefix_it_is_served_under():
    try:
        set_script_prefix("/taawun/")
        assert record_url("registry:party_detail", "SY") == reverse("registry:party_detail", args=["SY"])
        assert record_url("registry:party_detail", "SY").startswith("/taawun/")
    finally:
        set_script_prefix("/")
