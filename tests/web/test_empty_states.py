"""An empty list says so once: the empty state alone, not also a count of nothing above it
("0 drafts" over "No drafts.", "0 records" over "No records match."). With records, the count is
there and the empty state is not."""

from __future__ import annotations

import re

import pytest

from tests.pages import text, url
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def empty_states(body: str) -> list[str]:
    """The text of every empty-state paragraph of the page's main part."""
    main = body.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    return [
        re.sub(r"\s+", " ", found).strip() for found in re.findall(r'<p class="empty">(.*?)</p>', main, re.S)
    ]


def counts(body: str) -> list[str]:
    return re.findall(r'<p class="count"[^>]*>', body)


def english(client, name: str, *args, query: str = "") -> str:
    response = client.get(url(name, *args, language="en", query=query))
    assert response.status_code == 200
    return text(response)


@pytest.mark.parametrize(
    ("name", "query", "said"),
    [
        ("ingest:draft_list", "", "No drafts."),
        ("ingest:draft_list", "status=all", "No drafts."),
        ("registry:engagement_list", "", "No records match."),
        ("registry:person_list", "q=nobody", "No records match."),
        ("agreements:actionitem_list", "", "No records match."),
        ("search:results", "q=nothingatall", "No records match."),
        ("notifications:list", "", "No notifications."),
    ],
)
def test_an_empty_list_says_so_once_without_a_count_of_nothing(officer_client, name, query, said):
    body = english(officer_client, name, query=query)
    assert empty_states(body) == [said]
    assert counts(body) == []
    assert not re.search(r">\s*0 (drafts|records|results|unread)", body)


def test_an_empty_audit_trail_says_so_once(auditor):
    body = english(logged_in(auditor), "audit:entry_list", query="object_pk=987654")
    assert empty_states(body) == ["No entries match."]
    assert counts(body) == []


def test_a_list_with_records_counts_them_and_has_no_empty_state(officer_client, make):
    make.engagement("SA", ["SY"])
    body = english(officer_client, "registry:engagement_list")
    assert empty_states(body) == []
    assert len(counts(body)) == 1 and "1 record" in body and "export=xlsx" in body


def test_a_new_committee_says_each_empty_part_once(officer_client, make):
    committee = make.committee(["SA", "JO"])
    body = english(officer_client, "agreements:jointcommittee_detail", committee.pk)
    shown = empty_states(body)
    # Members, understandings followed, meetings, sessions, the action plan: each empty part said once.
    assert sorted(shown) == sorted(
        [
            "No members recorded.",
            "None.",
            "No meetings recorded.",
            "No sessions recorded.",
            "No action items.",
        ]
    )
    assert "No action items to measure progress by." not in body
