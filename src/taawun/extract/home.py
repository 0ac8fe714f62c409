"""Whose ministry an unqualified "وزارة الداخلية" / "الوزارة" / "المملكة" / "وزير الداخلية" means.

`--home` (the party whose feed or office the text came through) is a hint, not a fact: an
article about Iraq read by a Saudi office still says "وزير الداخلية" for the Iraqi minister.
The text overrules the hint, strongest cue first (_decide):

1. a known official holds a title without a nisba ("وزير الداخلية عثمان الغانمي" is Iraq's);
2. the hint is named in the article as itself (name, capital or city, one of its officials) and
   not only as the other side: kept;
3. a resident diplomat's country of accreditation ("سفير فرنسا لدى الجزائر"): the local side;
4. the ministry is first named with a nisba and then without ("وزير الداخلية العراقي ... وأكد
   الوزير"), unless that first mention is the visitor's ("وفدا من وزارة الداخلية الكويتية",
   the object of "استقبل"): later unqualified mentions are the same ministry;
5. a national news agency in the dateline ("أبوظبي - وام"): its country's voice;
6. a dateline city ("الرباط - ") whose country the story names again;
7. a news agency cited as the source ("(قنا)");
8. the hint named only as the other side ("نظيره السعودي"): nobody;
9. otherwise the hint, which nothing contradicts.
The reading only resolves words; whether the home party is a party at all depends on the text
using such a word for an actor (see parties.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import cues
from .context import Context
from .gazetteer import HOME, Entry, Lexicon, Mention, name_key
from .normalize import normalize_arabic
from .people import Person

_DASHES = ("-", "–", "—", ":", "(")


@dataclass
class HomeReading:
    code: str | None  # the party unqualified words mean here, or None
    hint: str | None
    reason: str  # short English, for the evidence: why this code
    span: tuple[int, int] | None = None  # token range of the deciding words
    referred: bool = False  # the article uses an unqualified word for an actor at all
    trusted: bool = False  # a bare national title may be taken as this party's
    officials: dict[int, str] | None = None  # person index → country, from the officials table

    def settle(self, mentions: list[Mention], words: list[str], lex: Lexicon) -> list[Mention]:
        """Mentions with "المملكة" dropped where this reading is not a kingdom."""
        if self.code in lex.home.kingdoms:
            return mentions
        out = []
        for m in mentions:
            if m.entry.kind == "home" and words[m.first].endswith(tuple(lex.home.words["kingdom"])):
                m = Mention(m.first, m.last, Entry("not_home", ""))
            out.append(m)
        return out


def qualified(mentions: list[Mention], n: int) -> str | None:
    """The nisba or country right after home word n ("وزارة الداخلية العراقية" → IQ), else None."""
    m = mentions[n]
    if n + 1 < len(mentions):
        nxt = mentions[n + 1]
        if nxt.first - m.last <= 1 and nxt.entry.kind in ("nisba", "country"):
            return nxt.entry.code
    return None


def official_country(person: Person, lex: Lexicon, minister: bool) -> str | None:
    """The country a known official serves, from the name; short names need a minister's title."""
    key = name_key(person.name)
    if not key:
        return None
    for tokens, family, code, size in lex.home.officials:
        # The family name must be there: "خالد بن محمد" alone is half the country.
        if family not in key:
            continue
        common = len(tokens & key)
        close = common >= 2 and common >= min(size, len(key)) * 2 / 3
        if close and (size >= 3 or minister or common == len(key) == size):
            return code
    tokens = tuple(normalize_arabic(person.name).split())
    for family, code in lex.home.families.items():
        size = len(family)
        inside = any(tokens[k : k + size] == family for k in range(len(tokens) - size + 1))
        if inside and (size > 1 or tokens[-1] == family[0]):
            return code  # "آل ثاني" anywhere, a one-word house ("الصباح") as the surname
    return None


