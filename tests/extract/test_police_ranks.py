"""Police grades of the Maghreb (data/police_ranks.json): they anchor the name after them, go
into the position as written, and are no taxonomy rank; short sentences written for these tests."""

from __future__ import annotations

import pytest

from taawun.extract import extract, validate


def _people(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.rank, p.position) for p in extract(text).people]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "استقبل المدير العام للأمن الوطني الجزائري عميد أول للشرطة كريم بن سالم وفدا تونسيا.",
            [("كريم بن سالم", None, "المدير العام للأمن الوطني الجزائري عميد أول للشرطة")],
        ),
        (
            "أشرف عميد شرطة ممتاز هشام الزين، رئيس مصلحة الشرطة القضائية، على دورة مع الجانب المغربي.",
            [("هشام الزين", None, "عميد شرطة ممتاز رئيس مصلحة الشرطة القضائية")],
        ),
        (
            "شارك في اللقاء بالجزائر محافظ شرطة سمير بلقاسم ومراقب عام للشرطة يوسف بن حمو.",
            [("سمير بلقاسم", None, "محافظ شرطة"), ("يوسف بن حمو", None, "مراقب عام للشرطة")],
        ),
        (
            "وحضر اللقاء في الرباط ضابط شرطة ممتاز حسن الكبير ووالي الأمن رشيد العلوي.",
            [("حسن الكبير", None, "ضابط شرطة ممتاز"), ("رشيد العلوي", None, "والي الأمن")],
        ),
        # Only in a Maghreb article is "عميد الشرطة" a police grade; elsewhere it is a brigadier.
        (
            "حضر الاجتماع في تونس عميد الشرطة عبد الله التازي.",
            [("عبد الله التازي", None, "عميد الشرطة")],
        ),
        (
            "حضر الاجتماع في القاهرة عميد الشرطة عبد الله التازي.",
            [("عبد الله التازي", "عميد", None)],
        ),
        # Egypt's "مساعد أول الوزير" is a position; the rank after it is the taxonomy's.
        (
            "التقى مساعد أول الوزير لقطاع الأمن العام اللواء أحمد شوقي بالوفد الليبي في القاهرة.",
            [("أحمد شوقي", "لواء", "مساعد أول الوزير لقطاع الأمن العام")],
        ),
    ],
)
def test_police_grades_anchor_names_and_stay_in_the_position(text: str, expected: list) -> None:
    assert _people(text) == expected


def test_the_validator_covers_the_police_grades(monkeypatch) -> None:
    real = validate._load

    def load(name: str) -> dict:
        data = real(name)
        if name == "police_ranks.json":
            data["titles"] = [*data["titles"], "لواء", "محافظ شرطة"]
            data["maghreb"] = [*data["maghreb"], "XX"]
        return data

    monkeypatch.setattr(validate, "_load", load)
    found = validate.problems()
    assert any("'لواء' is a taxonomy rank" in line for line in found)
    assert any("'محافظ شرطة' is listed twice" in line for line in found)
    assert any("unknown country 'XX'" in line for line in found)
