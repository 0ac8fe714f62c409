"""Ingesting texts, and the decisions that turn drafts into registry records."""

from __future__ import annotations

import pytest

from taawun.agreements.models import ActionItem
from taawun.audit.models import AuditEntry
from taawun.audit.verify import verify_chain
from taawun.ingest import selectors, services
from taawun.ingest.models import Draft
from taawun.registry.models import Agency, Engagement, Participation, Person, Source
from tests.ingest.samples import VISIT, VISIT_AGAIN, WORKSHOP

pytestmark = pytest.mark.django_db


def test_ingesting_stores_the_source_once_and_drafts_it(officer):
    first = services.ingest_text(text=VISIT, home="SA", actor=officer)
    again = services.ingest_text(text=VISIT + "\n\n", home="SA", actor=officer)
    assert first.status == "new" and again.status == "known"
    assert again.draft == first.draft and Source.objects.count() == 1 and Draft.objects.count() == 1
    assert first.draft.extracted["host"] == "SA" and first.draft.extracted["guests"] == ["JO"]
    assert first.draft.evidence["guests:JO"]


def test_ingesting_writes_nothing_to_the_registry_but_the_source(officer):
    services.ingest_text(text=VISIT, home="SA", actor=officer)
    assert not Engagement.objects.exists() and not Person.objects.exists() and not ActionItem.objects.exists()


def test_ingesting_is_audited(officer):
    outcome = services.ingest_text(text=VISIT, home="SA", actor=officer)
    logged = set(AuditEntry.objects.filter(action="create").values_list("model_label", "object_pk"))
    assert ("registry.source", str(outcome.source.pk)) in logged
    assert ("ingest.draft", str(outcome.draft.pk)) in logged


def test_a_classification_above_the_clearance_is_refused(low_clearance):
    with pytest.raises(services.DraftError):
        services.ingest_text(text=VISIT, classification="secret", actor=low_clearance)
    assert not Source.objects.exists()


def test_the_review_record_proposes_people_follow_ups_and_roles(draft, officer):
    record = services.review_record(draft, officer)
    assert record["host"] == "SA" and record["guests"] == ["JO"] and record["start"] == "2025-04-15"
    assert [person["name"] for person in record["people"]] == [
        "عبدالعزيز بن سعود بن نايف",
        "خالد بن محمد العتيبي",
    ]
    assert all(person["match"] is None for person in record["people"])
    assert len(record["follow_ups"]) == 2 and record["follow_ups"][0]["owner"] == "SA"


def test_accepting_creates_the_engagement_people_and_action_items_linked_to_the_source(draft, officer):
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, officer), actor=officer
    )
    assert engagement.kind == "visit" and engagement.host_id == "SA"
    assert list(engagement.guests.values_list("code", flat=True)) == ["JO"]
    assert list(engagement.sources.all()) == [draft.source]
    assert engagement.start_date.isoformat() == "2025-04-15"
    assert set(engagement.domains.values_list("code", flat=True)) == {
        "narcotics",
        "counter_terrorism",
        "border_security",
    }
    people = Person.objects.order_by("pk")
    assert [p.name_ar for p in people] == ["عبدالعزيز بن سعود بن نايف", "خالد بن محمد العتيبي"]
    assert people[1].rank == "لواء" and people[1].party_id == "SA"
    assert Participation.objects.filter(engagement=engagement).count() == 2
    items = ActionItem.objects.filter(engagement=engagement)
    assert items.count() == 2 and {item.owner_party_id for item in items} == {"SA"}
    draft.refresh_from_db()
    assert draft.status == "accepted" and draft.engagement == engagement and draft.decided_by == officer


def test_accepting_audits_every_record_it_creates(draft, officer):
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, officer), actor=officer
    )
    created = AuditEntry.objects.filter(action="create", user_id=officer.pk)
    labels = list(created.values_list("model_label", flat=True))
    assert labels.count("registry.engagement") == 1
    assert labels.count("registry.person") == 2
    assert labels.count("registry.participation") == 2
    assert labels.count("agreements.actionitem") == 2
    assert AuditEntry.objects.filter(
        action="update", model_label="ingest.draft", object_pk=str(draft.pk)
    ).exists()
    assert created.filter(model_label="registry.engagement", object_pk=str(engagement.pk)).exists()
    # In the order the records were made (the people as they were found), the chain unbroken.
    order = list(
        AuditEntry.objects.filter(user_id=officer.pk).order_by("seq").values_list("model_label", flat=True)
    )
    assert order[-8:] == [
        "registry.person",
        "registry.person",
        "registry.engagement",
        "registry.participation",
        "registry.participation",
        "agreements.actionitem",
        "agreements.actionitem",
        "ingest.draft",
    ]
    assert verify_chain().intact


