"""The pledged-versus-delivered page and chart, and trainee groups edited with their programme."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from taawun.audit.models import Action, AuditEntry
from taawun.training.charts import WIDTH, bar_chart_svg
from taawun.training.models import TrainingCohort, TrainingProgram
from taawun.training.selectors import pledged_vs_delivered
from tests.pages import offered
from tests.personas import logged_in, make_user

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def url(name: str, *args, language: str = "ar", query: str = "") -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def bars(root) -> list[ET.Element]:
    return [
        rect
        for rect in root.iter(f"{SVG}rect")
        if "bar" in rect.get("class", "") and rect.find(f"{SVG}title") is not None
    ]


def test_the_page_shows_the_table_and_a_well_formed_chart(officer_client, make):
    make.training("SA", "SY", status="pledged", trainees=20)
    make.training("SA", "SY", status="delivered", trainees=25)
    page = officer_client.get(url("training:pledged_vs_delivered", language="en")).content.decode()
    row = re.search(r"<tr><th scope=\"row\"><a [^>]*>Syria</a></th>(.*?)</tr>", page, flags=re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == ["2", "45", "1", "25", "1", "20", "0", "0", "56%"]
    root = ET.fromstring(re.search(r"<svg .*?</svg>", page, flags=re.S).group(0))
    assert root.get("direction") == "ltr"
    assert [rect.get("class") for rect in bars(root)] == ["bar pledged", "bar delivered"]
    assert "style=" not in page


def test_the_page_leaves_out_programmes_above_the_clearance(make, django_user_model):
    client = logged_in(make_user(django_user_model, "viewer"))
    make.training("SA", "QA", trainees=11, classification="internal")
    make.training("SA", "BH", trainees=13, classification="secret")
    page = client.get(url("training:pledged_vs_delivered", language="en")).content.decode()
    assert "Qatar" in page and "Bahrain" not in page


def test_the_chart_is_mirrored_in_arabic(officer, make):
    make.training("SA", "SY", status="pledged", trainees=20)
    make.training("SA", "SY", status="delivered", trainees=10)
    rows, _totals = pledged_vs_delivered(officer)
    ltr, rtl = ET.fromstring(bar_chart_svg(rows, rtl=False)), ET.fromstring(bar_chart_svg(rows, rtl=True))
    for left, right in zip(bars(ltr), bars(rtl), strict=True):
        x, width = float(left.get("x")), float(left.get("width"))
        assert float(right.get("x")) == pytest.approx(WIDTH - x - width, abs=0.2)
    pledged, delivered = bars(ltr)
    # Pledged counts every programme: 30 trainees pledged, 10 of them delivered.
    assert float(delivered.get("width")) == pytest.approx(float(pledged.get("width")) / 3, abs=0.2)


def test_the_chart_escapes_partner_names(officer, make):
    party = make.party("SY")
    type(party).objects.filter(pk="SY").update(name_en='<b>"Syria"</b> & co')
    make.training("SA", "SY", trainees=3)
    with translation.override("en"):
        rows, _totals = pledged_vs_delivered(officer)
        svg = bar_chart_svg(rows, rtl=False)
    root = ET.fromstring(svg)
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"] == ['<b>"Syria"</b> & co']


def test_a_side_other_than_recipient_or_provider_is_refused(officer_client):
    response = officer_client.get(url("training:pledged_vs_delivered", language="en", query="side=guest"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def program_post(**extra) -> dict:
    data = {
        "record-title_ar": "دورة",
        "record-provider": "SA",
        "record-recipient": "SY",
        "record-status": "delivered",
        "record-trainees": "30",
        "record-classification": "internal",
        "fs0-TOTAL_FORMS": "2",
        "fs0-INITIAL_FORMS": "0",
        "fs0-MIN_NUM_FORMS": "0",
        "fs0-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_trainee_groups_are_saved_with_their_programme_and_audited(officer_client, make):
    police, customs = make.agency("SY"), make.agency("SY")
    response = officer_client.post(
        url("training:trainingprogram_create", language="en"),
        program_post(
            **{
                "fs0-0-agency": police.pk,
                "fs0-0-trainees": "20",
                "fs0-1-agency": customs.pk,
                "fs0-1-domain": "narcotics",
                "fs0-1-trainees": "10",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    program = TrainingProgram.objects.get()
    assert sorted(program.cohorts.values_list("trainees", flat=True)) == [10, 20]
    entries = AuditEntry.objects.filter(model_label="training.trainingcohort", action=Action.CREATE)
    assert entries.count() == 2
    detail = officer_client.get(program.get_absolute_url()).content.decode()
    assert str(police) in detail and str(customs) in detail


def test_the_same_agency_and_domain_twice_is_refused_and_nothing_is_saved(officer_client, make):
    police = make.agency("SY")
    response = officer_client.post(
        url("training:trainingprogram_create", language="en"),
        program_post(
            **{
                "fs0-0-agency": police.pk,
                "fs0-0-trainees": "20",
                "fs0-1-agency": police.pk,
                "fs0-1-trainees": "10",
            }
        ),
    )
    assert response.status_code == 400
    assert "Give each agency and domain once" in response.content.decode()
    assert not TrainingProgram.objects.exists() and not TrainingCohort.objects.exists()


def test_a_group_of_zero_trainees_is_refused(officer_client, make):
    response = officer_client.post(
        url("training:trainingprogram_create", language="en"),
        program_post(**{"fs0-0-agency": make.agency("SY").pk, "fs0-0-trainees": "0"}),
    )
    assert response.status_code == 400
    assert not TrainingProgram.objects.exists()


def test_the_detail_page_warns_when_the_groups_do_not_add_up(officer_client, make):
    program = make.training(trainees=30)
    TrainingCohort.objects.create(program=program, agency=make.agency("SY"), trainees=12)
    page = officer_client.get(
        url("training:trainingprogram_detail", program.pk, language="en")
    ).content.decode()
    assert "The trainee groups add up to 12, but the programme counts 30 trainees." in page


def test_the_form_offers_only_agencies_within_the_clearance(make, django_user_model):
    client = logged_in(make_user(django_user_model, "low_clearance"))
    make.agency("SY", name_ar="جهاز سري", classification="secret")
    make.agency("SY", name_ar="جهاز علني", classification="public")
    page = client.get(url("training:trainingprogram_create")).content.decode()
    assert offered(client, page, "agency", "جهاز") == ["جهاز علني · SY"]
