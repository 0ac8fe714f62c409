"""Create, update and delete through taawun.records.services write exact audit entries."""

from __future__ import annotations

import pytest
from django.db import transaction

from taawun.audit.models import GENESIS_HASH, AuditEntry, ChainHead
from taawun.audit.services import REDACTED, diff
from taawun.records import services
from taawun.records.services import RecordInUse, record_delete, record_save
from taawun.records.visibility import restrict_choices
from taawun.registry.forms import EngagementForm, ParticipationFormSet, PersonForm
from taawun.registry.models import NO_RANK, Engagement, Participation, Person
from tests.audit.helpers import entries, formset_data, web_request

pytestmark = pytest.mark.django_db

# Records are gaining a classification (another change in flight): expect it when it is there.
PERSON_CLASSIFIED = "classification" in PersonForm.base_fields
ENGAGEMENT_CLASSIFIED = "classification" in EngagementForm.base_fields


def person_data(**fields) -> dict:
    data = {
        "name_ar": "أحمد",
        "name_en": "Ahmad",
        "rank": "",
        "party": "SY",
        "agency": "",
    }
    if PERSON_CLASSIFIED:
        data["classification"] = "internal"
    data.update(fields)
    return {f"record-{name}": value for name, value in data.items()}


def stored_classification(record, old: bool) -> dict:
    """The classification's line in a create (old=False) or delete (old=True) entry, if any."""
    if not any(field.name == "classification" for field in record._meta.concrete_fields):
        return {}
    value = record.classification
    return {"classification": {"old": value, "new": None} if old else {"old": None, "new": value}}


def test_creating_a_record_writes_one_create_entry_with_its_values_the_user_and_the_ip(officer):
    form = shown_to(PersonForm(data=person_data(), prefix="record"), officer)
    assert form.is_valid(), form.errors

    person = record_save(form=form, actor=officer, request=web_request("10.1.2.3", "/registry/person/new/"))

    [entry] = entries()
    assert (entry.action, entry.model_label, entry.object_pk, entry.object_repr) == (
        "create",
        "registry.person",
        str(person.pk),
        str(person),
    )
    assert (entry.user_id, entry.username, entry.ip, entry.path) == (
        officer.pk,
        "officer",
        "10.1.2.3",
        "/registry/person/new/",
    )
    assert entry.changes == {
        "name_ar": {"old": None, "new": "أحمد"},
        "name_en": {"old": None, "new": "Ahmad"},
        "rank": {"old": None, "new": ""},
        "position": {"old": None, "new": ""},
        "party": {"old": None, "new": "SY"},
        "phone": {"old": None, "new": ""},
        "email": {"old": None, "new": ""},
        "office": {"old": None, "new": ""},
        "contact_classification": {"old": None, "new": person.classification},
        "holds_post": {"old": None, "new": False},
        "seniority": {"old": None, "new": NO_RANK},
        **stored_classification(person, old=False),
    }
    assert entry.timestamp.utcoffset().total_seconds() == 0


def test_updating_a_record_writes_the_old_and_new_value_of_each_changed_field_only(officer, make):
    person = make.person(
        "SY", name_ar="أحمد", name_en="Ahmad", office="Room 12", contact_classification="internal"
    )
    data = person_data(name_en="Ahmed", office="Room 14")
    if PERSON_CLASSIFIED:
        data["record-classification"] = person.classification
    form = shown_to(PersonForm(data=data, instance=person, prefix="record"), officer)
    assert form.is_valid(), form.errors

    record_save(form=form, actor=officer)

    [entry] = entries()
    assert (entry.action, entry.object_pk, entry.ip) == ("update", str(person.pk), "")
    assert entry.changes == {
        "name_en": {"old": "Ahmad", "new": "Ahmed"},
        "office": {"old": "Room 12", "new": "Room 14"},
    }


def test_a_foreign_key_change_is_recorded_by_id(officer, make):
    agency = make.agency("SY")
    person = make.person(
        "SY", name_ar="أحمد", name_en="Ahmad", position="Director", contact_classification="internal"
    )
    data = person_data(agency=str(agency.pk))
    if PERSON_CLASSIFIED:
        data["record-classification"] = person.classification
    form = shown_to(PersonForm(data=data, instance=person, prefix="record"), officer)
    assert form.is_valid(), form.errors

    record_save(form=form, actor=officer)

    assert entries()[0].changes == {"agency": {"old": None, "new": agency.pk}}


