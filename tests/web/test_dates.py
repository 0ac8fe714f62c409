"""Dates and times as the reader reads them: the month named (never "12/02/2026"), in the office's
time zone, with the Hijri date beside."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db

# 2 December 2026, 21:30 UTC: already 3 December, 00:30, in Riyadh.
LATE_EVENING_UTC = dt.datetime(2026, 12, 2, 21, 30, tzinfo=dt.UTC)


def rendered(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load taawun %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "3 ديسمبر، 2026، 00:30"), ("en", "Dec. 3, 2026, 00:30")],
)
def test_the_short_date_and_time_names_the_month_in_the_office_time_zone(settings, language, expected):
    settings.TIME_ZONE = "Asia/Riyadh"
    shown = rendered('{{ moment|date:"SHORT_DATETIME_FORMAT" }}', language, moment=LATE_EVENING_UTC)
    assert shown == expected
    assert "/" not in rendered('{{ moment|date:"SHORT_DATE_FORMAT" }}', language, moment=LATE_EVENING_UTC)


def test_a_moment_is_shown_local_with_its_hijri_date(settings):
    settings.TIME_ZONE = "Asia/Riyadh"
    shown = rendered("{{ moment|show }}", "ar", moment=LATE_EVENING_UTC)
    assert "3 ديسمبر، 2026، 00:30" in shown
    assert 'datetime="2026-12-03T00:30+03:00"' in shown
    assert "جمادى الآخرة 1448 هـ" in shown  # 23 Jumada al-Akhirah 1448 is 3 December 2026


def test_the_audit_trail_shows_local_times(django_user_model, settings, monkeypatch):
    from taawun.audit import services

    settings.TIME_ZONE = "Asia/Riyadh"
    auditor = make_user(django_user_model, "auditor")
    monkeypatch.setattr(services.timezone, "now", lambda: LATE_EVENING_UTC)
    services.append(action="export", actor=auditor, note="a late export")
    monkeypatch.undo()
    page = logged_in(auditor).get(reverse("audit:entry_list")).content.decode()
    assert '3 ديسمبر، 2026 <span dir="ltr">00:30:00</span>' in page
    assert "2026-12-02 21:30:00 UTC" in page  # the UTC moment stays at hand, as the tooltip
    assert "Asia/Riyadh" in page


def test_the_review_queue_names_the_day_a_draft_came_in_locally_with_its_hijri_date(
    django_user_model, settings
):
    from taawun.ingest import services
    from taawun.ingest.models import Draft

    settings.TIME_ZONE = "Asia/Riyadh"
    officer = make_user(django_user_model, "officer")
    text = "الرياض - استقبل وزير الداخلية اليوم وزير الداخلية الأردني وبحثا التعاون في أمن الحدود."
    draft = services.ingest_text(text=text, home="SA", actor=officer, published_on=dt.date(2026, 12, 1)).draft
    Draft.objects.filter(pk=draft.pk).update(created_at=LATE_EVENING_UTC)
    page = logged_in(officer).get(reverse("ingest:draft_list")).content.decode()
    row = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "3 ديسمبر، 2026، 00:30" in row and "12/03/2026" not in row and "2/12/2026" not in row
    assert "جمادى الآخرة 1448 هـ" in row  # 3 December 2026, beside the time it came in
    assert "1 ديسمبر، 2026" in row and "21 جمادى الآخرة 1448 هـ" in row  # the day it was published
