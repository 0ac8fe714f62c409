"""Generated records are ordinary records: listed, found and hidden like any other."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taawun.registry.models import Engagement, Source
from taawun.search.selectors import search
from tests.bench.conftest import generate

pytestmark = pytest.mark.django_db


def test_an_officer_sees_generated_engagements_in_the_list(officer_client):
    generate(120)
    latest = Engagement.objects.exclude(start_date=None).order_by("-start_date", "-created_at").first()
    response = officer_client.get(reverse("registry:engagement_list"))
    assert response.status_code == 200
    assert latest.get_absolute_url() in response.content.decode()


def test_an_officer_finds_a_generated_article_by_its_number(officer, officer_client):
    generate(120)
    source = Source.objects.order_by("pk").last()
    assert [hit.record for hit in search(officer, str(source.pk), kinds=["source"]).results] == [source]
    response = officer_client.get(reverse("search:results"), {"q": str(source.pk)})
    assert response.status_code == 200
    assert source.get_absolute_url() in response.content.decode()


def test_generated_secrets_stay_hidden_from_a_low_clearance_officer(low_clearance):
    generate(300)
    secret = Engagement.objects.filter(classification="secret").first()
    assert secret is not None
    assert not Engagement.objects.visible_to(low_clearance).filter(pk=secret.pk).exists()
    words = secret.title_ar.split()[:3]
    found = search(low_clearance, " ".join(words), kinds=["engagement"], limit=1000).results
    assert secret not in [hit.record for hit in found]
    assert all(hit.record.classification == "public" for hit in found)


def test_records_saved_after_a_generation_are_still_indexed(make, officer):
    generate(50)
    record = make.knowledge(title_ar="تقرير", body="تفكيك شبكة تزوير متخصصة")
    assert [hit.record for hit in search(officer, "تزوير", kinds=["knowledgeitem"]).results] == [record]
