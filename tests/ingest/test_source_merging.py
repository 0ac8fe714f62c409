"""Two records of one article (pasted once, uploaded once) merged into one: the engagements that
cite it and its review draft re-pointed, the fields chosen one by one (the text with its
fingerprint), one audit entry listing what moved, the merged address leading to the one kept; and
a refusal with nothing written where the officer cannot see every record involved, or where both
sources have a review draft (a source has one only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.audit.models import AuditEntry
from taawun.audit.verify import verify_chain
from taawun.ingest import services
from taawun.ingest.models import Draft
from taawun.registry.merging import MergeRefused, merge_sources
from taawun.registry.models import Engagement, Source
from taawun.registry.services import content_hash
from tests.ingest.samples import VISIT, VISIT_AGAIN
from tests.personas import logged_in

pytestmark = pytest.mark.django_db

MERGE = "/en/ingest/sources/merge/"


@pytest.fixture
def pasted_and_uploaded(make, officer):
    """The article as pasted (with a review draft, filed as an engagement) and the same article
    stored again by hand with its address (no draft), cited by another engagement."""
    pasted = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    filed = services.draft_accept(draft=pasted, record=services.review_record(pasted, officer), actor=officer)
    uploaded = make.source(VISIT + "\n\nالمصدر: وكالة الأنباء", title="استقبال وزير الداخلية الأردني")
    Source.objects.filter(pk=uploaded.pk).update(url="https://news.example/visit")
    uploaded.refresh_from_db()
    other = make.engagement("SA", ["JO"], title_ar="زيارة وزير الداخلية الأردني")
    other.sources.add(uploaded)
    filed.sources.add(uploaded)  # cited by both: kept once
    return pasted.source, uploaded, filed, other


def test_the_engagements_and_the_draft_move_to_the_source_kept(pasted_and_uploaded, officer):
    pasted, uploaded, filed, other = pasted_and_uploaded
    draft = pasted.draft
    kept = merge_sources(
        survivor=uploaded, merged=[pasted], choices={"text": pasted.pk, "url": uploaded.pk}, actor=officer
    )
    assert not Source.objects.filter(pk=pasted.pk).exists()
    assert list(filed.sources.all()) == [kept] and list(other.sources.all()) == [kept]
    assert Draft.objects.get(pk=draft.pk).source == kept  # the draft follows: the kept had none
    kept.refresh_from_db()
    assert kept.text == VISIT and kept.content_hash == content_hash(VISIT)  # the text with its hash
    assert kept.url == "https://news.example/visit" and kept.title == "استقبال وزير الداخلية الأردني"


def test_one_audit_entry_lists_what_moved(pasted_and_uploaded, officer):
    pasted, uploaded, filed, _other = pasted_and_uploaded
    before, draft = AuditEntry.objects.count(), pasted.draft
    merge_sources(survivor=uploaded, merged=[pasted], choices={}, actor=officer)
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.object_pk == str(uploaded.pk) and entry.changes["merged"]["old"][0]["id"] == pasted.pk
    references = entry.changes["references"]["new"]
    assert references["moved"]["ingest.draft"] == [draft.pk]
    assert len(references["kept once"]["registry.engagement_sources"]) == 1  # the one citing both
    assert verify_chain().intact


def test_the_text_of_the_merged_source_at_its_level_is_taken(make, officer):
    """The survivor takes the text of a source of another classification: the fingerprint rule
    (one text per level) is checked once the merged source is gone, not against it."""
    kept = make.source("نص أول للخبر")
    other = make.source(VISIT)
    Source.objects.filter(pk=other.pk).update(classification="restricted")
    merge_sources(survivor=kept, merged=[other], choices={"text": other.pk}, actor=officer)
    kept.refresh_from_db()
    assert (kept.text, kept.classification) == (VISIT, "restricted")


def test_two_sources_each_with_a_draft_are_refused_and_nothing_is_written(officer):
    first = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    second = services.ingest_text(text=VISIT_AGAIN, home="SA", actor=officer).draft
    before = AuditEntry.objects.count()
    with pytest.raises(MergeRefused, match="their own draft"):
        merge_sources(survivor=first.source, merged=[second.source], choices={}, actor=officer)
    assert Source.objects.filter(pk=second.source.pk).exists() and AuditEntry.objects.count() == before
    assert Draft.objects.get(pk=second.pk).source == second.source


def test_a_source_cited_by_a_hidden_engagement_is_not_merged_by_a_reader_without_clearance(
    make, low_clearance
):
    kept, other = make.source("نص أول"), make.source("نص ثان")
    Source.objects.filter(pk__in=[kept.pk, other.pk]).update(classification="public")
    secret = make.engagement("SA", ["JO"], classification="secret")
    secret.sources.add(other)
    with pytest.raises(MergeRefused, match="above your clearance"):
        merge_sources(survivor=kept, merged=[other], choices={}, actor=low_clearance)
    assert Source.objects.filter(pk=other.pk).exists() and secret.sources.get() == other


def test_a_source_above_the_clearance_is_not_merged(make, low_clearance):
    kept, hidden = make.source("نص أول"), make.source("نص سري")
    Source.objects.filter(pk=kept.pk).update(classification="public")
    Source.objects.filter(pk=hidden.pk).update(classification="secret")
    with pytest.raises(MergeRefused):
        merge_sources(survivor=kept, merged=[hidden], choices={}, actor=low_clearance)
    assert Source.objects.filter(pk=hidden.pk).exists()


def test_the_address_of_the_merged_source_leads_to_the_one_kept(pasted_and_uploaded, officer):
    pasted, uploaded, *_rest = pasted_and_uploaded
    merge_sources(survivor=uploaded, merged=[pasted], choices={}, actor=officer)
    response = logged_in(officer).get(reverse("registry:source_detail", args=[pasted.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:source_detail", args=[uploaded.pk])


def test_the_merge_page_compares_and_merges_two_sources(pasted_and_uploaded, officer_client):
    pasted, uploaded, filed, _other = pasted_and_uploaded
    query = f"?first-match={uploaded.pk}&second-match={pasted.pk}"
    page = officer_client.get(MERGE + query).content.decode()
    assert f'name="field-text" value="{pasted.pk}"' in page and 'name="field-url"' in page
    assert f'data-picker-url="{reverse("registry:source_choices")}"' in page
    response = officer_client.post(MERGE + query, {"survivor": uploaded.pk, "field-text": pasted.pk})
    assert response.status_code == 302 and response["Location"] == uploaded.get_absolute_url()
    assert list(filed.sources.all()) == [uploaded] and not Source.objects.filter(pk=pasted.pk).exists()


def test_the_merge_page_says_why_two_sources_with_drafts_are_refused(officer, officer_client):
    first = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    second = services.ingest_text(text=VISIT_AGAIN, home="SA", actor=officer).draft
    query = f"?first-match={first.source.pk}&second-match={second.source.pk}"
    response = officer_client.post(MERGE + query, {"survivor": first.source.pk})
    assert response.status_code == 400 and "their own draft" in response.content.decode()
    assert Engagement.objects.count() == 0 and Source.objects.count() == 2


def test_a_source_above_the_clearance_cannot_be_picked_on_the_merge_page(make, client_of):
    visible, hidden = make.source("نص علني"), make.source("تقرير سري للغاية")
    Source.objects.filter(pk=visible.pk).update(classification="public")
    Source.objects.filter(pk=hidden.pk).update(classification="secret")
    client = client_of("low_clearance")
    query = f"?first-match={visible.pk}&second-match={hidden.pk}"
    page = client.get(MERGE + query).content.decode()
    assert 'name="survivor"' not in page and "تقرير سري" not in page
    client.post(MERGE + query, {"survivor": visible.pk})
    assert Source.objects.filter(pk=hidden.pk).exists()


def test_the_desk_leads_to_the_source_merge_page(officer, officer_client):
    draft = services.ingest_text(text=VISIT, home="SA", actor=officer).draft
    page = officer_client.get(f"/en/ingest/drafts/{draft.pk}/").content.decode()
    assert f'href="{MERGE}?first-match={draft.source.pk}"' in page
