"""Dates: numeric, named-month (both Gregorian series, Maghrebi names, English), ranges, Hijri
(Umm al-Qura, via hijridate) and relative expressions resolved against the publication date.

The event's date is taken only from the lead (title and first sentences of the body), never
from datelines, embedded tweets or background sentences, because press releases routinely
recall older events ("signed on 7 September 2016") that must not become the event's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Hijri

from . import cues
from .gazetteer import Lexicon
from .text import Article

_WORDS = cues.module_words("dates")


# A figure with what press glues to it: "و12", "حتي15", "2025م", "1446ه", "3rd".
_NUM = re.compile(
    rf"^(?:{cues.one_of(_WORDS['number_prefixes'])})?(\d{{1,4}})"
    rf"(?:{cues.one_of(_WORDS['year_suffixes'] | _WORDS['ordinal_suffixes'])})?$"
)
_RANGE_LINK = _WORDS["range_links"]
_YEAR_WORDS = _WORDS["year_words"]
_COMING = _WORDS["coming"]
_PAST = _WORDS["past"]
_RELATIVE_YEAR = _WORDS["this_year"] | _COMING | _PAST


@dataclass
class DateMention:
    first: int
    last: int
    start: date | None
    end: date | None
    explicit: bool  # written as a calendar date rather than "yesterday"
    precision: str = "day"  # day | month


@dataclass(frozen=True)
class _Reader:
    """What the date rules read: the article, its words, the month and weekday tables, and the
    publication date relative expressions count from."""

    article: Article
    words: list[str]
    lex: Lexicon
    published: date | None


def _number(word: str) -> int | None:
    m = _NUM.match(word)
    return int(m.group(1)) if m else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _hijri(year: int, month: int, day: int) -> date | None:
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _month_at(words: list[str], i: int, table: dict[str, int]) -> tuple[int, int] | None:
    """(month, tokens used) for a one- or two-word month name at i."""
    if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in table:
        return table[f"{words[i]} {words[i + 1]}"], 2
    if i < len(words):
        # Proclitics (grammar, not vocabulary): "و" and, "ب" in ("بمايو").
        for word in (words[i], words[i][1:] if words[i][:1] in "وب" else ""):
            if word in table:
                return table[word], 1
    return None


def _year_after(words: list[str], i: int) -> tuple[int | None, int, str | None]:
    """A year (or الجاري / المقبل / الماضي) after a month name: (year, tokens used, relative word)."""
    j = i
    if j < len(words) and words[j] in _YEAR_WORDS:
        j += 1
    if j < len(words):
        value = _number(words[j])
        if value is not None and 1900 <= value <= 2100 or value is not None and 1300 <= value <= 1500:
            return value, j + 1 - i, None
        if words[j] in _RELATIVE_YEAR:
            return None, j + 1 - i, words[j]
    return None, 0, None


def _resolve_year(month: int, relative: str | None, published: date | None) -> int | None:
    if published is None:
        return None
    if relative in _COMING:
        return published.year + (1 if month < published.month else 0)
    if relative in _PAST:
        return published.year - (1 if month > published.month else 0)
    return published.year


def _numeric_at(reader: _Reader, i: int) -> date | None:
    """A day-month-year (or year-month-day) written in figures at token i, else None."""
    article, words = reader.article, reader.words
    if i + 2 >= len(words) or not (words[i][:1].isdigit() or words[i][-1:].isdigit()):
        return None  # most tokens are words: leave before parsing three of them
    day, second, third = _number(words[i]), _number(words[i + 1]), _number(words[i + 2])
    gaps = article.gap(i, i + 1).strip() + article.gap(i + 1, i + 2).strip()
    if day is None or second is None or third is None or gaps not in ("//", "--", "..", "\\\\"):
        return None
    if day > 1900:
        return _safe_date(day, second, third)
    if third > 1900:
        return _safe_date(third, second, day)
    if 1300 <= third <= 1500:
        return _hijri(third, second, day)
    return None


def find_dates(article: Article, lex: Lexicon, published: date | None) -> list[DateMention]:
    reader = _Reader(article, [t.text for t in article.tokens], lex, published)
    found: list[DateMention] = []
    i, n = 0, len(reader.words)
    while i < n:
        mention = _explicit_at(reader, i) or _relative_at(reader, i)
        if mention:
            found.append(mention)
            i = mention.last
        else:
            i += 1
    return found


def _explicit_at(reader: _Reader, i: int) -> DateMention | None:
    article, words, lex, published = reader.article, reader.words, reader.lex, reader.published
    day = _number(words[i])
    text = article.text
    # 27/3/2022, 27-10-2021, 21 / 1 / 2020م, 2022-03-27, 18-4-1432هـ (Hijri years read as Hijri)
    found = _numeric_at(reader, i)
    if found:
        return DateMention(i, i + 3, found, found, True)
    # "من 30-3 إلى 18-4-1432هـ": a range whose first end borrows the second's year
    if day is not None and i + 5 < len(words) and words[i + 2] in _RANGE_LINK:
        month = _number(words[i + 1])
        end = _numeric_at(reader, i + 3)
        if month and end and article.gap(i, i + 1).strip() in ("/", "-"):
            year = _number(words[i + 5]) or 0
            start = _hijri(year, month, day) if 1300 <= year <= 1500 else _safe_date(year, month, day)
            if start and start <= end:
                return DateMention(i, i + 6, start, end, True)
    # English month first: June 3, 2025
    month = _month_at(words, i, lex.months_gregorian) if "a" <= words[i][:1] <= "z" else None
    if month and i + 2 < len(words):
        d, y = _number(words[i + month[1]]), _number(words[i + month[1] + 1])
        if d and y and y > 1900:
            found = _safe_date(y, month[0], d)
            if found:
                return DateMention(i, i + month[1] + 2, found, found, True)
    if day is None or not 1 <= day <= 31:
        return None
    j = i + 1
    day_end = None
    # A range: "14 إلى 16", "28 و29", "8 الى12", "10-12"
    if j < len(words) and words[j] in _RANGE_LINK and j + 1 < len(words) and _number(words[j + 1]):
        day_end, j = _number(words[j + 1]), j + 2
    elif j < len(words) and words[j][:1] in "وا" and _number(words[j]) and not words[j].isdigit():
        # "28 و29", "8 الي12": the range link glued to the second figure (its first letter).
        day_end, j = _number(words[j]), j + 1
    elif (
        j < len(words)
        and words[j].isdigit()
        and text[article.tokens[i].end : article.tokens[j].start].strip() == "-"
    ):
        day_end, j = int(words[j]), j + 1
    if j < len(words) and words[j] in _WORDS["month_introducers"]:
        j += 1
    for table, hijri in ((lex.months_gregorian, False), (lex.months_hijri, True)):
        month = _month_at(words, j, table)
        if not month:
            continue
        k = j + month[1]
        # "أبريل/ نيسان": the second series repeats the month.
        alt = _month_at(words, k, table)
        if alt and alt[0] == month[0]:
            k += alt[1]
        year, used, relative = _year_after(words, k)
        k += used
        if hijri:
            if year is None or year > 1600:
                return DateMention(i, k, None, None, True)
            start = _hijri(year, month[0], day)
            end = _hijri(year, month[0], day_end) if day_end else start
            return DateMention(i, k, start, end, True)
        if year is None:
            year = _resolve_year(month[0], relative, published)
        if year is None or year < 1900:
            return DateMention(i, k, None, None, True)
        start = _safe_date(year, month[0], day)
        end = _safe_date(year, month[0], day_end) if day_end else start
        return DateMention(i, k, start, end, True)
    return None


def _weekday_at(words: list[str], i: int, lex: Lexicon) -> int | None:
    word = words[i]
    if word in lex.weekdays:
        return lex.weekdays[word]
    if word[:1] in "و" and word[1:] in lex.weekdays:  # the conjunction: "والخميس"
        return lex.weekdays[word[1:]]
    return None


def _relative_at(reader: _Reader, i: int) -> DateMention | None:
    words, lex, published = reader.words, reader.lex, reader.published
    word = words[i]
    offset: int | None = None
    last = i + 1
    if word in _WORDS["today"]:
        offset = 0
    elif word in _WORDS["yesterday"]:
        offset = -1
        if i > 0 and words[i - 1] in _WORDS["before_yesterday"]:
            offset = -2
    elif word in _WORDS["tomorrow"]:
        offset = 1
    weekday = None
    j = last
    if j < len(words) and words[j] in _WORDS["day_word"]:
        j += 1
    if j < len(words) and _weekday_at(words, j, lex) is not None:
        weekday, last = _weekday_at(words, j, lex), j + 1
    elif offset is None:
        if word in _WORDS["days_of"] and i + 1 < len(words) and _weekday_at(words, i + 1, lex) is not None:
            weekday, last = _weekday_at(words, i + 1, lex), i + 2
        elif _weekday_at(words, i, lex) is not None and i > 0 and words[i - 1] in _WORDS["times_of_day"]:
            weekday = _weekday_at(words, i, lex)
        else:
            return None
    direction = 0
    if last < len(words) and words[last] in _COMING:
        direction, last = 1, last + 1
    elif last < len(words) and words[last] in _PAST:
        direction, last = -1, last + 1
    if published is None:
        return DateMention(i, last, None, None, False)
    if offset is not None and (weekday is None or (published + timedelta(days=offset)).weekday() == weekday):
        found = published + timedelta(days=offset)
    elif weekday is not None:
        found = _nearest_weekday(
            published, weekday, direction if offset is None else (1 if offset > 0 else 0)
        )
    else:
        found = published + timedelta(days=offset or 0)
    return DateMention(i, last, found, found, False)


def _nearest_weekday(published: date, weekday: int, direction: int) -> date:
    if direction > 0:
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if direction < 0 and back == 0:
        back = 7
    return published - timedelta(days=back)


_DURATION_WORDS = _WORDS["duration_words"]
_DAY_UNITS = _WORDS["day_units"]
_TWO_DAYS = _WORDS["two_days"]
_ONE_DAY = _WORDS["one_day"]
_SINGLE = _WORDS["single"]


def duration_days(article: Article, lex: Lexicon, sentences: set[int]) -> tuple[int, tuple[int, int]] | None:
    """ "على مدى ثلاثة أيام" → 3, with its token range, if said in the given sentences."""
    words = [t.text for t in article.tokens]
    for i, word in enumerate(words):
        if word not in _DURATION_WORDS or article.tokens[i].sentence not in sentences:
            continue
        for j in range(i + 1, min(i + 4, len(words))):
            if words[j] in _TWO_DAYS:
                return 2, (i, j + 1)
            single = words[j] in _ONE_DAY and j + 1 < len(words) and words[j + 1] in _SINGLE
            if words[j] in _DAY_UNITS and j > i + 1:
                count = _number(words[j - 1]) or lex.number_words.get(words[j - 1])
                if count is None and single:
                    count = 1
                if count:
                    return int(count), (i, j + 1)
            if single:
                return 1, (i, j + 2)
    return None
