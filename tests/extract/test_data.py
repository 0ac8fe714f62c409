"""The vocabulary files pass their validator, and the validator catches what it is for."""

from __future__ import annotations

import pytest

from taawun.extract import extract, validate


def test_the_shipped_vocabulary_is_valid() -> None:
    assert validate.problems() == []


def test_an_unnormalized_cue_word_or_an_unknown_party_is_reported(monkeypatch) -> None:
    real = validate._load

    def load(name: str) -> dict:
        data = real(name)
        if name == "cues.json":
            data["travel"] = [*data["travel"], "زيارة"]  # written with ة: would never match
        if name == "home.json":
            data["officials"] = {**data["officials"], "XX": ["فلان الفلاني"]}
        return data

    monkeypatch.setattr(validate, "_load", load)
    found = validate.problems()
    assert any("'زيارة' is not normalized" in line for line in found)
    assert any("unknown party 'XX'" in line for line in found)


def test_the_module_word_lists_are_checked_too(monkeypatch) -> None:
    real = validate._load

    def load(name: str) -> dict:
        data = real(name)
        if name == "words.json":
            data["classify"] = {**data["classify"], "frame_roles": ["ترؤسه"], "planned": []}
        return data

    monkeypatch.setattr(validate, "_load", load)
    found = validate.problems()
    assert "words.json classify.frame_roles: 'ترؤسه' is not normalized" in found
    assert "words.json classify.planned: empty" in found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The frame's role noun (ترؤسه، مشاركته) is skipped before the event noun it leads to.
        ("أكد وزير الداخلية الأردني أهمية التدريب.\nجاء ذلك خلال ترؤسه ورشة عمل في عمان.", "workshop"),
        (
            "أكد وزير الداخلية الأردني أهمية التنسيق.\nجاء ذلك خلال مشاركته في مؤتمر دولي في عمان.",
            "conference",
        ),
    ],
)
def test_a_frame_role_noun_leads_to_the_event(text: str, kind: str) -> None:
    assert extract(text).kind == kind
