"""Two records of one person merged into one: every reference re-pointed (a participation both
had kept once), fields chosen one by one, one audit entry listing what moved, and a refusal with
nothing written where the officer cannot see every record involved."""

from __future__ import annotations

import pytest

from taawun.agreements.models import ActionItem
from taawun.audit.models import AuditEntry
from taawun.audit.verify import verify_chain
from taawun.registry.merging import MergeRefused, merge_agencies, merge_engagements, merge_people
from taawun.registry.models import Agency, Engagement, Participation, Person, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(make):
    """ "عواد بن عيد البلوي" filed twice, each with engagements, a committee and an action item."""
    kept = make.person("SA", name_ar="عواد بن عيد البلوي", rank="عميد", position="")
    other = make.person("SA", name_ar="عواد البلوي", rank="", position="مدير عام حرس الحدود")
    both = make.engagement("SA", ["JO"], participants=[(kept, "head"), (other, "member")])
    only_other = make.engagement("SA", ["KW"], participants=[(other, "head")])
    committee = make.committee(members=[other], chair=other)
    item = make.action_item("SA", owner_person=other)
    return kept, other, both, only_other, committee, item


def test_every_reference_moves_to_the_survivor_and_the_other_record_goes(twins, officer):
    kept, other, both, only_other, committee, item = twins
    merge_people(survivor=kept, merged=[other], choices={"position": other.pk}, actor=officer)
    assert not Person.objects.filter(pk=other.pk).exists()
    assert list(both.participants.all()) == [kept]  # both took part: kept once
    assert Participation.objects.get(engagement=only_other).person == kept
    committee.refresh_from_db()
    assert committee.chair == kept and list(committee.members.all()) == [kept]
    assert ActionItem.objects.get(pk=item.pk).owner_person == kept
    kept.refresh_from_db()
    assert (kept.name_ar, kept.rank, kept.position) == ("عواد بن عيد البلوي", "عميد", "مدير عام حرس الحدود")


def test_one_audit_entry_lists_what_moved(twins, officer):
    kept, other, _both, only_other, committee, item = twins
    before, name = AuditEntry.objects.count(), str(other)
    merge_people(survivor=kept, merged=[other], choices={}, actor=officer)
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "update" and entry.object_pk == str(kept.pk)
    assert entry.changes["merged"]["old"] == [{"id": other.pk, "name": name}]
    moved = entry.changes["references"]["new"]["moved"]
    assert moved["agreements.actionitem"] == [item.pk] and "registry.participation" in moved
    assert len(entry.changes["references"]["new"]["kept once"]["registry.participation"]) == 1
    assert verify_chain().intact


def test_the_survivor_is_never_less_classified_than_what_was_merged(make, officer):
    kept = make.person("SA", name_ar="عواد البلوي", classification="internal")
    other = make.person("SA", name_ar="عواد بن عيد البلوي", classification="restricted")
    merge_people(survivor=kept, merged=[other], choices={"name_ar": other.pk}, actor=officer)
    kept.refresh_from_db()
    assert kept.classification == "restricted" and kept.name_ar == "عواد بن عيد البلوي"


def test_a_hidden_record_or_reference_refuses_the_merge_and_writes_nothing(make, twins, low_clearance):
    kept, other, both, *_rest = twins
    hidden = make.person("SA", name_ar="عواد البلوي", classification="secret")
    with pytest.raises(MergeRefused):
        merge_people(survivor=kept, merged=[hidden], choices={}, actor=low_clearance)
    secret_meeting = make.engagement("SA", ["QA"], classification="secret", participants=[(other, "member")])
    before = AuditEntry.objects.count()
    Person.objects.filter(pk__in=[kept.pk, other.pk]).update(classification="public")
    both.classification = "public"
    both.save()
    with pytest.raises(MergeRefused, match="above your clearance"):
        merge_people(survivor=kept, merged=[other], choices={}, actor=low_clearance)
    assert Person.objects.filter(pk=other.pk).exists() and AuditEntry.objects.count() == before
    assert Participation.objects.filter(engagement=secret_meeting, person=other).exists()