def test_a_person_already_in_the_registry_is_matched_not_duplicated(make, officer):
    existing = make.person("SA", name_ar="خالد بن محمد العتيبى", rank="لواء")  # alef maqsura: normalised
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    record = services.review_record(draft, officer)
    assert record["people"][1]["match"] == existing.pk
    engagement = services.draft_accept(draft=draft, record=record, actor=officer)
    assert Person.objects.filter(name_ar__startswith="خالد").count() == 1
    assert engagement.participants.filter(pk=existing.pk).exists()


def test_a_person_of_another_rank_is_not_matched(make, officer):
    make.person("SA", name_ar="خالد بن محمد العتيبي", rank="عميد")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    assert services.review_record(draft, officer)["people"][1]["match"] is None


def test_a_person_the_reviewer_cannot_see_is_not_proposed(make, low_clearance, officer):
    make.person("SA", name_ar="خالد بن محمد العتيبي", rank="لواء", classification="secret")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer, classification="public").draft
    assert services.review_record(draft, low_clearance)["people"][1]["match"] is None


def test_an_agency_named_in_the_position_is_proposed_and_reused(make, officer):
    agency = make.agency("SA", name_ar="مكافحة المخدرات", name_en="Narcotics Control")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    record = services.review_record(draft, officer)
    assert record["people"][1]["agency"] == "مكافحة المخدرات"
    services.draft_accept(draft=draft, record=record, actor=officer)
    assert Person.objects.get(rank="لواء").agency == agency


def test_a_person_accepted_from_an_article_holds_the_position_read_as_a_post(officer):
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    services.draft_accept(draft=draft, record=services.review_record(draft, officer), actor=officer)
    person = Person.objects.get(rank="لواء")
    post = person.positions.get()
    assert post.title_ar == person.position and post.end_date is None and post.agency == person.agency


def test_the_agency_proposed_is_recorded_for_confirmation(make, officer):
    agency = make.agency("SA", name_ar="مكافحة المخدرات")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    people = services.review_record(draft, officer)["people"]
    assert people[1]["agency_match"] == agency.pk and people[0]["agency_match"] is None


def test_agency_candidates_match_the_normalised_arabic_english_name_or_abbreviation(make, officer):
    arabic = make.agency("SA", name_ar="الإدارة العامة لمكافحة المخدرات", name_en="GDNC")
    english = make.agency("SA", name_ar="هيئة أخرى", name_en="General Directorate of Passports")
    make.agency("JO", name_ar="الادارة العامة لمكافحة المخدرات")  # another party
    found = selectors.agency_candidates(officer, name="الادارة العامه لمكافحة المخدرات", party="SA")
    assert found == [arabic]
    assert selectors.agency_candidates(officer, name="gdnc", party="SA") == [arabic]
    assert selectors.agency_candidates(officer, name="general directorate of passports", party="SA") == [
        english
    ]
    assert selectors.agency_candidates(officer, name="مكافحة المخدرات", party="SA") == []


def test_an_agency_above_the_clearance_is_not_a_candidate(make, low_clearance):
    make.agency("SA", name_ar="مكافحة المخدرات", classification="secret")
    assert selectors.agency_candidates(low_clearance, name="مكافحة المخدرات", party="SA") == []


def test_a_visible_persons_hidden_agency_is_not_proposed(make, low_clearance, officer):
    hidden = make.agency("SA", name_ar="جهاز سري", classification="secret")
    make.person("SA", name_ar="خالد بن محمد العتيبي", rank="لواء", agency=hidden, classification="public")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer, classification="public").draft
    person = services.review_record(draft, low_clearance)["people"][1]
    assert person["match"] is not None and person["agency"] == "" and person["agency_match"] is None


def test_accepting_links_the_confirmed_agency_whatever_the_name_typed(make, officer):
    agency = make.agency("SA", name_ar="المديرية العامة لمكافحة المخدرات")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    record = services.review_record(draft, officer)
    record["people"][1].update(agency="مكافحة المخدرات", agency_match=agency.pk)
    services.draft_accept(draft=draft, record=record, actor=officer)
    assert Person.objects.get(rank="لواء").agency == agency and Agency.objects.count() == 1


