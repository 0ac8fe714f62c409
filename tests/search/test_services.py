"""The index follows the records: creation, edits, links, deletions; `taawun reindex` rebuilds it."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from taawun.core.deferred import deferred
from taawun.search.indexing import KINDS
from taawun.search.models import SearchDocument
from taawun.search.services import index_record, reindex
from tests.search.helpers import found

pytestmark = pytest.mark.django_db


def test_a_new_record_is_indexed_when_it_is_saved(make, reader):
    record = make.knowledge(title_ar="تقرير", body="تفكيك شبكة تزوير")
    document = SearchDocument.objects.get(kind="knowledgeitem", object_id=record.pk)
    assert document.classification == record.classification
    assert found(reader, "تزوير") == [record]


def test_the_index_follows_an_edit(make, reader):
    record = make.knowledge(title_ar="تقرير", body="تفكيك شبكة تزوير")
    record.body = "ضبط شحنة أسلحة"
    record.save()
    assert found(reader, "تزوير") == []
    assert found(reader, "أسلحة") == [record]


def test_the_index_follows_a_change_of_classification(make, low_clearance):
    record = make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة", classification="public")
    record.classification = "confidential"
    record.save()
    assert (
        SearchDocument.objects.get(kind="knowledgeitem", object_id=record.pk).classification == "confidential"
    )
    assert found(low_clearance, "أسلحة") == []


def test_a_deleted_record_leaves_the_index(make, reader):
    record = make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة")
    pk = record.pk
    record.delete()
    assert not SearchDocument.objects.filter(kind="knowledgeitem", object_id=pk).exists()
    assert found(reader, "أسلحة") == []


def test_a_rolled_back_change_leaves_the_index_as_it_was(make, reader):
    record = make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة")
    with pytest.raises(RuntimeError), transaction.atomic():
        record.body = "نص آخر تماما"
        record.save()
        raise RuntimeError
    assert found(reader, "أسلحة") == [record]


def test_the_index_follows_the_partners_and_domains_of_an_engagement(make, reader):
    engagement = make.engagement("SA", ["JO"], title_ar="اجتماع تنسيقي", domains=["narcotics"])
    assert found(reader, "تنسيقي", party="JO") == [engagement]
    engagement.guests.remove(make.party("JO"))
    engagement.guests.add(make.party("KW"))
    assert found(reader, "تنسيقي", party="JO") == []
    assert found(reader, "تنسيقي", party="KW") == [engagement]
    engagement.domains.clear()
    assert found(reader, "تنسيقي", domain="narcotics") == []
    make.party("QA").engagements_as_guest.add(engagement)  # from the other side of the link
    assert found(reader, "تنسيقي", party="QA") == [engagement]


def test_a_source_loses_the_partners_of_an_engagement_that_no_longer_reports_it(make, reader):
    source = make.source("خبر عن اجتماع تنسيقي", title="خبر")
    engagement = make.engagement("SA", ["JO"])
    engagement.sources.add(source)
    assert found(reader, "تنسيقي", party="JO") == [source]
    engagement.sources.clear()
    assert found(reader, "تنسيقي", party="JO") == []
    engagement.sources.add(source)
    engagement.delete()
    assert found(reader, "تنسيقي", party="JO") == []
    assert found(reader, "تنسيقي") == [source]


def test_the_understanding_parties_are_followed(make, reader):
    understanding = make.understanding(("SA", "EG"), title_ar="مذكرة تنسيقية")
    assert found(reader, "تنسيقي", party="EG") == [understanding]
    understanding.parties.set([make.party("SA"), make.party("MA")])
    assert found(reader, "تنسيقي", party="EG") == []
    assert found(reader, "تنسيقي", party="MA") == [understanding]


def test_inside_a_service_block_a_record_changed_many_times_is_indexed_once_at_the_end(make, reader):
    jordan, kuwait = make.party("JO"), make.party("KW")
    with CaptureQueriesContext(connection) as writes, transaction.atomic(), deferred():
        engagement = make.engagement("SA", [], title_ar="اجتماع تنسيقي", domains=[])
        engagement.guests.add(jordan)
        engagement.guests.add(kuwait)
        engagement.summary = "متابعة مكافحة التهريب"
        engagement.save()
        assert not SearchDocument.objects.filter(kind="engagement", object_id=engagement.pk).exists()
    indexing = [q["sql"] for q in writes.captured_queries if "search_searchdocument" in q["sql"]]
    assert len([sql for sql in indexing if sql.startswith("INSERT")]) == 1
    assert len([sql for sql in indexing if sql.startswith("UPDATE")]) <= 1  # tried first, found nothing
    assert found(reader, "التهريب", party="KW") == [engagement]
    assert found(reader, "تنسيقي", party="JO") == [engagement]


def test_a_record_created_and_deleted_inside_a_block_leaves_no_document(make, reader):
    with transaction.atomic(), deferred():
        record = make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة")
        pk = record.pk
        record.delete()
    assert not SearchDocument.objects.filter(kind="knowledgeitem", object_id=pk).exists()


def test_a_block_that_fails_indexes_nothing_and_the_next_one_works(make, reader):
    with pytest.raises(RuntimeError), transaction.atomic(), deferred():
        make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة")
        raise RuntimeError
    assert found(reader, "أسلحة") == []
    with transaction.atomic(), deferred():
        record = make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة")
    assert found(reader, "أسلحة") == [record]


def test_a_new_record_replaces_a_document_left_behind_by_a_deletion_outside_the_orm(make, reader):
    record = make.knowledge(title_ar="تقرير", body="ضبط شحنة أسلحة")
    SearchDocument.objects.filter(object_id=record.pk + 1, kind="knowledgeitem").delete()
    SearchDocument.objects.create(kind="knowledgeitem", object_id=record.pk + 1, classification="public")
    newer = make.knowledge(title_ar="تقرير", body="تفكيك شبكة تزوير")
    assert newer.pk == record.pk + 1
    assert found(reader, "تزوير") == [newer]


def test_reindex_rebuilds_the_whole_index(make, reader):
    records = [make.knowledge(title_ar="تقرير", body=f"مراقبة المنافذ {n}") for n in range(3)]
    engagement = make.engagement("SA", ["JO"], title_ar="مراقبة المنافذ")
    SearchDocument.objects.all().delete()
    assert found(reader, "المنافذ") == []
    counts = reindex()
    assert counts["knowledgeitem"] == 3 and counts["engagement"] == 1
    assert set(found(reader, "المنافذ")) == {*records, engagement}


def test_reindex_replaces_stale_entries(make, low_clearance):
    record = make.knowledge(title_ar="تقرير", body="مراقبة المنافذ", classification="public")
    type(record).objects.filter(pk=record.pk).update(classification="secret", body="نص جديد")
    reindex(kinds=["knowledgeitem"])
    document = SearchDocument.objects.get(kind="knowledgeitem", object_id=record.pk)
    assert document.classification == "secret"
    assert "منافذ" not in document.body_terms


def test_the_reindex_command_rebuilds_and_reports_each_record_type(make, reader):
    record = make.knowledge(title_ar="تقرير", body="مراقبة المنافذ")
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert found(reader, "المنافذ") == [record]
    assert len(out.getvalue().strip().splitlines()) == len(KINDS)  # one line per record type


def test_the_reindex_command_takes_record_types_and_refuses_unknown_ones(make, reader):
    record = make.knowledge(title_ar="تقرير", body="مراقبة المنافذ")
    SearchDocument.objects.all().delete()
    call_command("reindex", "knowledgeitem", stdout=io.StringIO())
    assert found(reader, "المنافذ") == [record]
    with pytest.raises(CommandError):
        call_command("reindex", "spaceship", stdout=io.StringIO())


def test_a_record_type_that_is_not_indexed_is_ignored(make):
    committee = make.committee()
    before = SearchDocument.objects.count()
    index_record(committee)
    assert SearchDocument.objects.count() == before