def read_home(ctx: Context, people: list[Person]) -> HomeReading:
    """What unqualified ministry words mean in this article; ctx.home is the --home hint."""
    mentions, hint = ctx.mentions, ctx.home
    live, home_words = _live(ctx)
    unqualified = [n for n in home_words if qualified(mentions, n) is None]
    referred = bool(unqualified)
    officials = _officials(ctx, people)
    reading = _decide(ctx, people, officials)
    reading.referred = referred
    reading.officials = officials
    # People with a bare national title ("مدير الأمن العام") are the home side's only where the
    # text bears the reading out: it uses an unqualified ministry word, names the home party, or
    # the reading itself came from the text rather than the hint.
    reading.trusted = bool(reading.code) and (
        referred
        or reading.code != hint
        or _named(mentions, live, reading.code, officials)
        or _all_others_foreign(ctx, people, live, reading.code)
    )
    return reading


def _live(ctx: Context) -> tuple[list[int], list[int]]:
    """Indices of the mentions outside background sentences, and of those that are home words."""
    live = [n for n, m in enumerate(ctx.mentions) if not ctx.article.in_background(m.first)]
    return live, [n for n in live if ctx.mentions[n].entry.kind == "home"]


def _decide(ctx: Context, people: list[Person], officials: dict[int, str]) -> HomeReading:
    """The strongest cue of the module's list decides (see the docstring at the top)."""
    lex, mentions, hint = ctx.lex, ctx.mentions, ctx.home
    live, home_words = _live(ctx)
    for i in sorted(officials, key=lambda i: people[i].name_span):
        name, code = people[i].name, officials[i]
        return HomeReading(
            code, hint, f"the unqualified title is held by {name}, of {code}", people[i].name_span
        )
    other_side = bool(hint) and _named_as_other_side(ctx, live, home_words)
    if hint and not other_side and _named(mentions, live, hint, officials):
        return HomeReading(hint, hint, f"{hint} is named in the article", None)
    accredited = _accredited_to(ctx)
    if accredited:
        code, span = accredited
        return HomeReading(code, hint, f"a resident diplomat is accredited to {code}", span)
    own = [
        n
        for n in home_words
        if not _guest_marked(ctx, mentions[n].first)
        and not _object_of_reception(ctx, people, mentions[n].first)
    ]
    if own and qualified(mentions, own[0]) in lex.countries:
        code, m = qualified(mentions, own[0]), mentions[own[0]]
        return HomeReading(
            code, hint, f"the ministry is first named with {code}'s nisba", (m.first, m.last + 1)
        )
    agency = _agency(ctx)
    if agency and agency[2]:
        return HomeReading(agency[0], hint, f"{agency[0]}'s news agency files the article", agency[1])
    dateline = _dateline_country(ctx)
    if dateline and not _mentioned_beyond(mentions, live, dateline):
        dateline = None  # filed from a city whose country the story never involves
    if dateline and dateline[0] != hint:
        return HomeReading(dateline[0], hint, f"dateline in {dateline[0]}", dateline[1])
    if agency:
        return HomeReading(agency[0], hint, f"the article cites {agency[0]}'s news agency", agency[1])
    if other_side:
        return HomeReading(None, hint, f"{hint} is named as the other side", None)
    return HomeReading(hint, hint, "the installation's home party" if hint else "no home party", None)


def _officials(ctx: Context, people: list[Person]) -> dict[int, str]:
    """Known officials holding a title without a nisba ("وزير الداخلية", "مدير الأمن العام").

    Their country is the one an unqualified title means in this article. A title with a nisba
    ("وزير الداخلية المغربي فلان") says it already, and someone named without any title may be
    the guest, so neither counts here.
    """
    article, lex, mentions = ctx.article, ctx.lex, ctx.mentions
    found: dict[int, str] = {}
    for i, person in enumerate(people):
        position = person.position_span
        if position is None or article.in_background(person.name_span[0]):
            continue
        if cues.has(article.tokens[position[0]].text, lex.home.words["counterpart"]):
            continue  # "نظيره فلان" is the other side, whatever its country
        if any(
            m.entry.kind in ("nisba", "country") and position[0] <= m.first < position[1] for m in mentions
        ):
            continue
        minister = any(cues.has(article.tokens[k].text, lex.home.words["minister"]) for k in range(*position))
        code = official_country(person, lex, minister)
        if code is not None:
            found[i] = code
    return found


