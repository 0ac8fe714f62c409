"""The kind of event, its security domains and its forms of cooperation.

Kind is read from the lead: what the title and first sentences do (sign, train, convene,
state, receive, travel). Domains and forms are keyword families from data/keywords.json; a
domain word right after an institution word (إدارة الجريمة السيبرانية) names a body, not a
field, and is skipped.
"""

from __future__ import annotations

import re

from . import cues
from .context import Context
from .gazetteer import ORGANISATIONS, Lexicon
from .normalize import normalize_arabic
from .parties import Actors, Setting
from .people import Person
from .text import Article

_WORDS = cues.module_words("classify")
# "سلسلة (من) (ال)زيارات": a programme of visits ("ال" is the article, grammar not vocabulary).
_SERIES = re.compile(
    rf"(?:{cues.one_of(_WORDS['series'])}) (?:(?:{cues.one_of(_WORDS['series_link'])}) )?(?:ال)?"
    rf"(?:{cues.one_of(_WORDS['series_of'])})"
)
# "جاء ذلك خلال ...": the saying is reported at an event.
_SAID_AT = re.compile(
    rf"(?:{cues.one_of(_WORDS['said_at'])}) (?:{cues.one_of(_WORDS['demonstratives'])}) "
    rf"(?:{cues.one_of(_WORDS['said_at_preps'])})"
)
_MEETINGS = re.compile(rf"(?:{cues.one_of(_WORDS['meetings'])}) ")


_COMPILED: dict[str, tuple[list[tuple[str, str]], list[tuple[re.Pattern[str], str]]]] = {}


def _compiled(section: str, lex: Lexicon) -> tuple[list[tuple[str, str]], list[tuple[re.Pattern[str], str]]]:
    """Literal keywords (found with str.find, which is C-fast) and the few regex keywords."""
    if section not in _COMPILED:
        literals, patterns = [], []
        for key, words in lex.keywords[section].items():
            for word in words:
                if word.startswith("re:"):
                    patterns.append((re.compile(word[3:]), key))
                else:
                    literals.append((normalize_arabic(word), key))
        _COMPILED[section] = (literals, patterns)
    return _COMPILED[section]


def _matches(text: str, literals: list[tuple[str, str]], patterns: list[tuple[re.Pattern[str], str]]):
    for word, key in literals:
        at = text.find(word)
        while at != -1:
            yield at, at + len(word), key
            at = text.find(word, at + 1)
    for pattern, key in patterns:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), key


def keyword_hits(article: Article, lex: Lexicon, section: str) -> dict[str, list[tuple[int, int]]]:
    literals, patterns = _compiled(section, lex)
    institutions = {normalize_arabic(w) for w in lex.keywords["institution_words"]}
    text = article.text
    hits: dict[str, list[tuple[int, int]]] = {}
    for start, end, key in sorted(_matches(text, literals, patterns)):
        # Keywords inside background sentences or datelines do not describe this event.
        if _sentence_at(article, start) in article.background_sentences:
            continue
        if section == "domains" and _in_a_bodys_name(text, start, institutions, lex):
            continue
        spans = hits.setdefault(key, [])
        span = article.norm.span(start, end)
        if span not in spans:
            spans.append(span)
    return hits


def _in_a_bodys_name(text: str, start: int, institutions: set[str], lex: Lexicon) -> bool:
    """A domain word that names a body or a title, not a field: right after an institution word
    (إدارة الجريمة السيبرانية), or reached from one or a position head over defined words and
    a purpose link (الإدارة العامة لمكافحة المخدرات، مكتب الأمم المتحدة المعني بالمخدرات، منسق
    مكافحة الإرهاب); a field coordinated with another (والإرهاب) is the text's."""
    before = text[max(0, start - 25) : start].split()
    if before and before[-1].lstrip("وبل") in institutions:  # proclitics و ب ل
        return True
    word_start = text.rfind(" ", 0, start) + 1
    if text[word_start] == "و":
        return False  # "الجريمة المنظمة والإرهاب": a field coordinated with another
    before = text[max(0, word_start - 80) : word_start].split()
    heads = lex.words["position_heads"]
    k = len(before) - 1
    linked = k >= 0 and before[k] in _WORDS["purpose_links"]
    if linked:
        k -= 1
    for _ in range(3):
        if k < 0:
            return False
        word = before[k]
        bare = word.lstrip("وبل") if not word.startswith("ال") else word
        if bare in institutions or word in heads or bare in heads:
            return linked or text[word_start : word_start + 2] == "ال"
        if not word.startswith("ال"):
            return False
        k -= 1
    return False


