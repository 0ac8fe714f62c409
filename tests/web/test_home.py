"""The home page's figures and the overdue flag wherever officers read action items.

The open items are open, in progress or blocked wherever they are counted or listed; an overdue
item is flagged on the home page, the action-item list, a partner's open commitments, a
committee's plan, an understanding's page and the country brief."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from taawun.agreements.models import ActionItem
from taawun.web.selectors import home_summary

pytestmark = pytest.mark.django_db

FLAG = '<strong class="flag">متأخر</strong>'  # "Overdue"


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def page(client, name: str, *args, query: str = "") -> str:
    response = client.get(reverse(name, args=args) + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response.content.decode()


def flagged_rows(body: str) -> list[str]:
    """The rows of the page's tables that carry the overdue flag."""
    return [row for row in re.findall(r"<tr[^>]*>.*?</tr>", body, re.S) if FLAG in row]


def test_the_open_statuses_are_defined_once_and_overdue_means_open_and_past_due():
    assert set(ActionItem.OPEN_STATUSES) == {"open", "in_progress", "blocked"}
    today = timezone.localdate()
    assert ActionItem(status="in_progress", due_on=days(-1)).overdue_on(today)
    assert not ActionItem(status="done", due_on=days(-1)).overdue_on(today)
    assert not ActionItem(status="open", due_on=today).overdue_on(today)


def test_the_open_items_tile_links_to_the_same_items_it_counts(officer_client, make):
    for status in ("open", "in_progress", "blocked"):
        make.action_item(title=f"still {status}", status=status)
    make.action_item(title="finished", status="done", progress=100)
    make.action_item(title="dropped", status="cancelled")
    body = page(officer_client, "web:home")
    link = re.search(r'<a href="([^"]+)"><strong>(\d+)</strong> بنود العمل المفتوحة</a>', body)
    assert link and link[2] == "3"
    listed = officer_client.get(link[1].replace("&amp;", "&"))
    assert listed.context["paginator"].count == 3
    titles = {item.title for item in listed.context["object_list"]}
    assert titles == {"still open", "still in_progress", "still blocked"}


def test_the_trainees_tile_counts_people_trained_not_places_pledged(officer_client, make):
    make.training(trainees=77, status="delivered")
    make.training(trainees=90, status="pledged")
    make.training(trainees=5, status="planned")
    assert home_summary(make_officer(officer_client))["counts"]["trainees"] == 77
    body = page(officer_client, "web:home")
    assert "<strong>77</strong> متدربون تم تدريبهم" in body
    assert "?status=delivered" in body