def _accredited_to(ctx: Context) -> tuple[str, tuple[int, int]] | None:
    """ "سفير فرنسا لدى الجزائر": a resident diplomat's country of accreditation is the local side."""
    article, mentions, words = ctx.article, ctx.mentions, ctx.words
    at = {m.first: n for n, m in enumerate(mentions)}
    diplomat = ctx.lex.home.words["diplomat"]
    for i, word in enumerate(words):
        if word not in diplomat and word[1:] not in diplomat:
            continue  # a plain set probe first: most words are no diplomat's title
        if not cues.has(word, diplomat) or article.in_background(i):
            continue
        for k in range(i + 1, min(i + 7, len(words) - 1)):
            if words[k] not in ctx.lex.home.words["accreditation"]:
                continue
            n = at.get(k + 1)
            if n is None:
                break
            m = mentions[n]
            if m.entry.kind in ("country", "city"):
                return m.entry.code, (i, m.last)
            if m.entry.kind == "home" and qualified(mentions, n):  # "لدى وزارة الداخلية الفلسطينية"
                return qualified(mentions, n), (i, mentions[n + 1].last)
            break
    return None


def _guest_marked(ctx: Context, index: int) -> bool:
    """A delegation or counterpart word shortly before token index: the visitor's side."""
    guest = ctx.lex.home.words["guest"]
    return any(cues.has(ctx.words[k], guest) for k in range(max(0, index - 4), index))


def _object_of_reception(ctx: Context, people: list[Person], index: int) -> bool:
    """ "استقبل مدير الأمن العام فلان وزير الداخلية العراقي": after a receiving or meeting verb
    the first party named is the subject; one named after it is the object, the visitor."""
    article, mentions, words = ctx.article, ctx.mentions, ctx.words
    sentence_start = article.sentence_tokens[article.tokens[index].sentence][0]
    verb = next(
        (
            k
            for k in range(index - 1, sentence_start - 1, -1)
            if cues.has(words[k], cues.RECEIVE_VERBS) or cues.has(words[k], cues.MEET)
        ),
        None,
    )
    if verb is None:
        return False
    between = range(verb + 1, index)
    named = any(p.name_span[0] in between for p in people)
    named = named or any(
        m.first in between and m.entry.kind in ("home", "country", "nisba", "org") for m in mentions
    )
    # The qualified ministry's own holder is named before it ("فلان وزير الداخلية العراقي"):
    # that name belongs to this mention, not to a subject before it.
    own_holder = any(
        p.position_span and p.position_span[0] <= index < p.position_span[1] and p.name_span[0] in between
        for p in people
    )
    return named and not own_holder


def _all_others_foreign(ctx: Context, people: list[Person], live: list[int], code: str) -> bool:
    """Every other country the text names is a guest's or a resident diplomat's."""
    lex, mentions, words = ctx.lex, ctx.mentions, ctx.words
    diplomat_spans = [
        p.position_span
        for p in people
        if p.position_span
        and any(cues.has(words[k], lex.home.words["diplomat"]) for k in range(*p.position_span))
    ]
    for n in live:
        m = mentions[n]
        if m.entry.kind not in ("country", "nisba", "city") or m.entry.code == code:
            continue
        if any(a <= m.first < b for a, b in diplomat_spans) or _guest_marked(ctx, m.first):
            continue
        # "سفير جمهورية كوريا لدى الدولة", "زيارته إلى ... بسلطنة عمان": a diplomat's or a destination.
        if any(
            cues.has(words[k], lex.home.words["diplomat"]) or words[k] in lex.home.words["abroad"]
            for k in range(max(0, m.first - 6), m.first)
        ):
            continue
        return False
    return True