def engagement_post(engagement, **fields) -> dict:
    data = {
        "kind": engagement.kind,
        "title_ar": engagement.title_ar,
        "title_en": engagement.title_en,
        "start_date": "2025-04-14",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "location_country": "",
        "location_city": "",
        "host": "SA",
        "guests": ["SY"],
        "summary": "",
        "outcomes": "",
    }
    if ENGAGEMENT_CLASSIFIED:
        data["classification"] = engagement.classification
    data.update(fields)
    return {f"record-{name}": value for name, value in data.items()}


def test_many_to_many_and_inline_formset_changes_are_each_recorded(officer, make):
    kept, dropped, added = make.person("SY"), make.person("SY"), make.person("SY")
    engagement = make.engagement("SA", ["SY"], participants=[(kept, "member"), (dropped, "member")])
    p_kept, p_dropped = (Participation.objects.get(engagement=engagement, person=p) for p in (kept, dropped))
    old_title = engagement.title_en  # the bound form overwrites the instance during validation
    unbound = ParticipationFormSet(instance=engagement, prefix="fs0")
    data = engagement_post(engagement, guests=["SY", "QA"], title_en="Renamed visit")
    data |= formset_data(
        unbound,
        [
            {"id": p_kept.pk, "engagement": engagement.pk, "person": kept.pk, "role": "head"},
            {
                "id": p_dropped.pk,
                "engagement": engagement.pk,
                "person": dropped.pk,
                "role": "member",
                "DELETE": "on",
            },
            {"engagement": engagement.pk, "person": added.pk, "role": "participant"},
        ],
        "fs0",
    )
    form = shown_to(EngagementForm(data=data, instance=engagement, prefix="record"), officer)
    formset = shown_to(ParticipationFormSet(data=data, instance=engagement, prefix="fs0"), officer)
    assert form.is_valid(), form.errors
    assert formset.is_valid(), formset.errors

    record_save(form=form, formsets=[formset], actor=officer)

    p_added = Participation.objects.get(engagement=engagement, person=added)
    got = [(e.action, e.model_label, e.object_pk, e.changes, e.note) for e in entries()]
    inline = f"inline of registry.engagement {engagement.pk}"
    assert got == [
        (
            "update",
            "registry.engagement",
            str(engagement.pk),
            {
                "title_en": {"old": old_title, "new": "Renamed visit"},
                "guests": {"old": ["SY"], "new": ["QA", "SY"]},
            },
            "",
        ),
        (
            "update",
            "registry.participation",
            str(p_kept.pk),
            {"role": {"old": "member", "new": "head"}},
            inline,
        ),
        (
            "delete",
            "registry.participation",
            str(p_dropped.pk),
            {
                "engagement": {"old": engagement.pk, "new": None},
                "person": {"old": dropped.pk, "new": None},
                "role": {"old": "member", "new": None},
            },
            inline,
        ),
        (
            "create",
            "registry.participation",
            str(p_added.pk),
            {
                "engagement": {"old": None, "new": engagement.pk},
                "person": {"old": None, "new": added.pk},
                "role": {"old": None, "new": "participant"},
            },
            inline,
        ),
    ]


def test_deleting_a_record_writes_its_last_values(officer, make):
    person = make.person("SY", name_ar="أحمد", name_en="Ahmad", position="Director")
    pk, text, classification = person.pk, str(person), stored_classification(person, old=True)

    record_delete(record=person, actor=officer, request=web_request("10.9.9.9"))

    [entry] = entries()
    assert (entry.action, entry.model_label, entry.object_pk, entry.object_repr, entry.ip) == (
        "delete",
        "registry.person",
        str(pk),
        text,
        "10.9.9.9",
    )
    assert entry.changes == {
        "name_ar": {"old": "أحمد", "new": None},
        "name_en": {"old": "Ahmad", "new": None},
        "rank": {"old": "", "new": None},
        "position": {"old": "Director", "new": None},
        "party": {"old": "SY", "new": None},
        "phone": {"old": "", "new": None},
        "email": {"old": "", "new": None},
        "office": {"old": "", "new": None},
        "contact_classification": {"old": "public", "new": None},
        "holds_post": {"old": True, "new": None},
        "seniority": {"old": NO_RANK, "new": None},
        **classification,
    }
    assert not Person.objects.filter(pk=pk).exists()


