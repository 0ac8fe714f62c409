"""The vocabulary files pass their validator, and the validator catches what it is for."""

from __future__ import annotations

from taawun.extract import validate


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
