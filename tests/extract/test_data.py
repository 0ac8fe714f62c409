"""The vocabulary files pass their validator, and the validator catches what it is for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import taawun.extract as package
from taawun.extract import extract, validate


def _sources() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in Path(package.__file__).parent.glob("*.py")]


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


def test_a_duplicate_a_missing_list_or_an_undocumented_section_is_reported(monkeypatch) -> None:
    real = validate._load

    def load(name: str) -> dict:
        data = real(name)
        if name == "words.json":
            dates = {k: v for k, v in data["dates"].items() if k not in ("_comment", "tomorrow")}
            data["dates"] = {**dates, "today": ["اليوم", "اليوم"]}
        return data

    monkeypatch.setattr(validate, "_load", load)
    found = validate.problems()
    assert "words.json dates: no _comment saying what its lists are for" in found
    assert "words.json dates: missing list 'tomorrow'" in found
    assert "words.json dates.today: 'اليوم' is listed twice" in found


def test_a_list_its_comment_does_not_describe_is_reported(monkeypatch) -> None:
    real = validate._load

    def load(name: str) -> dict:
        data = real(name)
        if name == "cues.json":
            data["comment"] = data["comment"].replace("visit_verbs", "")
        return data

    monkeypatch.setattr(validate, "_load", load)
    assert validate.problems() == ["cues.json: 'visit_verbs' is not described in its comment"]


def _lists_read_in_code() -> dict[str, set[str]]:
    """module → the words.json keys its source reads as _WORDS["key"]."""
    read: dict[str, set[str]] = {}
    for source in _sources():
        module = re.search(r'_WORDS = cues\.module_words\("(\w+)"\)', source)
        if module:
            read.setdefault(module.group(1), set()).update(re.findall(r"_WORDS\[[\"'](\w+)[\"']\]", source))
        for other, key in re.findall(r'cues\.module_words\("(\w+)"\)\["(\w+)"\]', source):
            read.setdefault(other, set()).add(key)
    return read


def test_the_validator_knows_every_list_the_code_reads() -> None:
    declared = {module: set(keys) for module, keys in validate.WORD_LISTS.items()}
    assert _lists_read_in_code() == declared


def test_the_validator_knows_every_cue_list_the_code_reads() -> None:
    read: set[str] = set()
    for source in _sources():
        read.update(re.findall(r'_CUES\["(\w+)"\]', source))
        read.update(re.findall(r'cues\.words\("(\w+)"\)', source))
    assert read == set(validate.CUE_LISTS)