def make_officer(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_the_office_own_country_is_no_active_partner(officer_client, make, settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    make.engagement("SA", ["SY"])
    make.engagement("SA", ["QA", "SY"])
    assert home_summary(make_officer(officer_client))["counts"]["partners"] == 2


def test_the_active_partners_tile_links_to_the_partners_it_counts(officer_client, make, settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    make.engagement("SA", ["SY"])
    make.engagement("SA", ["QA", "SY"])
    make.party("OM")  # no engagement: neither counted nor listed
    body = page(officer_client, "web:home")
    link = re.search(r'<a href="([^"]+)"><strong>(\d+)</strong> الشركاء النشطون</a>', body)
    assert link and link[2] == "2"
    listed = officer_client.get(link[1].replace("&amp;", "&"))
    assert {party.code for party in listed.context["object_list"]} == {"QA", "SY"}
    listed_without = reverse("registry:party_list") + "?active=false&q="

    def codes(typed):
        return {party.code for party in officer_client.get(listed_without + typed).context["object_list"]}

    assert "OM" in codes("OM") and "SA" not in codes("SA") and "SY" not in codes("SY")


def test_the_dashboard_ranks_partners_without_the_office_own_country(officer_client, make, settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    make.engagement("SA", ["SY"])
    make.engagement("SA", ["SY"])
    make.engagement("SA", ["QA"])
    context = officer_client.get(reverse("reports:dashboard")).context
    assert [(party.code, n) for party, n in context["by_party"]] == [("SY", 2), ("QA", 1)]
    assert "SA" in context["party_names"]  # the network's hub


def test_the_home_list_shows_the_coming_deadlines_with_the_latest_missed_ones_flagged(officer_client, make):
    for age in range(100, 110):  # long overdue: once these filled the list
        make.action_item(title=f"long overdue {age}", due_on=days(-age), status="in_progress")
    make.action_item(title="missed yesterday", due_on=days(-1))
    make.action_item(title="due today", due_on=days(0))
    make.action_item(title="due next week", due_on=days(7), status="blocked")
    make.action_item(title="due next year", due_on=days(365))
    make.action_item(title="finished", due_on=days(2), status="done", progress=100)
    titles = [item.title for item in home_summary(make_officer(officer_client))["due_items"]]
    # The nearest first: the latest missed deadlines fill what the coming ones leave of the 8 rows.
    assert titles == [
        *(f"long overdue {age}" for age in (103, 102, 101, 100)),
        "missed yesterday",
        "due today",
        "due next week",
        "due next year",
    ]
    # The page flags exactly the overdue rows, and links to all of them.
    body = page(officer_client, "web:home")
    flagged = flagged_rows(body)
    assert len(flagged) == 5 and any("missed yesterday" in row for row in flagged)
    assert not any("due today" in row for row in flagged)
    assert reverse("agreements:overdue") in body


def test_overdue_items_are_flagged_on_the_list_the_partner_committee_and_understanding(officer_client, make):
    committee = make.committee(["SA", "SY"])
    understanding = make.understanding(["SA", "SY"])
    make.action_item(
        "SY", title="late one", due_on=days(-3), committee=committee, understanding=understanding
    )
    make.action_item("SY", title="on time", due_on=days(3), committee=committee, understanding=understanding)
    for name, args in [
        ("agreements:actionitem_list", ()),
        ("registry:party_detail", ("SY",)),
        ("agreements:jointcommittee_detail", (committee.pk,)),
        ("agreements:understanding_detail", (understanding.pk,)),
    ]:
        flagged = flagged_rows(page(officer_client, name, *args))
        assert len(flagged) == 1 and "late one" in flagged[0], name


def test_the_action_item_list_flags_overdue_rows_in_english_too(officer_client, make):
    make.action_item("SY", title="late one", due_on=days(-3))
    with translation.override("en"):
        address = reverse("agreements:actionitem_list")
    body = officer_client.get(address).content.decode()
    assert '<strong class="flag">Overdue</strong>' in body


def test_the_brief_flags_overdue_commitments(officer_client, make):
    make.action_item("SY", title="late one", due_on=days(-3))
    make.action_item("SY", title="on time", due_on=days(3))
    from django.template.loader import render_to_string

    from taawun.registry.models import Party
    from taawun.reports.brief import country_brief

    user = make_officer(officer_client)
    html = render_to_string(
        "reports/brief.html", {**country_brief(Party.objects.get(code="SY"), user), "user": user}
    )
    flagged = flagged_rows(html)
    assert len(flagged) == 1 and "late one" in flagged[0]


def test_the_home_list_keeps_most_rows_for_the_coming_deadlines(officer_client, make):
    for n in range(1, 11):
        make.action_item(title=f"missed {n}", due_on=days(-n))
        make.action_item(title=f"coming {n}", due_on=days(n))
    titles = [item.title for item in home_summary(make_officer(officer_client))["due_items"]]
    assert titles == ["missed 3", "missed 2", "missed 1", *(f"coming {n}" for n in range(1, 6))]


def test_an_arabic_owner_on_an_english_page_is_isolated_from_the_text_around_it(officer_client, make):
    person = make.person("SY", name_ar="العقيد سامر الحلبي", name_en="")
    make.action_item("SY", title="تبادل ضباط الاتصال", owner_person=person, due_on=days(3))
    with translation.override("en"):
        address = reverse("agreements:actionitem_list")
    body = officer_client.get(address).content.decode()
    assert "— <bdi>العقيد سامر الحلبي</bdi>" in body
    assert 'dir="auto">تبادل ضباط الاتصال</a>' in body


def test_the_with_engagements_filter_offers_any_not_unknown(officer_client, make):
    make.engagement("SA", ["SY"])
    body = page(officer_client, "registry:party_list")
    select = re.search(r'<select name="active".*?</select>', body, re.S)[0]
    with translation.override("ar"):
        assert f'<option value="" selected>{translation.gettext("Any")}</option>' in select
        assert translation.gettext("Unknown") not in select
    listed = officer_client.get(reverse("registry:party_list") + "?active=true")
    assert "SY" in {party.code for party in listed.context["object_list"]}
