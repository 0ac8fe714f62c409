"""The words of an attachment's text layer (a PDF's, a Word document's, a text's) find it in the
site search, whose hit leads to its record's page; a file or a record above the reader's clearance
is never found; removing the file takes it out of the index."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.attachments import services
from taawun.search.models import SearchDocument
from taawun.search.selectors import search
from taawun.search.services import reindex
from tests.attachments import files

pytestmark = pytest.mark.django_db


def attach(record, actor, data, file_name, **fields):
    return services.attachment_add(record=record, data=data, file_name=file_name, actor=actor, **fields)


def found(user, query: str) -> list:
    return [hit.record for hit in search(user, query, kinds=["attachment"]).results]


def test_a_pdfs_text_layer_finds_it_and_the_hit_leads_to_its_record(make, officer, viewer):
    understanding = make.understanding()
    scan = attach(understanding, officer, files.pdf_bytes("Memorandum on maritime interdiction"), "scan.pdf")
    assert found(viewer, "interdiction") == [scan]
    hit = search(viewer, "interdiction").results[0]
    assert hit.record == scan
    assert hit.record.get_absolute_url() == f"{understanding.get_absolute_url()}#attachment-{scan.pk}"


def test_a_texts_and_a_word_documents_words_find_them(make, officer, viewer):
    engagement = make.engagement()
    letter = attach(engagement, officer, "نص رسالة الشريك عن مكافحة المخدرات".encode(), "رسالة.txt")
    minutes = attach(
        make.action_item(), officer, files.docx_bytes(["محضر اجتماع اللجنة الفنية"]), "محضر.docx"
    )
    assert found(viewer, "المخدرات") == [letter]
    assert found(viewer, "اللجنة الفنية") == [minutes]


def test_the_site_search_page_lists_the_attachment_with_a_link_to_its_record(make, officer, viewer_client):
    engagement = make.engagement()
    attach(engagement, officer, "جدول أعمال الزيارة الميدانية".encode(), "جدول.txt", title="جدول الأعمال")
    page = viewer_client.get(reverse("search:results"), {"q": "الميدانية"}).content.decode()
    assert "جدول الأعمال" in page and engagement.get_absolute_url() in page


def test_a_file_or_a_record_above_the_readers_clearance_is_not_found(make, officer, viewer):
    engagement = make.engagement()
    attach(engagement, officer, "برنامج سري للزيارة".encode(), "a.txt", classification="secret")
    assert found(viewer, "برنامج") == []
    assert found(officer, "برنامج") != []
    plain = attach(engagement, officer, "قائمة الوفد المرافق".encode(), "b.txt")
    assert found(viewer, "الوفد") == [plain]
    engagement.classification = "secret"
    engagement.save()
    assert found(viewer, "الوفد") == []


def test_removing_a_file_takes_it_out_of_the_index_and_reindex_rebuilds_it(make, officer):
    engagement = make.engagement()
    kept = attach(engagement, officer, "تقرير ختامي".encode(), "a.txt")
    gone = attach(engagement, officer, "مسودة أولى".encode(), "b.txt")
    services.attachment_delete(attachment=gone, actor=officer)
    assert not SearchDocument.objects.filter(kind="attachment", object_id=gone.pk).exists()
    assert reindex(kinds=["attachment"]) == {"attachment": 1}
    assert found(officer, "ختامي") == [kept]
