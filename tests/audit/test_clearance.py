"""The trail as readers of every clearance see it: entries inherit their records' classification.

`test_the_list_and_the_csv_show_or_mask_each_entry_by_clearance` is the audit trail's part of the
permission matrix (tests/accounts/test_permission_matrix.py): every reader clearance against every
record classification, on the list page and in the CSV export.
"""

from __future__ import annotations

import csv
import io
import types

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from taawun.access.policy import LEVELS, Classification
from taawun.audit.models import Action, AuditedRecord, AuditEntry
from taawun.audit.services import append
from taawun.registry.models import Engagement, Participation
from tests.audit.helpers import entries
from tests.personas import logged_in

pytestmark = pytest.mark.django_db


def masked() -> str:
    """As the pages and the CSV word it: in Arabic, the language of the addresses without a prefix.
    (Looked up when a test runs: at import time the catalogues may not be loaded yet.)"""
    with translation.override("ar"):
        return gettext("An entry about a record you may not see")


SECRET_TITLE = "Visit of the secret delegation"


def auditor_cleared(django_user_model, clearance: str):
    """An auditor cleared to `clearance` (one user per clearance)."""
    return django_user_model.objects.create_user(
        username=f"auditor-{clearance}",
        password="a long test password 5",
        role="auditor",
        clearance=clearance,
    )


def list_page(user, **query) -> str:
    response = logged_in(user).get(reverse("audit:entry_list"), query)
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(user, **query) -> list[list[str]]:
    response = logged_in(user).get(reverse("audit:export"), query)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))[1:]


def titled_update(record, officer, *, old: str = "Old title", new: str = SECRET_TITLE):
    return append(
        action=Action.UPDATE,
        actor=officer,
        record=record,
        changes={"title_en": {"old": old, "new": new}},
        note=f"about {new}",
    )


# --- what an entry inherits --------------------------------------------------------------------


def test_an_entry_about_a_record_carries_the_records_classification(officer, make):
    engagement = make.engagement(classification="secret")

    entry = titled_update(engagement, officer)

    assert entry.classification == "secret"
    assert (
        AuditedRecord.objects.get(
            model_label="registry.engagement", object_pk=str(engagement.pk)
        ).classification
        == "secret"
    )


def test_entries_about_users_and_log_ins_carry_no_classification(officer, auditor):
    login = append(action=Action.LOGIN, actor=officer)
    about_user = append(
        action=Action.UPDATE,
        actor=officer,
        record=auditor,
        changes={"role": {"old": "viewer", "new": "auditor"}},
    )

    assert (login.classification, about_user.classification) == (None, None)
    page = list_page(auditor)
    assert masked() not in page
    # The change is shown, by the field's label and the choices' labels (Arabic: the page's language).
    with translation.override("ar"):
        shown = f"{capfirst(gettext('role'))}: <bdi>{gettext('Viewer')}</bdi>"
    assert shown in page


def test_an_entry_keeps_the_highest_classification_its_record_ever_had(officer, make, django_user_model):
    engagement = make.engagement(classification="internal")
    titled_update(engagement, officer)
    # Raised to secret, then lowered again: what the entries written while it was secret, and the
    # first one, hold is still masked for an internal reader.
    append(
        action=Action.UPDATE,
        actor=officer,
        record=engagement,
        changes={"classification": {"old": "internal", "new": "secret"}},
    )
    Engagement.objects.filter(pk=engagement.pk).update(classification="internal")
    engagement.refresh_from_db()
    append(action=Action.VIEW, actor=officer, record=engagement)

    reader = auditor_cleared(django_user_model, "internal")
    page = list_page(reader)

    assert SECRET_TITLE not in page
    assert page.count(masked()) == 3  # the three entries about the engagement; the reader's log-in is shown


def test_an_entry_written_before_a_record_was_raised_is_masked_afterwards(officer, make, django_user_model):
    engagement = make.engagement(classification="internal")
    titled_update(engagement, officer)
    reader = auditor_cleared(django_user_model, "internal")
    assert SECRET_TITLE in list_page(reader)

    Engagement.objects.filter(pk=engagement.pk).update(classification="secret")
    engagement.refresh_from_db()
    append(
        action=Action.UPDATE,
        actor=officer,
        record=engagement,
        changes={"classification": {"old": "internal", "new": "secret"}},
    )

    assert SECRET_TITLE not in list_page(reader)


def test_a_row_without_a_classification_inherits_its_linked_records(officer, make):
    person = make.person("SY")
    engagement = make.engagement(classification="secret", participants=[(person, "head")])
    participation = Participation.objects.get(engagement=engagement)

    entry = append(
        action=Action.CREATE,
        actor=officer,
        model_label="registry.participation",
        object_pk=str(participation.pk),
        object_repr=f"{person} (head)",
        changes={
            "engagement": {"old": None, "new": engagement.pk},
            "person": {"old": None, "new": person.pk},
        },
        note=f"inline of registry.engagement {engagement.pk}",
    )

    assert entry.classification == "secret"


