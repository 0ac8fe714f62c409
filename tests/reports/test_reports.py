"""Exports of filtered lists, the dashboard and the country brief: all within the reader's clearance."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from taawun.audit.models import AuditEntry
from taawun.reports import charts
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(django_user_model):
    return logged_in(make_user(django_user_model, "officer"))


@pytest.fixture
def low_client(django_user_model):
    return logged_in(make_user(django_user_model, "low_clearance"))


def csv_rows(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_a_filtered_list_exports_to_csv_with_a_bom_and_every_matching_row(officer_client, make):
    make.engagement("SA", ["SY"], title_ar="زيارة وفد سوري", kind="visit")
    make.engagement("SA", ["QA"], title_ar="اجتماع قطري", kind="meeting")
    response = officer_client.get(reverse("registry:engagement_list"), {"kind": "visit", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert len(rows) == 2
    assert rows[1][1] == "زيارة وفد سوري"
    assert AuditEntry.objects.filter(action="export").exists()


def test_an_export_ignores_pagination(officer_client, make, settings):
    settings.PAGE_SIZE = 2
    for number in range(5):
        make.person("SY", name_ar=f"شخص {number}")
    rows = csv_rows(officer_client.get(reverse("registry:person_list"), {"export": "csv"}))
    assert len(rows) == 6


def test_the_xlsx_export_opens_with_openpyxl_right_to_left_in_arabic(officer_client, make):
    make.engagement("SA", ["SY"], title_ar="زيارة وفد سوري")
    response = officer_client.get(reverse("registry:engagement_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["B2"].value == "زيارة وفد سوري"


def test_a_spreadsheet_has_typed_cells_a_frozen_filtered_header_and_each_records_address(
    officer_client, make, settings
):
    settings.ALLOWED_HOSTS = ["taawun.local"]
    item = make.action_item("SY", title="Exchange the lists", due_on=dt.date(2020, 1, 10), progress=40)
    response = officer_client.get(
        reverse("agreements:actionitem_list"), {"export": "xlsx"}, HTTP_HOST="taawun.local"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    with translation.override("ar"):
        labels = {name: gettext(name) for name in ("Id", "Due on", "Progress", "Days overdue", "Address")}
    row = dict(zip((cell.value for cell in sheet[1]), sheet[2], strict=True))
    assert row[labels["Id"]].value == item.pk
    due = row[labels["Due on"]]
    assert (due.value, due.number_format) == (dt.datetime(2020, 1, 10), "yyyy-mm-dd")  # a date cell
    assert (row[labels["Progress"]].value, row[labels["Progress"]].number_format) == (0.4, "0%")
    assert row[labels["Days overdue"]].value == (timezone.localdate() - dt.date(2020, 1, 10)).days
    assert row[labels["Address"]].value == f"http://taawun.local/agreements/actionitem/{item.pk}/"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions


def test_a_csv_row_leads_with_the_records_id_and_ends_with_its_address(officer_client, make):
    engagement = make.engagement("SA", ["SY"], title_ar="زيارة", start_date=None)
    rows = csv_rows(officer_client.get(reverse("registry:engagement_list"), {"export": "csv"}))
    assert rows[1][0] == str(engagement.pk)
    assert rows[1][-1].endswith(f"/registry/engagement/{engagement.pk}/")


def test_cells_that_look_like_formulas_are_neutralised(officer_client, make):
    make.person("SY", name_ar='=HYPERLINK("x")')
    rows = csv_rows(officer_client.get(reverse("registry:person_list"), {"export": "csv"}))
    assert rows[1][1].startswith("'=")


def test_exports_hold_nothing_above_the_clearance(low_client, make):
    make.engagement("SA", ["SY"], title_ar="علني", classification="public")
    make.engagement("SA", ["SY"], title_ar="سري للغاية", classification="secret")
    rows = csv_rows(low_client.get(reverse("registry:engagement_list"), {"export": "csv"}))
    titles = [row[1] for row in rows[1:]]
    assert titles == ["علني"]


def test_the_dashboard_counts_and_draws_only_visible_engagements(low_client, make):
    make.engagement("SA", ["SY"], title_ar="علني", classification="public")
    make.engagement("SA", ["KW"], title_ar="سري", classification="secret")
    page = low_client.get(reverse("reports:dashboard")).content.decode()
    assert "<svg" in page
    assert "سوريا" in page
    assert "الكويت" not in page


def test_the_dashboard_filters_by_domain_and_period(officer_client, make):
    import datetime as dt

    make.engagement("SA", ["SY"], domains=["narcotics"], start_date=dt.date(2024, 5, 1))
    make.engagement("SA", ["QA"], domains=["cybercrime"], start_date=dt.date(2025, 5, 1))
    page = officer_client.get(reverse("reports:dashboard"), {"domain": "narcotics"}).content.decode()
    assert "سوريا" in page and "قطر" not in page
    page = officer_client.get(reverse("reports:dashboard"), {"year_from": 2025}).content.decode()
    assert "قطر" in page and "سوريا" not in page


def test_a_bar_chart_mirrors_in_right_to_left():
    bars = [charts.Bar("أ", 10), charts.Bar("ب", 5)]
    rtl, ltr = (
        str(charts.bar_chart(bars, rtl=True, title="t")),
        str(charts.bar_chart(bars, rtl=False, title="t")),
    )
    # Each chart states its direction, so "start" is the right end of a text in RTL: a label grows
    # leftwards from the right edge, inside its column, and never out of the chart.
    assert 'direction="rtl"' in rtl and 'direction="ltr"' in ltr
    assert 'text-anchor="end"' not in rtl + ltr
    assert '<svg x="330" y="4" width="190"' in rtl  # the label column on the right of a 520-wide chart
    assert '<svg x="0" y="4" width="190"' in ltr


def test_chart_labels_are_escaped():
    svg = str(charts.bar_chart([charts.Bar("<script>x</script>", 1)], rtl=False, title="<b>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_country_brief_is_an_arabic_pdf_with_the_partners_engagements(officer_client, make):
    make.engagement("SA", ["SY"], title_ar="زيارة وفد سوري إلى الرياض")
    make.understanding(("SA", "SY"), title_ar="مذكرة تفاهم أمنية")
    text = pdf_text(officer_client.get(reverse("reports:country_brief_pdf", args=["SY"])))
    assert "سوريا" in text
    assert "مذكرة" in text and "تفاهم" in text


def test_the_country_brief_exists_in_english_too(officer_client, make):
    make.engagement("SA", ["SY"], title_en="Syrian delegation in Riyadh", title_ar="")
    with translation.override("en"):
        url = reverse("reports:country_brief_pdf", args=["SY"])
    text = pdf_text(officer_client.get(url))
    assert "Syria" in text and "Syrian delegation" in text


def test_the_brief_leaves_out_what_the_reader_may_not_see(low_client, make):
    make.engagement("SA", ["SY"], title_ar="لقاء علني", classification="public")
    make.engagement("SA", ["SY"], title_ar="لقاء سري", classification="secret")
    text = pdf_text(low_client.get(reverse("reports:country_brief_pdf", args=["SY"])))
    assert "علني" in text and "سري" not in text.replace("سريان", "")


def test_the_brief_shows_the_first_of_each_list_and_says_how_many_there_are(
    officer_client, make, monkeypatch
):
    from taawun.reports import brief

    monkeypatch.setattr(brief, "BRIEF_LIST", 2)
    monkeypatch.setattr(brief, "BRIEF_ENGAGEMENTS", 2)
    for number in range(3):
        make.engagement("SA", ["SY"], title_ar=f"لقاء رقم {number}", start_date=dt.date(2024, 1, number + 1))
        make.understanding(("SA", "SY"), title_ar=f"مذكرة رقم {number}")
    context = officer_client.get(reverse("reports:country_brief_pdf", args=["SY"])).context
    assert [e.title_ar for e in context["engagements"]] == ["لقاء رقم 2", "لقاء رقم 1"]  # the latest
    assert len(context["understandings"]) == 2 and context["understandings_count"] == 3


def test_the_brief_of_a_hidden_partner_does_not_exist(low_client):
    from taawun.registry.models import Party

    Party.objects.filter(code="SY").update(classification="secret")
    assert low_client.get(reverse("reports:country_brief_pdf", args=["SY"])).status_code == 404


def test_the_dashboard_lists_the_first_expiring_understandings_and_counts_the_rest(
    officer_client, make, monkeypatch
):
    import datetime as dt

    from django.utils import timezone

    from taawun.reports import selectors

    monkeypatch.setattr(selectors, "EXPIRING_SHOWN", 2)
    today = timezone.localdate()
    for days in (5, 10, 20):
        make.understanding(["SA", "SY"], expires_on=today + dt.timedelta(days=days))
    with translation.override("en"):
        page = officer_client.get(reverse("reports:dashboard")).content.decode()
    assert "The first 2 of 3." in page
    assert f"expires_after={today:%Y-%m-%d}" in page


def test_the_brief_puts_owner_agency_and_party_on_lines_of_their_own(officer_client, make):
    agency = make.agency("SY", name_ar="إدارة الهجرة والجوازات")
    person = make.person("SY", name_ar="العقيد سامر الحلبي")  # no agency: "key people" names it alone
    make.action_item("SY", title="Exchange liaison officers", owner_person=person, owner_agency=agency)
    lines = pdf_text(officer_client.get(reverse("reports:country_brief_pdf", args=["SY"]))).splitlines()
    assert not any("الحلبي" in line and "الجوازات" in line for line in lines)
    assert any("الحلبي" in line for line in lines) and any("الجوازات" in line for line in lines)