def test_a_field_must_come_from_a_record_merged(twins, make, officer):
    kept, other, *_rest = twins
    stranger = make.person("SA", name_ar="غريب")
    with pytest.raises(MergeRefused):
        merge_people(survivor=kept, merged=[other], choices={"name_ar": stranger.pk}, actor=officer)
    with pytest.raises(MergeRefused):
        merge_people(survivor=kept, merged=[kept], choices={}, actor=officer)
    assert Person.objects.filter(pk=other.pk).exists()


MERGE = "/en/ingest/people/merge/"


def test_the_merge_page_compares_two_records_and_merges_them(twins, officer_client):
    kept, other, *_rest = twins
    query = f"?first-match={kept.pk}&second-match={other.pk}"
    page = officer_client.get(MERGE + query).content.decode()
    assert 'name="survivor"' in page and f'name="field-position" value="{other.pk}"' in page
    response = officer_client.post(
        MERGE + query, {"survivor": kept.pk, "field-position": other.pk, "field-name_ar": kept.pk}
    )
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()
    kept.refresh_from_db()
    assert kept.position == "مدير عام حرس الحدود" and not Person.objects.filter(pk=other.pk).exists()


def test_the_merge_page_says_why_it_refuses_and_writes_nothing(twins, make, client_of):
    kept, other, *_rest = twins
    Person.objects.filter(pk__in=[kept.pk, other.pk]).update(classification="public")
    make.engagement("SA", ["QA"], classification="secret", participants=[(other, "member")])
    client = client_of("low_clearance")
    query = f"?first-match={kept.pk}&second-match={other.pk}"
    response = client.post(MERGE + query, {"survivor": kept.pk})
    assert response.status_code == 400 and "above your clearance" in response.content.decode()
    assert Person.objects.filter(pk=other.pk).exists()


def test_a_record_above_the_clearance_cannot_be_picked(make, client_of):
    visible = make.person("SA", name_ar="عواد البلوي", classification="public")
    hidden = make.person("SA", name_ar="عواد بن عيد البلوي", classification="secret")
    client = client_of("low_clearance")
    page = client.get(MERGE + f"?first-match={visible.pk}&second-match={hidden.pk}").content.decode()
    assert 'name="survivor"' not in page and "بن عيد" not in page
    assert client.post(
        MERGE + f"?first-match={visible.pk}&second-match={hidden.pk}", {"survivor": visible.pk}
    )
    assert Person.objects.filter(pk=hidden.pk).exists()


def test_merging_is_for_editors(viewer_client):
    assert viewer_client.get(MERGE).status_code == 403


def test_agencies_merge_with_their_people_items_and_sub_agencies(make, officer):
    kept = make.agency("SA", name_ar="المديرية العامة لحرس الحدود", name_en="")
    other = make.agency("SA", name_ar="حرس الحدود", name_en="Border Guard", parent=None)
    kept.parent = other  # filed under its own duplicate
    kept.save()
    child = make.agency("SA", name_ar="قطاع الشمال", parent=other)
    person = make.person("SA", agency=other)
    item = make.action_item("SA", owner_agency=other)
    merge_agencies(survivor=kept, merged=[other], choices={"name_en": other.pk}, actor=officer)
    kept.refresh_from_db()
    assert kept.name_en == "Border Guard" and kept.parent is None
    assert Agency.objects.get(pk=child.pk).parent == kept
    assert Person.objects.get(pk=person.pk).agency == kept
    assert ActionItem.objects.get(pk=item.pk).owner_agency == kept
    assert not Agency.objects.filter(pk=other.pk).exists()


def test_agencies_of_different_parties_are_not_merged(make, officer):
    saudi, jordanian = make.agency("SA", name_ar="الأمن العام"), make.agency("JO", name_ar="الأمن العام")
    with pytest.raises(MergeRefused, match="different parties"):
        merge_agencies(survivor=saudi, merged=[jordanian], choices={}, actor=officer)