def test_accepting_with_no_agency_or_a_new_one(make, officer):
    make.agency("SA", name_ar="مكافحة المخدرات")
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    record = services.review_record(draft, officer)
    record["people"][0].update(agency="مكتب الوزير", agency_match=None)
    record["people"][1].update(agency_match=services.NO_AGENCY)
    services.draft_accept(draft=draft, record=record, actor=officer)
    assert Person.objects.get(rank="لواء").agency is None
    created = Person.objects.get(name_ar__startswith="عبدالعزيز").agency
    assert created.name_ar == "مكتب الوزير" and created.party_id == "SA"
    assert AuditEntry.objects.filter(
        action="create", model_label="registry.agency", object_pk=str(created.pk)
    ).exists()


@pytest.mark.parametrize("problem", ["hidden", "other party", "gone"])
def test_an_agency_that_cannot_be_confirmed_refuses_the_acceptance(problem, make, low_clearance):
    agency = make.agency(
        "JO" if problem == "other party" else "SA",
        name_ar="مكافحة المخدرات",
        classification="secret" if problem == "hidden" else "public",
    )
    pk = agency.pk
    if problem == "gone":
        agency.delete()
    draft = services.ingest_text(text=VISIT, home="SA", actor=low_clearance, classification="public").draft
    record = services.review_record(draft, low_clearance)
    record["people"][1]["agency_match"] = pk
    with pytest.raises(services.DraftError):
        services.draft_accept(draft=draft, record=record, actor=low_clearance)
    assert not Engagement.objects.exists() and not Person.objects.exists()


def test_the_same_event_reported_again_is_proposed_for_merging(draft, officer):
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, officer), actor=officer
    )
    second = services.ingest_text(text=VISIT_AGAIN, home="SA", actor=officer).draft
    candidates = services.merge_candidates_for(second, officer)
    assert [candidate.engagement for candidate in candidates] == [engagement]
    other = services.ingest_text(text=WORKSHOP, home="SA", actor=officer).draft
    assert services.merge_candidates_for(other, officer) == []


def test_merging_adds_the_source_to_the_existing_engagement(draft, officer):
    engagement = services.draft_accept(
        draft=draft, record=services.review_record(draft, officer), actor=officer
    )
    second = services.ingest_text(text=VISIT_AGAIN, home="SA", actor=officer).draft
    services.draft_merge(draft=second, engagement=engagement, actor=officer)
    assert engagement.sources.count() == 2 and Engagement.objects.count() == 1
    second.refresh_from_db()
    assert second.status == "merged" and second.engagement == engagement
    assert AuditEntry.objects.filter(
        action="update", model_label="registry.engagement", object_pk=str(engagement.pk)
    ).exists()


def test_rejecting_keeps_the_reason_and_creates_nothing(draft, officer):
    services.draft_reject(draft=draft, reason="خبر مكرر", actor=officer)
    draft.refresh_from_db()
    assert draft.status == "rejected" and draft.reason == "خبر مكرر"
    assert not Engagement.objects.exists() and not Person.objects.exists()


def test_rejecting_needs_a_reason(draft, officer):
    with pytest.raises(services.DraftError):
        services.draft_reject(draft=draft, reason="  ", actor=officer)
    draft.refresh_from_db()
    assert draft.status == "pending"


def test_a_decided_draft_cannot_be_decided_again(draft, officer):
    services.draft_reject(draft=draft, reason="x", actor=officer)
    with pytest.raises(services.DraftError, match="already been decided"):
        services.draft_accept(draft=draft, record=services.review_record(draft, officer), actor=officer)


def test_a_failed_acceptance_leaves_nothing_half_written(draft, officer):
    record = services.review_record(draft, officer)
    record["follow_ups"][1]["owner"] = "XX"  # an unknown party, found after people were created
    with pytest.raises(services.DraftError, match="Unknown party"):
        services.draft_accept(draft=draft, record=record, actor=officer)
    assert not Engagement.objects.exists() and not Person.objects.exists() and not ActionItem.objects.exists()
    draft.refresh_from_db()
    assert draft.status == "pending"


def test_viewers_cannot_decide(draft, viewer):
    with pytest.raises(services.DraftError):
        services.draft_reject(draft=draft, reason="x", actor=viewer)