def _agency(ctx: Context) -> tuple[str, tuple[int, int], bool] | None:
    """A national news agency in a dateline, in brackets, or named as the source; and whether it
    stands in the dateline ("أبوظبي - وام"), where it speaks for the article as a whole."""
    article, words = ctx.article, ctx.words
    for m in ctx.lex.home.agencies.find(words):
        short = m.last - m.first == 1 and len(words[m.first]) <= 5
        line = article.tokens[m.first].line
        before = article.gap(m.first - 1, m.first)
        in_dateline = line in article.dateline_lines or any(d in before for d in _DASHES + ("/",))
        framed = in_dateline or "(" in before or article.line_tokens[line][0] == m.first
        if short and not framed:
            continue  # "بنا", "وما", "وال" are everyday words outside a dateline
        return m.entry.code, (m.first, m.last), in_dateline
    return None


def _dateline_country(ctx: Context) -> tuple[str, tuple[int, int]] | None:
    """ "الرباط - ", "بغداد (رويترز)", "الغد برس/بغداد": a city beside a separator in the head."""
    article, mentions, words = ctx.article, ctx.mentions, ctx.words
    body_lines = [
        line
        for line, (a, b) in enumerate(article.line_tokens)
        if a != b and line not in article.title_lines and line not in article.dateline_lines
    ]
    first_body = body_lines[0] if body_lines else len(article.line_tokens)
    head_lines = {
        line
        for line, (a, b) in enumerate(article.line_tokens)
        if line < first_body and (line in article.dateline_lines or b - a <= 5)
    }
    starts = {article.line_tokens[first_body][0]} if body_lines else set()
    for m in mentions:
        if m.entry.kind != "city":
            continue
        line = article.tokens[m.first].line
        after = article.gap(m.last - 1, m.last) if m.last < len(words) else ""
        before = article.gap(m.first - 1, m.first) if m.first > 0 else ""
        if line in head_lines and any(d in after + before for d in _DASHES + ("/",)):
            return m.entry.code, (m.first, m.last)
        if m.first in starts and any(d in after for d in _DASHES):
            return m.entry.code, (m.first, m.last)
    return None


def _mentioned_beyond(mentions: list[Mention], live: list[int], found: tuple[str, tuple[int, int]]) -> bool:
    """The dateline's country is named again outside the dateline itself."""
    code, span = found
    return any(
        mentions[n].entry.code == code and mentions[n].first != span[0] and mentions[n].entry.kind != "home"
        for n in live
    )


def _named_as_other_side(ctx: Context, live: list[int], home_words: list[int]) -> bool:
    """ "نظيره السعودي", "الوفد السعودي", or "وزير الداخلية السعودي" after an unqualified one."""
    lex, mentions, words, hint = ctx.lex, ctx.mentions, ctx.words, ctx.home
    first_home = mentions[home_words[0]].first if home_words else None
    first_unqualified = first_home is not None and qualified(mentions, home_words[0]) is None
    for n in live:
        m = mentions[n]
        if m.entry.code != hint or m.entry.kind != "nisba":
            continue
        if m.first > 0 and cues.has(words[m.first - 1], lex.home.words["counterpart"]):
            return True
        previous = mentions[n - 1] if n > 0 else None
        if (
            first_unqualified
            and previous is not None
            and previous.entry.kind == "home"
            and m.first - previous.last <= 1
            and previous.first > first_home
        ):
            return True
    return False


def _named(mentions: list[Mention], live: list[int], hint: str, officials: dict[int, str]) -> bool:
    """The hint party is named as itself (name, capital, city), or one of its officials takes part."""
    if hint in officials.values():
        return True
    return any(mentions[n].entry.code == hint and mentions[n].entry.kind in ("country", "city") for n in live)


__all__ = ["HOME", "HomeReading", "official_country", "qualified", "read_home"]