def test_the_agency_merge_page_merges_two_agencies_found_by_name(make, officer_client, client_of):
    kept = make.agency("SA", name_ar="المديرية العامة لحرس الحدود", name_en="", classification="public")
    other = make.agency("SA", name_ar="حرس الحدود", name_en="Border Guard", classification="public")
    make.agency("SA", name_ar="حرس الحدود الخاص", classification="secret")
    found = client_of("low_clearance").get("/registry/agency/choices/", {"q": "حرس الحدود"}).json()
    assert {int(result["id"]) for result in found["results"]} == {kept.pk, other.pk}
    query = f"?first-match={kept.pk}&second-match={other.pk}"
    page = officer_client.get("/en/ingest/agencies/merge/" + query).content.decode()
    assert f'name="field-name_en" value="{other.pk}"' in page
    response = officer_client.post(
        "/en/ingest/agencies/merge/" + query, {"survivor": kept.pk, "field-name_en": other.pk}
    )
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()
    kept.refresh_from_db()
    assert kept.name_en == "Border Guard" and not Agency.objects.filter(pk=other.pk).exists()


def test_two_engagements_of_one_event_merge_into_one(make, officer):
    person, other_person = make.person("IQ"), make.person("SY")
    kept = make.engagement("IQ", ["SY"], participants=[(person, "host")], title_ar="توقيع مذكرة")
    kept.sources.add(make.source("تقرير أول"))
    twin = make.engagement(
        "IQ", ["SY", "JO"], participants=[(person, "host"), (other_person, "head")], location_city="بغداد"
    )
    twin.sources.add(make.source("تقرير ثان"))
    twin.domains.set([make.domain("border_security")])
    item = make.action_item("IQ", engagement=twin)
    merge_engagements(
        survivor=kept, merged=[twin], choices={"location_city": twin.pk, "start_date": twin.pk}, actor=officer
    )
    kept.refresh_from_db()
    assert kept.location_city == "بغداد" and kept.title_ar == "توقيع مذكرة"
    assert {guest.code for guest in kept.guests.all()} == {"SY", "JO"}
    assert kept.sources.count() == 2 and kept.domains.filter(code="border_security").exists()
    assert set(kept.participants.all()) == {person, other_person}  # the host once
    assert ActionItem.objects.get(pk=item.pk).engagement == kept
    assert not Engagement.objects.filter(pk=twin.pk).exists()
    entry = AuditEntry.objects.latest("pk")
    assert (
        entry.object_pk == str(kept.pk)
        and "registry.engagement.sources" in entry.changes["references"]["new"]["moved"]
    )


def test_an_engagement_with_a_hidden_source_is_not_merged_by_a_reader_without_clearance(make, low_clearance):
    kept = make.engagement("IQ", ["SY"], classification="public")
    twin = make.engagement("IQ", ["SY"], classification="public")
    secret = make.source("تقرير سري")
    Source.objects.filter(pk=secret.pk).update(classification="secret")
    twin.sources.add(secret)
    with pytest.raises(MergeRefused, match="above your clearance"):
        merge_engagements(survivor=kept, merged=[twin], choices={}, actor=low_clearance)
    assert Engagement.objects.filter(pk=twin.pk).exists() and kept.sources.count() == 0


def test_the_engagement_merge_page_finds_and_merges_two_records_of_one_event(make, officer_client):
    kept = make.engagement("IQ", ["SY"], title_ar="توقيع مذكرة الحدود العراقية السورية")
    twin = make.engagement("IQ", ["SY"], title_ar="العراق وسوريا يوقعان مذكرة الحدود", location_city="بغداد")
    make.engagement("IQ", ["SY"], title_ar="مذكرة الحدود السرية", classification="secret")
    found = officer_client.get("/registry/engagement/choices/", {"q": "مذكرة الحدود"}).json()["results"]
    assert {kept.pk, twin.pk} <= {int(result["id"]) for result in found}
    query = f"?first-match={kept.pk}&second-match={twin.pk}"
    response = officer_client.post(
        "/en/ingest/engagements/merge/" + query, {"survivor": kept.pk, "field-location_city": twin.pk}
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.location_city == "بغداد" and not Engagement.objects.filter(pk=twin.pk).exists()
