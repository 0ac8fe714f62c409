"""A long paste is read (or refused with the text kept), a body far too large and a full disk get a
clear answer in the reader's language: a page for people, JSON under /api/; never a bare 400 or an
HTML 500."""

from __future__ import annotations

import errno
import json
from urllib.parse import urlencode

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from taawun.core.request_limits import RequestLimitsMiddleware, storage_full
from taawun.ingest import services
from taawun.ingest.models import Draft
from tests.ingest.samples import VISIT

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"


def paste(client, text: str):
    body = urlencode({"text": text, "classification": "internal", "home": "SA"})
    return client.post("/en/ingest/new/", body, content_type=FORM)


def test_a_paste_of_a_megabyte_is_read(officer_client):
    text = "\n".join([VISIT] + [f"فقرة {n}: " + "تعاون أمني مشترك " * 40 for n in range(1100)])
    assert 0.9 < len(text.encode()) / 2**20 < 2  # percent-encoded, three times that: over Django's default
    response = paste(officer_client, text)
    assert response.status_code == 302 and Draft.objects.count() == 1


def test_a_paste_over_the_upload_limit_is_refused_and_kept_in_the_form(officer_client, settings):
    settings.TAAWUN_UPLOAD_MAX_BYTES = 100_000
    text = VISIT + "\n" + "نص طويل جدا " * 10_000
    response = paste(officer_client, text)
    page = response.content.decode()
    assert response.status_code == 400 and "The pasted text is larger than the limit of 0.1 MB" in page
    assert "نص طويل جدا نص طويل جدا" in page and not Draft.objects.exists()


def test_a_body_far_beyond_the_limit_gets_a_page_saying_so(officer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = paste(officer_client, "نص " * 10_000)
    assert response.status_code == 413
    assert "far larger than the limit" in response.content.decode()


def test_a_body_far_beyond_the_limit_gets_json_under_the_api(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = urlencode({"x": "y" * 20_000})
    response = client.post("/api/engagements", body, content_type=FORM, headers={"accept-language": "en"})
    assert response.status_code == 413 and "far larger than the limit" in response.json()["detail"]
    response = client.post("/api/engagements", body, content_type=FORM)
    assert response.status_code == 413 and "أكبر بكثير من الحد" in response.json()["detail"]


def test_a_full_disk_while_saving_a_paste_answers_507_with_a_page(officer_client, monkeypatch):
    def full(**kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(services, "ingest_text", full)
    response = paste(officer_client, VISIT)
    assert response.status_code == 507 and "no room left" in response.content.decode()


def test_a_full_disk_answers_the_api_with_json():
    request = RequestFactory().post("/api/engagements", headers={"accept-language": "en"})
    error = OperationalError("database or disk is full")
    response = RequestLimitsMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == 507 and "no room left" in json.loads(response.content)["detail"]


def test_a_full_disk_is_recognised_from_every_database():
    class DiskFull(Exception):  # psycopg's errors.DiskFull carries the SQLSTATE
        sqlstate = "53100"

    wrapped = OperationalError("could not extend file")
    wrapped.__cause__ = DiskFull()
    assert storage_full(wrapped)
    assert storage_full(OperationalError("database or disk is full"))
    assert storage_full(OSError(errno.ENOSPC, "No space left on device"))
    assert not storage_full(OperationalError("deadlock detected"))