def _sentence_at(article: Article, offset: int) -> int:
    lo, hi = 0, len(article.tokens) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if article.tokens[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return article.tokens[lo].sentence if article.tokens else 0


def _first_cue(
    words: list[str], indices: list[int], sets: dict[str, frozenset[str]]
) -> tuple[str, int] | None:
    for i in indices:
        for name, words_set in sets.items():
            if cues.has(words[i], words_set):
                return name, i
    return None


_FRAME_VERBS = _WORDS["frame_verbs"]
_FRAME_PREPS = _WORDS["frame_preps"]


def _frame_cue(words: list[str], lead: list[int]) -> tuple[str, int] | None:
    """The occasion named by "جاء ذلك خلال ..." in the lead: (travel|meeting|workshop|conference, index)."""
    for i in lead:
        if not (
            cues.has(words[i], _FRAME_VERBS)
            and i + 3 < len(words)
            and words[i + 1] in _WORDS["demonstratives"]
            and words[i + 2] in _FRAME_PREPS
        ):
            continue
        sets = {
            "workshop": cues.WORKSHOP,
            "conference": cues.CONFERENCE,
            "travel": cues.TRAVEL,
            "meeting": cues.MEET | cues.RECEIVE_NOUNS | cues.MEETING_NOUNS | _MEETING_WORDS,
        }
        start = i + 3 + (words[i + 3] in _WORDS["frame_roles"])
        return _first_cue(words, list(range(start, min(start + 2, len(words)))), sets)
    return None


_MEETING_WORDS = _WORDS["meeting_words"]


def classify_kind(
    article: Article, actors: Actors, setting: Setting, people: list[Person]
) -> tuple[str, int | None]:
    words = [t.text for t in article.tokens]
    lead = [i for i in range(len(words)) if article.in_lead(i)]
    title = [i for i in lead if article.tokens[i].line in article.title_lines]
    first_body = [i for i in lead if i not in title]
    first_sentence = (
        [i for i in first_body if article.tokens[i].sentence == article.tokens[first_body[0]].sentence]
        if first_body
        else []
    )
    if setting.sideline:
        return "meeting", None
    # A signing in the title or first sentence is the main event.
    for zone in (title, first_sentence):
        hit = _first_cue(words, zone, {"sign": cues.SIGN})
        if hit and not any(words[k] in _WORDS["planned"] for k in range(max(0, hit[1] - 4), hit[1])):
            return "agreement_signing", hit[1]
    lead_text = " ".join(words[i] for i in lead)
    if _SERIES.search(lead_text):
        return "program", None
    # "استقبل ... سفراء الدول ... كلا على حدة": meetings held one by one make a programme.
    if any(phrase in lead_text for phrase in _WORDS["separately"]):
        return "program", None
    # Statements: the lead's first verb is a verb of saying and no "جاء ذلك خلال" follows.
    opening = first_body[:3] if first_body else []
    speech = _first_cue(words, opening, {"speech": cues.SPEECH})
    if (
        (speech or any(w in _WORDS["interview"] for w in words[: (first_body[-1] if first_body else 0) + 1]))
        and not _SAID_AT.search(lead_text)
        and not _said_at_event(words, first_sentence)
    ):
        return "statement", speech[1] if speech else None
    # "الدورة (66) للجنة ...", "الدورة الثانية والأربعون لمجلس ...": a numbered session convenes;
    # "بمشاركة 13 دولة": many countries taking part make a conference.
    for i in first_body[:40]:
        if cues.has(words[i], _WORDS["session"]) and any(
            words[k].isdigit() or words[k] in cues.ORDINALS for k in range(i + 1, min(i + 3, len(words)))
        ):
            return "conference", i
        if cues.has(words[i], _WORDS["participation"]) and any(
            words[k] in _WORDS["countries"] for k in range(i + 1, min(i + 4, len(words)))
        ):
            return "conference", i
    # An announcement of no event, or a police operation opening the lead (سلّمت، ضبطت ...), is
    # reported news (after a numbered session, which it would report on).
    announced = _announcement(words, opening) or _first_cue(words, opening, {"speech": _WORDS["operations"]})
    if announced and not _SAID_AT.search(lead_text) and not _said_at_event(words, first_sentence):
        return "statement", announced[1]
    # "جاء ذلك خلال زيارة / ورشة / مؤتمر ...": the lead names its own occasion; that decides.
    frame = _frame_cue(words, lead)
    if frame and frame[0] in ("workshop", "conference"):
        return frame[0], frame[1]
    for zone in (title, first_sentence) if frame is None else ():
        # "زار ... مركز تدريب": after an institution word the course word names a body or place.
        hit = _first_cue(words, zone, {"workshop": cues.WORKSHOP, "conference": cues.CONFERENCE})
        while hit and _names_no_event(words, hit[1]):
            rest = [i for i in zone if i > hit[1]]
            hit = _first_cue(words, rest, {"workshop": cues.WORKSHOP, "conference": cues.CONFERENCE})
        if hit and hit[0] == "workshop" and not cues.has(words[hit[1]], _WORDS["session"]):
            return "workshop", hit[1]
        # "الدورة التدريبية / التكوينية": a session word the course adjective follows is a course.
        if (
            hit
            and hit[0] == "workshop"
            and hit[1] + 1 < len(words)
            and cues.has(words[hit[1] + 1], cues.WORKSHOP)
            and not cues.has(words[hit[1] + 1], _WORDS["session"])
        ):
            return "workshop", hit[1]
        if hit and hit[0] == "conference":
            return "conference", hit[1]
    multilateral = len([p for p in actors.parties if p not in ORGANISATIONS]) >= 3 or any(
        p in ORGANISATIONS for p in actors.parties
    )
    # "اجتماعهم الثالث"، "الاجتماع الأربعين لوزراء ...": a numbered meeting is periodic, wherever
    # the lead names it (the title often names the meeting before the sentence numbers it).
    meeting_nouns = [i for i in lead if cues.has(words[i], cues.MEETING_NOUNS)]
    numbered = [
        i
        for i in meeting_nouns
        if any(words[k] in cues.ORDINALS for k in range(i + 1, min(i + 8, len(words))))
    ]
    meeting_noun = numbered[0] if numbered else meeting_nouns[0] if meeting_nouns else None
    ordinal_meeting = bool(numbered)
    # Receiving a visitor (استقبل) is a visit; hosting a meeting (تستضيف الاجتماع) is not.
    received = any(
        cues.has(words[i], cues.RECEIVE_VERBS) and not cues.has(words[i], cues.HOST_VERBS) for i in lead[:40]
    )
    if multilateral and (ordinal_meeting or _multilateral_phrase(words, lead)) and not received:
        return "conference", meeting_noun
    guests = [p for p in actors.parties if p != setting.host]
    if setting.receptions >= 2 and len(guests) >= 2 or _MEETINGS.search(lead_text) and len(guests) >= 2:
        return "program", None
    ambassador = any(
        p.position and any(cues.has(w, cues.AMBASSADOR) for w in normalize_arabic(p.position).split()[:2])
        for p in people
    )
    ambassador = ambassador or any(cues.has(words[i], cues.AMBASSADOR) for i in first_sentence)
    # "والوفد المرافق له": the guest came with an accompanying delegation, so travelled.
    travel_in_lead = any(
        cues.has(words[i], cues.TRAVEL)
        or words[i] in _WORDS["accompanying"]
        and i > 0
        and cues.has(words[i - 1], _WORDS["delegation"])
        for i in lead
    )
    if ambassador and not travel_in_lead:
        return "meeting", None
    if setting.host is None:
        return "meeting", None
    return "visit", None


_AT_EVENT = _WORDS["at_event"]


def _names_no_event(words: list[str], i: int) -> bool:
    """A course or conference word that is not the event: after an institution word it names a
    body or a place ("زار ... مركز تدريب"); after a field word or "التعاون في" it is a topic the
    parties discussed ("بحث التعاون في مجال التدريب"، "مجالات التدريب والتأهيل")."""
    before = words[i - 1] if i > 0 else ""
    if cues.has(before, _WORDS["institutions"]) or cues.has(before, _WORDS["fields"]):
        return True
    return before == "في" and i > 1 and cues.has(words[i - 2], _WORDS["cooperation_nouns"])


def _multilateral_phrase(words: list[str], lead: list[int]) -> bool:
    """ "الدول الأعضاء"، "وزراء الداخلية" in the lead describe many taking part, unless an
    institution word before makes them part of a body's name ("مجلس وزراء الداخلية العرب")."""
    for first, rest in _MULTILATERAL:
        for i in lead:
            if (
                cues.has(words[i], first)
                and words[i + 1 : i + 1 + len(rest)] == rest
                and not (i > 0 and cues.has(words[i - 1], _WORDS["institutions"]))
            ):
                return True
    return False


_MULTILATERAL = [
    (frozenset(phrase.split()[:1]), phrase.split()[1:]) for phrase in sorted(_WORDS["multilateral_phrases"])
]


_EVENT_WORDS = (
    _MEETING_WORDS
    | cues.MEET
    | cues.TRAVEL
    | cues.SIGN
    | cues.RECEIVE_VERBS
    | cues.RECEIVE_NOUNS
    | cues.MEETING_NOUNS
    | cues.WORKSHOP
    | cues.CONFERENCE
)


def _announcement(words: list[str], opening: list[int]) -> tuple[str, int] | None:
    """ "أعلنت الوزارة أنها سلمت ..." / "أعلن ... عن نجاحه في ...": announcing, with no event noun
    or verb right after its عن / أن, makes a statement; "أعلنت الوزارة عن اجتماع عقده ..."
    announces the meeting, which is then the event."""
    for i in opening:
        if not cues.has(words[i], _WORDS["announce"]):
            continue
        link = next(
            (k for k in range(i + 1, min(i + 16, len(words))) if words[k] in _WORDS["announce_links"]), None
        )
        if link is None:
            return None
        announced = words[link + 1 : link + 3]
        return None if any(cues.has(w, _EVENT_WORDS) for w in announced) else ("speech", i)
    return None


def _said_at_event(words: list[str], sentence: list[int]) -> bool:
    """ "كشف الوزير، بعد لقائه نظيره في ...، عن ...": the first sentence anchors the saying to a
    meeting, reception or visit, which is then the event (as "جاء ذلك خلال ..." does later)."""
    events = _MEETING_WORDS | cues.RECEIVE_NOUNS | cues.MEETING_NOUNS | cues.TRAVEL
    return any(
        words[i] in _AT_EVENT and i + 1 < len(words) and cues.has(words[i + 1], events) for i in sentence
    )


def _diplomat(person: Person) -> bool:
    position = normalize_arabic(person.position or "").split()
    return any(cues.has(w, cues.AMBASSADOR) or cues.has(w, _EMBASSY) for w in position)


_EMBASSY = _WORDS["embassy"]


def classify_forms(
    ctx: Context, kind: str, setting: Setting, people: list[Person], host: str | None = None
) -> dict[str, list[tuple[int, int]]]:
    article, words = ctx.article, ctx.words
    hits = keyword_hits(article, ctx.lex, "forms")
    forms: dict[str, list[tuple[int, int]]] = {}
    if kind == "conference":
        hits.setdefault("conference", [])
    for key, spans in hits.items():
        forms[key] = spans
    if (
        kind in ("visit", "meeting", "program")
        or any(cues.has(w, cues.MEETING_NOUNS) for w in words if w not in _WORDS["not_meeting"])
    ) and kind != "conference":
        forms.setdefault("meeting", [])
    travelled = kind == "visit" or (
        kind in ("program", "agreement_signing", "statement", "workshop")
        and any(
            cues.has(words[i], cues.TRAVEL) or words[i] in _WORDS["delegation"]
            for i in range(len(words))
            if not article.in_background(i)
        )
    )
    # A foreign official who is not a resident diplomat took part on the host's soil
    # ("وقع ... مع وزير الصحة العراقي ... في الرياض"): they travelled for it.
    travelled = travelled or (
        kind in ("program", "agreement_signing", "workshop")
        and host is not None
        and host not in ORGANISATIONS
        and any(
            p.party
            and p.party != host
            and p.party not in ORGANISATIONS
            and not p.background
            and not p.head_of_state
            and not _diplomat(p)
            for p in people
        )
    )
    if travelled and kind not in ("meeting", "conference"):
        forms.setdefault("visit", [])
    if setting.sideline:
        forms.setdefault("conference", [])
    return forms


def classify_domains(article: Article, lex: Lexicon) -> dict[str, list[tuple[int, int]]]:
    return keyword_hits(article, lex, "domains")
