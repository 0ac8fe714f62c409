"""The Arabic catalogue is complete, keeps its placeholders, uses one term per concept and is compiled.

After `makemessages -l ar`, fill every new msgstr, then run `make messages` (compilemessages) so the
.mo file matches the .po file again.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

import taawun

LC_MESSAGES = Path(taawun.__file__).resolve().parent / "locale" / "ar" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

ARABIC_PLURAL_FORMS = "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;"

# %(name)s, %s, %d ... (python-format), {name} (format strings) and {{ name }} (templates).
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*[sd]|\{\{\s*\w+\s*\}\}|\{\w*\}"
)

# In Arabic, the zero, one and two forms spell the number out ("سجل واحد", "سجلان"), so they may
# leave out the count placeholder; every other placeholder must stay in every form.
NUMBER_IN_WORDS_FORMS = {0, 1, 2}
COUNT_PLACEHOLDERS = {
    "%(counter)s",
    "%(count)s",
    "%(counter)d",
    "%(count)d",
    "%(days)s",
    "%(days)d",
    "%(counted)s",
    "%(shown)s",  # "the latest N", "the first N": the number said in words where Arabic does
    "%(n)d",
}

# One Arabic term per concept: an English term in a msgid requires one of these in its msgstr.
GLOSSARY: dict[str, tuple[str, ...]] = {
    r"\bengagements?\b": ("نشاط", "أنشطة"),
    r"\bpartners?\b": ("شريك", "شركاء"),
    r"\bunderstandings?\b": ("تفاهم",),
    r"\bjoint committees?\b": ("لجنة مشتركة", "اللجنة المشتركة", "اللجان المشتركة", "لجان مشتركة"),
    r"\baction items?\b": (
        "بند عمل",
        "بند العمل",
        "بنود عمل",
        "بنود العمل",
        "بندا عمل",
        "بندا العمل",
        "بندَي عمل",
        "بندي عمل",
    ),
    r"\bhead of delegation\b": ("رئيس الوفد",),
    r"\bdelegation member\b": ("عضو الوفد",),
    r"\barabic title\b": ("العنوان بالعربية",),
    r"\benglish title\b": ("العنوان بالإنجليزية",),
    r"\btraining programmes?\b": (
        "برنامج تدريبي",
        "البرامج التدريبية",
        "برامج تدريبية",
        "برنامجا تدريب",
        "برنامجين تدريبيين",
    ),
    r"^Taawun$": ("تعاون",),
}
# Synonyms the glossary rules out, so the same concept never appears under two names.
AVOIDED_TERMS = ("فعالية", "فعاليات", "مذكرات التفاهم", "بنود الإجراءات", "شركاء التعاون")


def arabic_plural_index(n: int) -> int:
    """The header's Plural-Forms formula, written out."""
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5


SAMPLE_COUNTS = (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000)


@pytest.fixture(scope="module")
def catalogue():
    with PO_PATH.open("rb") as handle:
        return read_po(handle, locale="ar", abort_invalid=True)


def messages(catalogue):
    return [message for message in catalogue if message.id]


