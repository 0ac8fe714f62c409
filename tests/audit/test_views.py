"""The auditor's pages, and the entries that editing through the web pages writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taawun.audit.models import Action
from taawun.audit.permissions import can_read_audit
from taawun.audit.services import append
from taawun.registry.forms import PersonForm
from taawun.registry.models import Person
from tests.audit.helpers import entries
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    return logged_in(user)


def export(client: Client, **query) -> tuple[bytes, list[list[str]]]:
    response = client.get(reverse("audit:export"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_only_auditors_and_administrators_may_read_the_trail(officer, chief, auditor):
    assert [can_read_audit(user) for user in (officer, chief, auditor)] == [False, True, True]


def test_the_audit_pages_are_not_found_for_a_normal_user_and_the_attempt_is_recorded(officer):
    client = client_for(officer)

    assert client.get(reverse("audit:entry_list")).status_code == 404
    assert client.get(reverse("audit:export")).status_code == 404
    assert [(e.action, e.username, e.note) for e in entries(action="access_denied")] == [
        ("access_denied", "officer", "audit trail"),
        ("access_denied", "officer", "audit trail"),
    ]


def test_an_anonymous_visitor_is_sent_to_log_in():
    response = Client().get(reverse("audit:entry_list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_auditor_sees_the_entries(auditor, chief):
    append(
        action=Action.VIEW, actor=chief, model_label="registry.person", object_pk="41", object_repr="Person X"
    )

    response = client_for(auditor).get(reverse("audit:entry_list"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Person X" in response.content.decode()
    assert client_for(chief).get(reverse("audit:entry_list")).status_code == 200


def test_the_list_filters_by_user_action_model_object_and_date(auditor, chief, officer):
    append(
        action=Action.VIEW, actor=chief, model_label="registry.person", object_pk="41", object_repr="First"
    )
    append(
        action=Action.DELETE,
        actor=officer,
        model_label="registry.agency",
        object_pk="7",
        object_repr="Second",
    )
    client = client_for(auditor)  # its own login is an entry too
    today = timezone.localdate()  # the filter reads dates in the office's time zone, not UTC

    def shown(**query) -> set[str]:
        response = client.get(reverse("audit:entry_list"), query)
        assert response.status_code == 200
        return {entry.object_repr for entry in response.context["entries"]}

    assert shown(user="chief") == {"First"}
    assert shown(user=str(officer.pk)) == {"Second"}
    assert shown(action="delete") == {"Second"}
    assert shown(model="registry.person") == {"First"}
    assert shown(object_pk="7") == {"Second"}
    assert {"First", "Second"} <= shown(date_from=today.isoformat(), date_to=today.isoformat())
    assert shown(date_to=(today - dt.timedelta(days=1)).isoformat()) == set()


def test_the_date_filter_reads_days_in_the_office_time_zone(auditor, chief, settings):
    """Riyadh is UTC+3: an entry at 22:30 UTC on the 1st is shown at 01:30 on the 2nd, and is
    found by the day the table shows it on."""
    settings.TIME_ZONE = "Asia/Riyadh"
    late = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.UTC)
    with mock.patch("taawun.audit.services.timezone.now", return_value=late):
        append(
            action=Action.VIEW, actor=chief, model_label="registry.person", object_pk="9", object_repr="Late"
        )
    client = client_for(auditor)

    def shown(**query) -> set[str]:
        return {
            entry.object_repr for entry in client.get(reverse("audit:entry_list"), query).context["entries"]
        }

    assert "Late" in shown(date_from="2026-03-02", date_to="2026-03-02")
    assert "Late" not in shown(date_from="2026-03-01", date_to="2026-03-01")


def test_the_csv_export_has_a_bom_and_the_filtered_rows(auditor, chief):
    append(action=Action.VIEW, actor=chief, model_label="registry.person", object_pk="41", object_repr="أحمد")
    append(
        action=Action.DELETE, actor=chief, model_label="registry.agency", object_pk="7", object_repr="Agency"
    )

    body, rows = export(client_for(auditor), model="registry.person")

    assert body.startswith(b"\xef\xbb\xbf")
    header, *data = rows
    assert len(header) == 14  # sequence, time, user id, username, IP, action, model, object id, object, ...
    assert [(row[3], row[5], row[6], row[7], row[8]) for row in data] == [
        ("chief", "view", "registry.person", "41", "أحمد")
    ]
    [exported] = entries(action="export")
    assert exported.username == "auditor"
    assert "model=registry.person" in exported.note


def test_the_csv_export_neutralises_spreadsheet_formulas(auditor):
    Client().post(reverse("accounts:login"), {"username": "=HYPERLINK(1)", "password": "x"})

    _body, rows = export(client_for(auditor), action="login_failed")

    assert [row[3] for row in rows[1:]] == ["'=HYPERLINK(1)"]


# --- through the real web pages (crud.py passes actor and request once the lead wires it) ----


def person_post(**fields) -> dict:
    data = {
        "name_ar": "أحمد",
        "name_en": "Ahmad",
        "rank": "",
        "party": "SY",
        "agency": "",
    }
    if "classification" in PersonForm.base_fields:
        data["classification"] = "internal"
    data.update(fields)
    # No posts (the person's posts formset, "fs0"): none added, none changed.
    posts = {f"fs0-{name}": "0" for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")}
    return {**{f"record-{name}": value for name, value in data.items()}, **posts, "fs0-MAX_NUM_FORMS": "1000"}


def test_creating_a_person_on_the_web_page_writes_a_create_entry_with_the_ip(chief):
    response = client_for(chief).post(
        reverse("registry:person_create"), person_post(), REMOTE_ADDR="192.0.2.20"
    )

    assert response.status_code == 302
    person = Person.objects.get(name_en="Ahmad")
    [entry] = entries(action="create")
    assert (entry.model_label, entry.object_pk, entry.username, entry.ip) == (
        "registry.person",
        str(person.pk),
        "chief",
        "192.0.2.20",
    )
    assert entry.changes["name_en"] == {"old": None, "new": "Ahmad"}


def test_editing_a_person_on_the_web_page_writes_the_old_and_new_values(chief, make):
    person = make.person(
        "SY", name_ar="أحمد", name_en="Ahmad", position="Director", contact_classification="internal"
    )
    data = person_post(name_en="Ahmed")
    if "record-classification" in data:
        data["record-classification"] = person.classification

    response = client_for(chief).post(reverse("registry:person_update", args=[person.pk]), data)

    assert response.status_code == 302
    [entry] = entries(action="update")
    assert entry.changes == {"name_en": {"old": "Ahmad", "new": "Ahmed"}}


def test_deleting_a_person_on_the_web_page_writes_a_delete_entry(chief, make):
    person = make.person("SY", name_en="Ahmad")
    pk = person.pk

    response = client_for(chief).post(reverse("registry:person_delete", args=[pk]))

    assert response.status_code == 302
    [entry] = entries(action="delete")
    assert (entry.object_pk, entry.changes["name_en"]) == (str(pk), {"old": "Ahmad", "new": None})