def test_a_refusal_naming_a_hidden_record_by_its_label_is_masked(officer, make, django_user_model):
    engagement = make.engagement(classification="secret")

    # As core.crud writes it: the label as Model._meta.label ("registry.Engagement"), no record.
    entry = append(
        action=Action.ACCESS_DENIED,
        actor=officer,
        model_label="registry.Engagement",
        object_pk=str(engagement.pk),
        note="hidden",
    )

    assert entry.classification == "secret"
    rows = csv_rows(auditor_cleared(django_user_model, "internal"), action="access_denied")
    assert [(row[6], row[7], row[8], row[10]) for row in rows] == [("", "", masked(), "")]


def test_filtering_by_a_hidden_records_id_finds_nothing(officer, make, django_user_model):
    engagement = make.engagement(classification="secret")
    titled_update(engagement, officer)
    reader = auditor_cleared(django_user_model, "internal")

    response = logged_in(reader).get(reverse("audit:entry_list"), {"object_pk": str(engagement.pk)})
    assert list(response.context["entries"]) == []
    response = logged_in(reader).get(reverse("audit:entry_list"), {"model": "registry.engagement"})
    assert list(response.context["entries"]) == []
    assert csv_rows(reader, object_pk=str(engagement.pk)) == []


def test_an_entry_written_before_entries_had_a_classification_is_masked_through_its_record(
    officer, make, django_user_model
):
    """Entries from before this change carry no classification; the migration's fill of
    AuditedRecord (from the entries and the records as they are) is what masks them."""
    engagement = make.engagement(classification="secret")
    titled_update(engagement, officer)
    # As a trail from before the change: no remembered classifications.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditedRecord._meta.db_table}")
    reader = auditor_cleared(django_user_model, "internal")
    assert entries()[0].classification == "secret"  # written now; the column alone still masks it

    migration = __import__(
        "taawun.audit.migrations.0003_entry_classification_and_mac",
        fromlist=["remember_highest_classifications"],
    )
    migration.remember_highest_classifications(apps, types.SimpleNamespace(connection=connection))

    assert AuditedRecord.objects.get(object_pk=str(engagement.pk)).classification == "secret"
    assert SECRET_TITLE not in list_page(reader)


def test_the_migration_takes_the_highest_classification_the_entries_recorded(officer, make):
    engagement = make.engagement(classification="internal")
    append(
        action=Action.UPDATE,
        actor=officer,
        record=engagement,
        changes={"classification": {"old": "confidential", "new": "internal"}},
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditedRecord._meta.db_table}")

    migration = __import__(
        "taawun.audit.migrations.0003_entry_classification_and_mac",
        fromlist=["remember_highest_classifications"],
    )
    migration.remember_highest_classifications(apps, types.SimpleNamespace(connection=connection))

    assert AuditedRecord.objects.get(object_pk=str(engagement.pk)).classification == "confidential"


def test_a_classified_entry_still_verifies_and_its_classification_is_hashed(officer, make):
    from django.core.management import call_command

    engagement = make.engagement(classification="restricted")
    entry = titled_update(engagement, officer)
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact: 1 entries" in out.getvalue()

    stored = AuditEntry.objects.get(seq=entry.seq)
    stored.classification = "public"
    assert stored.compute_hash() != entry.entry_hash


# --- the matrix: every reader clearance against every record classification -------------------


@pytest.mark.parametrize("reader_clearance", Classification.values)
@pytest.mark.parametrize("record_classification", Classification.values)
def test_the_list_and_the_csv_show_or_mask_each_entry_by_clearance(
    reader_clearance, record_classification, make, officer, django_user_model
):
    engagement = make.engagement(classification=record_classification, title_en=SECRET_TITLE)
    titled_update(engagement, officer)
    reader = auditor_cleared(django_user_model, reader_clearance)
    visible = LEVELS[record_classification] <= LEVELS[reader_clearance]

    page = list_page(reader, action="update")
    assert (SECRET_TITLE in page) is visible
    assert (masked() in page) is not visible

    [row] = csv_rows(reader, action="update")
    if visible:
        assert (row[6], row[7], row[8]) == ("registry.engagement", str(engagement.pk), str(engagement))
        assert SECRET_TITLE in row[9] and SECRET_TITLE in row[10]
    else:
        assert (row[6], row[7], row[8], row[9], row[10], row[11]) == ("", "", masked(), "", "", "")
        assert SECRET_TITLE not in ",".join(row)
    assert row[3] == "officer" and row[5] == "update"  # who did what is always shown
