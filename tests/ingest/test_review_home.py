"""The home party each draft was read with, and why; reading it again with another; the engine's
confidence kept with the draft and its unsure fields marked on the review screen (issue 17)."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from taawun.audit.models import AuditEntry
from taawun.ingest import services
from taawun.ingest.feeds import feed_poll
from taawun.ingest.models import Draft, FeedSubscription, ImportBatch
from taawun.ingest.readers import page_address
from tests.ingest.desk import decision_url, review_url
from tests.ingest.feed_server import rss
from tests.ingest.samples import VISIT

pytestmark = pytest.mark.django_db

# No dateline: only the address can tell whose ministry "وزير الداخلية" is.
MEETING = (
    "استقبل وزير الداخلية في مكتبه يوم الأحد 4 مايو 2025 سفير إيطاليا، وبحث معه سبل تعزيز "
    "التعاون الأمني في مكافحة الجريمة المنظمة وتبادل الخبرات."
)


def test_the_draft_keeps_the_home_party_chosen_for_its_article_and_why(officer):
    draft = services.ingest_text(
        text=MEETING, url="https://www.kuna.net.kw/ArticleDetails.aspx?id=7", home="SA", actor=officer
    ).draft
    draft.refresh_from_db()
    assert (draft.home, draft.home_source, draft.home_detail) == ("KW", "outlet", "kuna.net.kw")
    assert draft.home_reason == "outlet: kuna.net.kw"
    # The engine's grades and reasons are kept beside what it proposed.
    assert draft.confidence and set(draft.confidence.values()) <= {"high", "low"}
    assert "home" in draft.field_reasons


def test_without_anything_in_the_article_the_upload_choice_then_the_installation(officer, settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    chosen = services.ingest_text(text=MEETING, home="OM", actor=officer).draft
    assert (chosen.home, chosen.home_source) == ("OM", "chosen")
    other = services.ingest_text(text=MEETING + " وأكد الجانبان أهمية التنسيق.", actor=officer).draft
    assert (other.home, other.home_source) == ("SA", "installation")


def test_the_review_page_says_which_home_party_and_why(officer_client, officer):
    draft = services.ingest_text(text=MEETING, url="https://www.qna.org.qa/ar/1", actor=officer).draft
    page = officer_client.get(review_url(draft)).content.decode()
    assert "Home party chosen from" in page and "outlet: qna.org.qa" in page
    assert "(QA)" in page
    assert decision_url(draft, "extract-again") in page
    assert "replaces what the engine proposed, and any edits saved" in page


def test_a_feed_items_home_is_the_feeds_country(served, officer):
    served.body = rss([("n-1", "زيارة", "https://www.kuna.net.kw/1", VISIT)])
    feed_poll(FeedSubscription.objects.create(url=served.url, home="BH"))
    draft = Draft.objects.get()
    assert (draft.home, draft.home_source) == ("BH", "feed")


def test_a_feed_without_a_country_chooses_per_item(served):
    served.body = rss([("n-1", "لقاء", "https://www.kuna.net.kw/1", MEETING)])
    feed_poll(FeedSubscription.objects.create(url=served.url, home=""))
    draft = Draft.objects.get()
    assert (draft.home, draft.home_source, draft.home_detail) == ("KW", "outlet", "kuna.net.kw")


def test_a_batch_chooses_per_file(officer_client, settings):
    settings.TAAWUN_HOME_PARTY = "SA"
    files = [
        SimpleUploadedFile("a.txt", ("الرباط - " + MEETING).encode()),
        SimpleUploadedFile("b.txt", MEETING.encode()),
    ]
    officer_client.post("/en/ingest/new/", {"files": files, "classification": "internal", "home": ""})
    batch = ImportBatch.objects.get()
    homes = dict(Draft.objects.filter(batch=batch).values_list("source__title", "home_source"))
    assert homes == {"a.txt": "dateline", "b.txt": "installation"}
    assert sorted(Draft.objects.values_list("home", flat=True)) == ["MA", "SA"]


# --- reading again with another home party ---------------------------------------------------


def test_an_officer_reads_the_draft_again_with_another_home_party_audited(officer_client, officer):
    draft = services.ingest_text(text=MEETING, url="https://www.kuna.net.kw/1", actor=officer).draft
    services.draft_save(draft=draft, record={"title_ar": "عنوان معدل"}, actor=officer)
    response = officer_client.post(decision_url(draft, "extract-again"), {"home-home": "QA"})
    assert response.status_code == 302 and response["Location"].endswith(review_url(draft))
    draft.refresh_from_db()
    assert (draft.home, draft.home_source, draft.home_reason) == ("QA", "officer", "chosen by the officer")
    assert draft.edited is None  # the proposal and the edits saved are replaced
    assert draft.extracted and draft.confidence
    entry = AuditEntry.objects.filter(object_pk=str(draft.pk), note="extracted again").get()
    assert entry.action == "update" and entry.changes["home"] == {"old": "KW", "new": "QA"}


def test_reading_again_with_no_home_party(officer_client, draft):
    response = officer_client.post(decision_url(draft, "extract-again"), {"home-home": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.home, draft.home_source) == ("", "officer")


def test_a_viewer_may_not_read_a_draft_again(viewer_client, draft):
    before = (draft.home, draft.home_source)
    response = viewer_client.post(decision_url(draft, "extract-again"), {"home-home": "QA"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.home, draft.home_source) == before


def test_reading_again_is_post_only_and_refuses_an_unknown_party(officer_client, draft):
    assert officer_client.get(decision_url(draft, "extract-again")).status_code == 405
    response = officer_client.post(decision_url(draft, "extract-again"), {"home-home": "XX"})
    assert response.status_code == 400
    assert "Choose a home party from the list, or none." in response.content.decode()
    draft.refresh_from_db()
    assert draft.home_source != "officer"


def test_a_decided_draft_is_not_read_again(officer_client, draft, officer):
    services.draft_reject(draft=draft, reason="مكرر", actor=officer)
    response = officer_client.post(decision_url(draft, "extract-again"), {"home-home": "QA"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.home != "QA"


# --- confidence on the review screen --------------------------------------------------------


def _element(page: str, tag: str, ident: str) -> str:
    """The opening tag of the element with that id (its attributes in any order)."""
    found = re.search(rf'<{tag}\b[^>]*\bid="{re.escape(ident)}"[^>]*>', page)
    assert found, ident
    return found.group(0)


def _text_of(page: str, ident: str) -> str:
    """The text inside the element with that id (a note: its flag and its reason)."""
    found = re.search(rf'id="{re.escape(ident)}">(.*?)</span></span>', page, re.S)
    assert found, ident
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_fields_the_engine_was_unsure_of_are_flagged_with_words_and_their_reason(officer_client, draft):
    extracted = dict(draft.extracted, kind="visit", host="SA")
    Draft.objects.filter(pk=draft.pk).update(
        extracted=extracted, confidence={"kind": "low", "host": "low", "start": "high", "domains": "high"}
    )
    page = officer_client.get(review_url(draft)).content.decode()
    note = "Check this: the engine was unsure."
    # In what was read: the kind and the host flagged in words; each row's reason its title and
    # its description.
    assert page.count('<dd class="low-confidence">') == 2
    host_row = _element(page, "span", "why-ev-host-0")
    assert 'class="why"' in host_row  # shown, not only on hover
    host_reason = _text_of(page, "why-ev-host-0")
    assert note in host_reason and "No venue, visit or reception names the host" in host_reason
    assert "Read in the article: “استقبل”" in host_reason
    link = re.search(r'<a href="#ev-host-0"[^>]*>', page).group(0)
    assert 'aria-describedby="why-ev-host-0"' in link and "title=" in link
    # In the form: the kind and the host flagged, described by their note; the start's reason
    # (sure) is its description too, shown on hover and focus only.
    kind = _element(page, "select", "id_draft-kind")
    assert "low-confidence" in kind and 'aria-describedby="id_draft-kind_why"' in kind
    assert note in _text_of(page, "id_draft-kind_why")
    assert "No word of the article names the kind" in _text_of(page, "id_draft-kind_why")
    start = _element(page, "input", "id_draft-start")
    assert "low-confidence" not in start
    assert 'aria-describedby="id_draft-start_why id_draft-start_helptext"' in start
    assert 'title="Read in the article: “15 أبريل 2025”"' in html.unescape(start)
    assert 'class="why quiet" id="id_draft-start_why"' in page and note not in _text_of(
        page, "id_draft-start_why"
    )
    assert 'id="id_draft-start_helptext"' in page  # the help text it is described by exists


def test_each_participant_read_in_the_article_has_its_note_on_its_row(officer_client, draft):
    Draft.objects.filter(pk=draft.pk).update(confidence={"people": "low"})
    page = officer_client.get(review_url(draft)).content.decode()
    reason = _text_of(page, "people-1-why")
    assert "Check this: the engine was unsure." in reason and "without a rank, title or position" in reason
    assert "“خالد بن محمد العتيبي”" in reason
    name = _element(page, "input", "id_people-1-name")
    assert 'aria-describedby="people-1-why"' in name and "low-confidence" in name
    assert 'aria-describedby="people-1-why"' in _element(page, "select", "id_people-1-match")
    blank = len(draft.extracted["people"])  # the row for adding someone: nothing read, no note
    assert f'id="people-{blank}-why"' not in page


def test_nothing_is_marked_when_the_engine_was_sure(officer_client, draft):
    Draft.objects.filter(pk=draft.pk).update(confidence=dict.fromkeys(("kind", "host", "start"), "high"))
    page = officer_client.get(review_url(draft)).content.decode()
    assert "low-confidence" not in page
    assert "Check this: the engine was unsure." not in page


# --- a saved web page names its outlet --------------------------------------------------------


def saved_page(body: str, head: str) -> bytes:
    return f'<!doctype html><html lang="ar"><head><meta charset="utf-8">{head}</head><body><p>{body}</p></body></html>'.encode()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<link rel="canonical" href="https://www.kuna.net.kw/ArticleDetails.aspx?id=9&amp;language=ar">',
            "https://www.kuna.net.kw/ArticleDetails.aspx?id=9&language=ar",
        ),
        ("<meta content='https://wam.ae/ar/details/9' property='og:url'>", "https://wam.ae/ar/details/9"),
        ('<link rel="canonical" href="javascript:alert(1)">', ""),
        ('<link rel="stylesheet" href="https://cdn.example.com/a.css">', ""),
    ],
)
def test_a_saved_pages_own_address_is_read(head, expected):
    assert page_address(saved_page(MEETING, head)) == expected
    assert page_address(MEETING.encode()) == ""  # plain text has none


def test_a_saved_page_uploaded_is_read_with_its_outlets_country(officer_client):
    page = saved_page(MEETING, '<link rel="canonical" href="https://www.kuna.net.kw/a?id=9">')
    officer_client.post(
        "/en/ingest/new/", {"files": SimpleUploadedFile("page.html", page), "classification": "internal"}
    )
    draft = Draft.objects.get()
    assert (draft.home, draft.home_source) == ("KW", "outlet")
    assert draft.source.url == "https://www.kuna.net.kw/a?id=9"


def test_saved_pages_in_a_batch_and_on_the_command_line_name_their_outlet(officer_client, tmp_path):
    pages = [
        SimpleUploadedFile(
            "a.html", saved_page(MEETING, '<link rel="canonical" href="https://wam.ae/ar/1">')
        ),
        SimpleUploadedFile(
            "b.html",
            saved_page(MEETING + " وتم الاتفاق.", '<meta property="og:url" content="https://sana.sy/?p=2">'),
        ),
    ]
    officer_client.post("/en/ingest/new/", {"files": pages, "classification": "internal"})
    assert sorted(Draft.objects.values_list("home", "home_source")) == [("AE", "outlet"), ("SY", "outlet")]
    (tmp_path / "c.html").write_bytes(
        saved_page(
            MEETING + " وتقرر عقد اجتماع لاحق.", '<link rel="canonical" href="https://www.qna.org.qa/ar/3">'
        )
    )
    call_command("ingest", str(tmp_path), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())
    assert Draft.objects.get(source__url="https://www.qna.org.qa/ar/3").home == "QA"


def test_a_feed_without_a_country_says_it_chooses_per_item(officer_client, officer):
    feed = FeedSubscription.objects.create(url="https://news.example/feed.xml", home="")
    page = officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()
    assert "Per item (outlet, address, dateline)" in page
    FeedSubscription.objects.filter(pk=feed.pk).update(home="KW")
    assert "Per item" not in officer_client.get(f"/en/ingest/feeds/{feed.pk}/").content.decode()