def test_a_deletion_also_records_cascaded_rows_and_rows_it_changes(officer, make):
    agency = make.agency("SY")
    member = make.person("SY", agency=agency)
    source = make.source()
    engagement = make.engagement("SA", ["SY"], participants=[(member, "head")])
    participation = Participation.objects.get(engagement=engagement)
    agency_pk, source_pk, engagement_pk = agency.pk, source.pk, engagement.pk  # delete() clears pk

    record_delete(record=agency, actor=officer)
    record_delete(record=source, actor=officer)
    record_delete(record=engagement, actor=officer)

    got = [(e.action, e.model_label, e.object_pk, e.note) for e in entries()]
    assert got == [
        ("delete", "registry.agency", str(agency_pk), ""),
        ("update", "registry.person", str(member.pk), f"changed by deletion of registry.agency {agency_pk}"),
        ("delete", "registry.source", str(source_pk), ""),
        ("delete", "registry.engagement", str(engagement_pk), ""),
        (
            "delete",
            "registry.participation",
            str(participation.pk),
            f"deleted with registry.engagement {engagement_pk}",
        ),
    ]
    assert entries()[1].changes == {"agency": {"old": agency_pk, "new": None}}


def test_a_source_an_engagement_cites_cannot_be_deleted(officer, make):
    source = make.source()
    engagement = make.engagement("SA", ["SY"])
    engagement.sources.add(source)

    with pytest.raises(RecordInUse) as refused:
        record_delete(record=source, actor=officer)

    assert refused.value.blockers == [engagement]
    assert entries() == []


def test_a_refused_deletion_writes_nothing(officer, make):
    person = make.person("SY")
    make.engagement("SA", ["SY"], participants=[(person, "head")])

    with pytest.raises(RecordInUse):
        record_delete(record=person, actor=officer)

    assert entries() == []


def test_a_rolled_back_change_leaves_no_audit_entry(officer):
    head_before = ChainHead.objects.get(pk=1)
    form = shown_to(PersonForm(data=person_data(), prefix="record"), officer)
    assert form.is_valid(), form.errors

    with pytest.raises(RuntimeError), transaction.atomic():
        record_save(form=form, actor=officer)
        assert len(entries()) == 1
        raise RuntimeError("the outer transaction fails after the save")

    assert entries() == []
    assert not Person.objects.filter(name_en="Ahmad").exists()
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (head_before.seq, head_before.last_hash)


def test_if_the_audit_entry_cannot_be_written_the_change_is_not_saved_either(officer, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(services, "append", broken)
    form = shown_to(PersonForm(data=person_data(), prefix="record"), officer)
    assert form.is_valid(), form.errors

    with pytest.raises(RuntimeError):
        record_save(form=form, actor=officer)

    assert not Person.objects.filter(name_en="Ahmad").exists()


def test_entries_form_a_hash_chain_from_the_genesis_hash(officer, make):
    for name in ("One", "Two", "Three"):
        record_save(
            form=_valid(shown_to(PersonForm(data=person_data(name_en=name), prefix="record"), officer)),
            actor=officer,
        )

    chain = entries()
    assert [e.seq for e in chain] == [1, 2, 3]
    assert chain[0].prev_hash == GENESIS_HASH
    assert [e.prev_hash for e in chain[1:]] == [e.entry_hash for e in chain[:-1]]
    assert all(e.entry_hash == e.compute_hash() for e in chain)
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (3, chain[-1].entry_hash)


def test_passwords_never_reach_the_trail():
    assert diff({"password": "pbkdf2$old"}, {"password": "pbkdf2$new"}) == {
        "password": {"old": REDACTED, "new": REDACTED}
    }


def test_the_services_take_the_actor_and_request_as_keywords_only(officer):
    with pytest.raises(TypeError):
        record_save(PersonForm(data=person_data(), prefix="record"), (), officer)  # type: ignore[misc]
    assert AuditEntry.objects.count() == 0
    assert Engagement.objects.count() >= 0


def shown_to(form, user):
    """The form (or each form of a formset) given its user, as the views do: record choices are
    the records the user may see."""
    for each in getattr(form, "forms", [form]):
        restrict_choices(each, user)
    return form


def _valid(form):
    assert form.is_valid(), form.errors
    return form