def forms(message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def source_text(message) -> str:
    return " ".join(message.id) if message.pluralizable else message.id


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def po_header() -> dict[str, str]:
    """The header entry exactly as written in the .po file (Babel normalises some of its fields)."""
    text = PO_PATH.read_text(encoding="utf-8")
    block = re.search(r'^msgid ""\nmsgstr ""\n((?:".*"\n)+)', text, flags=re.MULTILINE)
    assert block, "the .po file starts with its header entry"
    joined = "".join(line[1:-1] for line in block.group(1).splitlines()).replace("\\n", "\n")
    return dict(field.split(": ", 1) for field in joined.splitlines() if field)


def test_the_header_declares_arabic_utf8_and_six_plural_forms(catalogue):
    headers = po_header()
    assert headers["Language"] == "ar"
    assert headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert headers["Plural-Forms"] == ARABIC_PLURAL_FORMS
    assert catalogue.num_plurals == 6
    assert not catalogue.fuzzy


def test_the_formula_spelled_out_in_this_test_matches_the_header():
    formula = gettext.c2py(ARABIC_PLURAL_FORMS.split("plural=", 1)[1].rstrip(";"))
    assert [formula(n) for n in range(250)] == [arabic_plural_index(n) for n in range(250)]


def test_every_message_has_an_arabic_translation_and_none_is_fuzzy(catalogue):
    untranslated = [source_text(m) for m in messages(catalogue) if not all(s.strip() for s in forms(m))]
    fuzzy = [source_text(m) for m in messages(catalogue) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_every_plural_message_has_all_six_arabic_forms(catalogue):
    plural_messages = [m for m in messages(catalogue) if m.pluralizable]
    assert plural_messages, "the list pages count their records with a plural message"
    for message in plural_messages:
        assert len(message.string) == 6, source_text(message)


def test_every_placeholder_of_the_english_text_is_kept_in_the_arabic(catalogue):
    problems = []
    for message in messages(catalogue):
        if not message.pluralizable:
            if placeholders(message.string) != placeholders(message.id):
                problems.append((message.id, message.string))
            continue
        singular, plural = message.id
        expected = placeholders(plural)
        assert set(placeholders(singular)) <= set(expected), singular
        for index, text in enumerate(message.string):
            found = placeholders(text)
            allowed_missing = COUNT_PLACEHOLDERS if index in NUMBER_IN_WORDS_FORMS else set()
            missing = {p for p in expected if p not in found} - allowed_missing
            extra = {p for p in found if p not in expected}
            if missing or extra:
                problems.append((singular, text))
    assert problems == []


def test_each_concept_is_translated_with_the_glossary_term(catalogue):
    problems = []
    for message in messages(catalogue):
        english = source_text(message)
        for pattern, arabic_terms in GLOSSARY.items():
            if re.search(pattern, english, flags=re.IGNORECASE):
                for text in forms(message):
                    if not any(term in text for term in arabic_terms):
                        problems.append((english, text, arabic_terms))
        for text in forms(message):
            problems.extend((english, text, term) for term in AVOIDED_TERMS if term in text)
    assert problems == []


def test_the_po_file_passes_msgfmt_check():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext's msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(PO_PATH)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_compiled_mo_file_translates_every_message_as_the_po_file_does(catalogue):
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert " ".join(compiled.info()["plural-forms"].split()) == ARABIC_PLURAL_FORMS
    stale = []
    for message in messages(catalogue):
        if message.pluralizable:
            singular, plural = message.id
            for n in SAMPLE_COUNTS:
                if compiled.ngettext(singular, plural, n) != message.string[arabic_plural_index(n)]:
                    stale.append((singular, n))
        elif compiled.gettext(message.id) != message.string:
            stale.append(message.id)
    assert stale == [], "run `make messages` (compilemessages) after editing the .po file"


def test_the_compiled_mo_file_holds_no_message_the_po_file_dropped(catalogue):
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog}
    po_ids = {m.id[0] if m.pluralizable else m.id for m in messages(catalogue)}
    assert compiled_ids - {""} == po_ids


def test_django_shows_engagements_in_arabic():
    with translation.override("ar"):
        assert translation.gettext("Engagements") == "أنشطة التعاون"
        assert translation.gettext("Taawun") == "تعاون"


def test_django_counts_records_with_the_right_arabic_plural_form():
    expected = {
        0: "لا توجد سجلات",
        1: "سجل واحد",
        2: "سجلان",
        5: "5 سجلات",
        11: "11 سجلًا",
        100: "100 سجل",
    }
    with translation.override("ar"):
        for n, text in expected.items():
            shown = translation.ngettext("%(counter)s record", "%(counter)s records", n) % {"counter": n}
            assert shown == text


def test_model_names_are_arabic_under_the_arabic_language():
    from taawun.agreements.models import ActionItem, JointCommittee, Understanding
    from taawun.registry.models import Engagement, Party

    with translation.override("ar"):
        assert str(Engagement._meta.verbose_name_plural) == "أنشطة التعاون"
        assert str(Party._meta.verbose_name) == "شريك"
        assert str(Understanding._meta.verbose_name_plural) == "التفاهمات"
        assert str(JointCommittee._meta.verbose_name) == "لجنة مشتركة"
        assert str(ActionItem._meta.verbose_name) == "بند عمل"
