"""`taawun demo`: the demo dataset loads, validates, stays alive relative to today and loads once."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from taawun import vocabulary
from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.core.dates import Precision
from taawun.demo import loader
from taawun.knowledge.models import KnowledgeItem
from taawun.registry.models import Agency, Engagement, Participation, Person, Source
from taawun.registry.services import content_hash
from taawun.training.models import TrainingProgram

DATA = loader.dataset()
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

ALL_MODELS = [
    Agency,
    Person,
    Source,
    Engagement,
    Participation,
    Understanding,
    JointCommittee,
    ActionItem,
    TrainingProgram,
    KnowledgeItem,
]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, object]:
    """Row counts of every demo table and of the many-to-many links, with the latest update."""
    counts: dict[str, object] = {model.__name__: model.objects.count() for model in ALL_MODELS}
    for model in (Engagement, Understanding, JointCommittee):
        for m2m in model._meta.many_to_many:
            through = getattr(model, m2m.name).through
            counts[f"{model.__name__}.{m2m.name}"] = through.objects.count()
    counts["last update"] = max(
        model.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
        for model in ALL_MODELS
        if hasattr(model, "updated_at")
    )
    return counts


@pytest.fixture
def loaded(db):
    run_demo()


@pytest.mark.django_db
def test_it_loads_the_expected_counts():
    output = run_demo()

    assert Agency.objects.count() == len(DATA["agencies"])
    assert Person.objects.count() == len(DATA["people"])
    assert Engagement.objects.count() == len(DATA["engagements"])
    assert Source.objects.count() == len(DATA["engagements"])
    assert Understanding.objects.count() == len(DATA["understandings"])
    assert JointCommittee.objects.count() == len(DATA["committees"])
    assert ActionItem.objects.count() == len(DATA["action_items"])
    assert TrainingProgram.objects.count() == len(DATA["training"])
    assert KnowledgeItem.objects.count() == len(DATA["knowledge"])
    assert f"{len(DATA['engagements'])} engagements" in output
    assert "already present 0" in output


def test_the_dataset_is_the_size_the_demo_promises():
    assert 15 <= len(DATA["engagements"]) <= 25
    assert 18 <= len(DATA["people"]) <= 26
    assert len(DATA["understandings"]) >= 5
    assert 2 <= len(DATA["committees"]) <= 3
    assert len(DATA["action_items"]) >= 12
    assert len(DATA["training"]) >= 5
    assert len(DATA["knowledge"]) >= 5


@pytest.mark.django_db
def test_it_is_idempotent():
    run_demo()
    before = snapshot()

    output = run_demo()

    assert snapshot() == before
    assert "(created 0," in output


@pytest.mark.django_db
def test_every_engagement_has_a_source_with_a_content_hash_and_at_least_one_party(loaded):
    for engagement in Engagement.objects.all():
        sources = list(engagement.sources.all())
        assert sources, engagement.title_ar
        for source in sources:
            assert source.content_hash == content_hash(source.text)
            assert source.url.startswith("https://example.gov/")
            assert source.published_on is not None
        assert engagement.parties(), engagement.title_ar


@pytest.mark.django_db
def test_every_record_passes_full_clean(loaded):
    for model in ALL_MODELS:
        for record in model.objects.all():
            record.full_clean()


@pytest.mark.django_db
def test_ranks_are_in_the_vocabulary(loaded):
    ranks = {term.key for term in vocabulary.ranks()}
    used = set(Person.objects.exclude(rank="").values_list("rank", flat=True))
    assert used <= ranks
    assert {"مقدم ركن", "لواء", "رائد"} <= used


@pytest.mark.django_db
def test_the_syrian_visit_to_saudi_arabia_of_14_to_16_april_2025_exists(loaded):
    visit = Engagement.objects.get(
        kind="visit", start_date=dt.date(2025, 4, 14), end_date=dt.date(2025, 4, 16), host="SA"
    )

    assert list(visit.guests.values_list("code", flat=True)) == ["SY"]
    assert visit.location_country_id == "SA"
    assert {"organized_crime", "counter_terrorism", "cybercrime", "crisis_management"} <= set(
        visit.domains.values_list("code", flat=True)
    )


@pytest.mark.django_db
def test_the_qatari_lekhwiya_delegation_in_damascus_has_a_head_and_members(loaded):
    visit = Engagement.objects.get(host="SY", guests="QA", location_city="دمشق")
    roles = dict(visit.participations.values_list("person__name_ar", "role"))

    assert visit.start_precision == Precision.MONTH
    assert roles["صالح عبدالوهاب المهندي"] == "head"
    assert roles["أنس خطاب"] == "host"
    assert list(roles.values()).count("member") == 2


@pytest.mark.django_db
def test_agencies_nest_under_their_ministry(loaded):
    lekhwiya = Agency.objects.get(party="QA", name_ar="قوة الأمن الداخلي (لخويا)")
    search_and_rescue = Agency.objects.get(party="QA", name_ar="مجموعة البحث والإنقاذ")

    assert lekhwiya.parent.name_ar == "وزارة الداخلية"
    assert lekhwiya.parent.party_id == "QA"
    assert search_and_rescue.parent == lekhwiya


@pytest.mark.django_db
def test_engagements_cover_every_kind_over_2023_to_2026_with_partial_dates(loaded):
    engagements = Engagement.objects.all()

    assert {e.kind for e in engagements} >= {
        "visit",
        "meeting",
        "agreement_signing",
        "workshop",
        "program",
        "statement",
        "conference",
    }
    assert {e.start_date.year for e in engagements} == {2023, 2024, 2025, 2026}
    assert {e.start_precision for e in engagements} == {Precision.DAY, Precision.MONTH, Precision.YEAR}


@pytest.mark.django_db
def test_action_items_are_spread_around_today(loaded):
    today = timezone.localdate()
    items = list(ActionItem.objects.all())
    late = [(today - item.due_on).days for item in items if item.status not in {"done", "cancelled"}]

    assert any(0 < days < 30 for days in late)
    assert any(30 <= days <= 90 for days in late)
    assert any(days > 90 for days in late)
    assert any(-30 <= days < 0 for days in late), "some are due soon"
    assert any(item.status == "done" and item.progress == 100 for item in items)
    assert {item.owner_party_id for item in items} >= {"SA", "KW", "BH", "SY"}


@pytest.mark.django_db
def test_understandings_cover_the_statuses_and_expire_relative_to_today(loaded):
    today = timezone.localdate()
    by_status = {u.status: u for u in Understanding.objects.all()}

    assert set(by_status) >= {"draft", "negotiation", "signed", "in_force", "expiring", "expired"}
    assert 0 < (by_status["expiring"].expires_on - today).days <= 90
    assert by_status["expired"].expires_on < today


@pytest.mark.django_db
def test_committees_have_members_from_both_sides_and_meetings(loaded):
    for committee in JointCommittee.objects.all():
        parties = set(committee.parties.values_list("code", flat=True))
        member_parties = set(committee.members.values_list("party", flat=True))
        assert member_parties == parties, committee.name_ar
        assert committee.chair in committee.members.all()
        assert committee.meetings.exists()
        assert committee.action_items.exists()


@pytest.mark.django_db
def test_an_unknown_party_code_is_a_clear_error_and_writes_nothing(monkeypatch):
    bad = {**DATA["knowledge"][0], "title_ar": "عنوان آخر", "party": "XX"}
    monkeypatch.setattr(loader, "dataset", lambda: {**DATA, "knowledge": [*DATA["knowledge"], bad]})

    with pytest.raises(CommandError, match="Unknown party code 'XX' in demo data"):
        run_demo()

    assert not Engagement.objects.exists()
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_an_unknown_rank_is_a_clear_error(monkeypatch):
    bad = {**DATA["people"][0], "key": "someone", "name_ar": "شخص", "rank": "جنرال"}
    monkeypatch.setattr(loader, "dataset", lambda: {**DATA, "people": [*DATA["people"], bad]})

    with pytest.raises(CommandError, match="Unknown rank 'جنرال'"):
        run_demo()


@pytest.mark.django_db
def test_an_invalid_record_is_reported_by_name(monkeypatch):
    bad = {**DATA["training"][0], "title_ar": "تدريب للنفس", "recipient": DATA["training"][0]["provider"]}
    monkeypatch.setattr(loader, "dataset", lambda: {**DATA, "training": [*DATA["training"], bad]})

    with pytest.raises(CommandError, match="Invalid demo TrainingProgram 'تدريب للنفس'"):
        run_demo()


def _shingles(text: str, size: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _demo_texts() -> list[str]:
    texts = []
    for record in DATA["engagements"]:
        texts += [record["summary"], record["outcomes"], record["source"]["text"]]
    texts += [record["body"] for record in DATA["knowledge"]]
    return texts


@pytest.mark.corpus
def test_no_demo_text_copies_a_sentence_of_the_corpus_articles():
    articles = sorted(CORPUS.glob("seeds/*.txt")) + sorted(CORPUS.glob("dev/texts/*.txt"))
    if not articles:
        pytest.skip("the corpus is not here")
    corpus = set().union(*(_shingles(path.read_text(encoding="utf-8")) for path in articles))

    copied = [text for text in _demo_texts() if _shingles(text) & corpus]

    assert copied == []
