"""Parties, host, guests and location.

A party is a country or organisation the text names as an actor (name, nisba, agency,
organisation) outside background sentences and outside pure place phrases ("في العاصمة
التونسية" says where, not who). --home is always a party. The host comes from the event verbs:
travel (زار، وصل إلى، زيارة إلى) points at the destination; reception (استقبل، تستضيف) at the
receiver; otherwise the place, then --home.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import cues
from .gazetteer import HOME, Lexicon, Mention
from .people import Person
from .text import Article

_PLACE_WORDS = frozenset(
    ["العاصمه", "بالعاصمه", "والعاصمه", "للعاصمه", "مدينه", "بمدينه", "ومدينه", "لمدينه"]
)


@dataclass
class Actors:
    parties: list[str] = field(default_factory=list)
    evidence: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # code → token ranges
    places: list[tuple[str, str | None, tuple[int, int]]] = field(default_factory=list)  # country, city, span
    home: str | None = None

    def add(self, code: str | None, span: tuple[int, int]) -> None:
        if not code:
            return
        if code not in self.parties:
            self.parties.append(code)
        self.evidence.setdefault(code, []).append(span)


def resolve(code: str, home: str | None) -> str | None:
    return home if code == HOME else code


def _qualified_home(article: Article, mentions: list[Mention], index: int) -> bool:
    """'وزارة الداخلية السعودية': a home term followed at once by a nisba is not home."""
    m = mentions[index]
    if index + 1 < len(mentions):
        nxt = mentions[index + 1]
        if nxt.first - m.last <= 1 and nxt.entry.kind in ("nisba", "country"):
            return True
    return False


def find_actors(
    article: Article, lex: Lexicon, mentions: list[Mention], people: list[Person], home: str | None
) -> Actors:
    actors = Actors(home=home)
    words = [t.text for t in article.tokens]
    in_name: set[int] = set()
    for person in people:
        for first, last in person.spans:
            in_name.update(range(first, last))
    sideline_from = _sideline_start(article, words)
    if home:
        actors.add(home, (0, 0))
    oman = any(m.entry.code == "OM" for m in mentions)
    for index, m in enumerate(mentions):
        if m.first in in_name or article.in_background(m.first):
            continue
        code = resolve(m.entry.code, home)
        if m.entry.kind == "home" and _qualified_home(article, mentions, index):
            continue
        previous = words[m.first - 1] if m.first > 0 else ""
        if m.entry.kind == "city" or previous in _PLACE_WORDS or _city_then_nisba(words, mentions, index):
            if m.entry.kind == "city" and m.entry.name == "عمان" and oman and previous != "الاردنيه":
                code = "OM"
            city = m.entry.name if m.entry.kind == "city" else lex.capitals.get(m.entry.code)
            if previous in ("مدينه", "بمدينه") and m.entry.kind != "city":
                city = article.original(m.first - 1, m.first)
            if m.entry.kind != "city" and previous in ("مدينه", "بمدينه", "ومدينه"):
                city = None
            actors.places.append((code, city, (m.first, m.last)))
            continue
        if sideline_from is not None and m.first >= sideline_from and m.entry.kind == "org":
            continue
        actors.add(code, (m.first, m.last))
    for person in people:
        person.party = person.party or _person_party(person, mentions, words, home)
        if person.party and not person.background and not person.head_of_state:
            actors.add(person.party, person.name_span)
    return actors


def _city_then_nisba(words: list[str], mentions: list[Mention], index: int) -> bool:
    """ "مدينة راولبندي الباكستانية": an unknown city name qualified by a nisba."""
    m = mentions[index]
    return m.entry.kind == "nisba" and m.first >= 2 and words[m.first - 2] in _PLACE_WORDS


def _sideline_start(article: Article, words: list[str]) -> int | None:
    """Token index of "على هامش" in the lead: the framing event after it is not a party."""
    for i in range(len(words) - 1):
        if words[i] in ("علي", "وعلي") and words[i + 1] == "هامش" and article.in_lead(i):
            return i
    return None


def _person_party(person: Person, mentions: list[Mention], words: list[str], home: str | None) -> str | None:
    spans = [person.position_span] if person.position_span else []
    found_home = False
    for first, last in spans:
        for m in mentions:
            if first <= m.first < last:
                if m.entry.code == HOME:
                    found_home = True
                    continue
                return m.entry.code
    # "عن الجانب الباكستاني" just before the person or their position.
    start = min([person.name_span[0]] + [s[0] for s in spans])
    for m in mentions:
        if (
            start - 4 <= m.first < start
            and m.entry.kind == "nisba"
            and "الجانب" in words[max(0, m.first - 2) : m.first]
        ):
            return m.entry.code
    if found_home or home:
        return home
    return None


@dataclass
class Setting:
    host: str | None
    host_span: tuple[int, int] | None
    country: str | None
    city: str | None
    place_span: tuple[int, int] | None
    travel: bool
    sideline: bool
    receptions: int


def _mention_after(mentions: list[Mention], start: int, stop: int, skip: set[int]) -> Mention | None:
    for m in mentions:
        if start <= m.first < stop and m.first not in skip:
            return m
    return None


def find_setting(
    article: Article,
    mentions: list[Mention],
    people: list[Person],
    actors: Actors,
    home: str | None,
) -> Setting:
    words = [t.text for t in article.tokens]
    in_person: set[int] = set()
    for person in people:
        for first, last in person.spans:
            in_person.update(range(first, last))
        if person.position_span:
            in_person.update(range(*person.position_span))
    person_at = {}
    for person in people:
        for first, last in person.spans + ([person.position_span] if person.position_span else []):
            for k in range(first, last):
                person_at[k] = person
    sideline = _sideline_start(article, words) is not None
    host = host_span = None
    travel = False
    receptions = 0
    lead = [i for i in range(len(words)) if article.in_lead(i)]
    body = [i for i in range(len(words)) if not article.in_background(i)]
    # 1. The seat of an organisation hosts ("في مقر الأمانة العامة لمجلس وزراء الداخلية العرب").
    for i in lead:
        if words[i] in ("مقر", "بمقر", "مقار"):
            m = _mention_after(mentions, i + 1, i + 5, set())
            if m and m.entry.kind == "org" and m.entry.code in actors.parties:
                host, host_span = m.entry.code, (m.first, m.last)
                break
    # 2. Travel: the destination hosts.
    for i in body:
        if host:
            break
        if not cues.has(words[i], cues.TRAVEL):
            continue
        travel = True
        sentence_end = article.sentence_tokens[article.tokens[i].sentence][1]
        m = _mention_after(mentions, i + 1, min(sentence_end, i + 25), in_person)
        if m:
            code = resolve(m.entry.code, home)
            if code:
                host, host_span = code, (m.first, m.last)
                if code not in actors.parties:
                    actors.add(code, (m.first, m.last))
    # 3. Reception: the receiver (the subject after the verb) hosts.
    for i in body:
        word = words[i]
        if cues.has(word, cues.RECEIVE_VERBS) or cues.has(word, cues.RECEIVE_NOUNS):
            receptions += 1
        if host or not article.in_lead(i) or article.tokens[i].line in article.title_lines:
            continue
        if cues.has(word, cues.RECEIVE_VERBS) or cues.has(word, cues.MEET):
            subject = _subject_party(i, words, mentions, person_at, home, article)
            if subject:
                host, host_span = subject, (i, i + 1)
        elif cues.has(word, cues.RECEIVE_NOUNS):
            # "استقبال الوفد السوري": the received party is named; the host is the other one.
            m = _mention_after(mentions, i + 1, i + 5, set())
            guest = resolve(m.entry.code, home) if m else None
            others = [p for p in actors.parties if p != guest]
            if guest and len(others) == 1:
                host, host_span = others[0], (i, i + 1)
    # The place: the first city or capital phrase in the lead, else the host's country.
    country = city = place_span = None
    for code, name, span in actors.places:
        if article.in_lead(span[0]):
            country, city, place_span = code, name, span
            break
    if country is None and actors.places and not travel:
        code, name, span = actors.places[0]
        country, city, place_span = code, name, span
    if host is None and country and country in actors.parties:
        host, host_span = country, place_span
    if host is None and country is None:
        for i in lead:
            if words[i] in ("مقر", "بمقر", "مكتبه") and home:
                m = _mention_after(mentions, i + 1, i + 6, set())
                if m is None or m.entry.code == HOME:
                    host, host_span = home, (i, i + 1)
                    break
    return Setting(host, host_span, country, city, place_span, travel, sideline, receptions)


def _subject_party(
    verb: int, words: list[str], mentions: list[Mention], person_at: dict, home: str | None, article: Article
) -> str | None:
    """The party of whoever follows the verb (Arabic is verb-subject-object)."""
    for k in range(verb + 1, min(verb + 12, len(words))):
        person = person_at.get(k)
        if person is not None and person.party:
            return person.party
        for m in mentions:
            if m.first == k and resolve(m.entry.code, home):
                if (
                    m.entry.kind == "home"
                    and k + 2 < len(words)
                    and any(x.first in (m.last, m.last + 1) and x.entry.kind == "nisba" for x in mentions)
                ):
                    continue  # "وزير الداخلية التونسي": the nisba that follows decides
                return resolve(m.entry.code, home)
    return None
