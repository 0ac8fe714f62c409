"""Where things are in the article: title, datelines and tweets, the lead, background sentences.

Press pages start with short lines (title, agency, "نشر في ..." dateline) and often end with an
embedded tweet; the lead (title plus the first sentences of the body) states the event, while
later sentences opening with "وكان" or carrying another date recall older events.
"""

from __future__ import annotations

from . import cues
from .gazetteer import Lexicon, tokens_of
from .text import Article

_LEAD_BODY_SENTENCES = 2
_MAX_HEAD_LINES = 6  # more "head" lines than this and no body: the page is hard-wrapped
_TWEET_MARKS = ("pic.twitter.com", "twitter.com/", "(@", "t.co/")
_WORDS = cues.module_words("structure")


def _has_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    head = phrase[0]
    if head not in words:  # C-speed membership test first: most sentences lack every marker
        return False
    return any(w == head and tuple(words[k : k + size]) == phrase for k, w in enumerate(words))


_FRAME_VERBS = _WORDS["frame_verbs"]
_FRAME_PREPS = _WORDS["frame_preps"]
_SAME_DAY = _WORDS["same_day"]  # "في وقت سابق اليوم / من اليوم" is earlier the same day


def _frames_main_event(words: list[str]) -> bool:
    """ "جاء ذلك خلال ..." / "يأتي ذلك في إطار ...": the sentence frames the event just reported."""
    return (
        len(words) > 2
        and words[0] in _FRAME_VERBS
        and words[1] in _WORDS["demonstratives"]
        and words[2] in _FRAME_PREPS
    )


def _background_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    if not _has_phrase(words, phrase):
        return False
    if phrase[-1] not in _WORDS["earlier"]:
        return True
    size = len(phrase)
    return any(
        tuple(words[k : k + size]) == phrase and (k + size >= len(words) or words[k + size] not in _SAME_DAY)
        for k in range(len(words))
    )


def _agency_dateline(words: list[str], raw: str, lex: Lexicon) -> bool:
    """ "أبوظبي - وام", "الخرطوم – صقر الجديان": a place then a news agency, filed-from not held-in.
    "واع/ بغداد/ ح . ز", "الغد برس/بغداد": an agency, a slash, then the city it filed from."""
    if len(words) > 5:
        return False
    if "/" in raw and not any(w[:1].isdigit() for w in words):
        # The slash separates the by-line's parts; a place standing as a whole part is filed-from.
        parts = [part.split() for part in raw.split("/")]
        if 2 <= len(parts) <= 4 and all(len(part) <= 3 for part in parts):
            return any(
                m.first == 0 and m.last == len(part) and m.entry.kind in ("city", "country")
                for part in parts[1:]
                for m in lex.index.find(tokens_of(" ".join(part)))
            )
    if not any(d in raw for d in (" - ", " – ", " — ", "-", "–")):
        return False
    found = lex.index.find(words[:3])
    return bool(found) and found[0].first == 0 and found[0].entry.kind in ("city", "country")


def mark(article: Article, lex: Lexicon) -> None:
    original_lines = article.norm.text.split("\n")
    words = [t.text for t in article.tokens]
    head_done = False
    body_sentences: list[int] = []
    filled = [n for n, (a, b) in enumerate(article.line_tokens) if a != b]
    last_line = filled[-1] if filled else -1
    for line, (first, last) in enumerate(article.line_tokens):
        if first == last:
            continue
        if line == last_line and not head_done and not body_sentences:
            head_done = True  # a one-paragraph text is all body
        line_words = words[first:last]
        raw = original_lines[line] if line < len(original_lines) else ""
        is_tweet = any(mark in raw for mark in _TWEET_MARKS)
        has_digit = any(w[:1].isdigit() for w in line_words)
        dateline = is_tweet or any(_has_phrase(line_words, p) for p in lex.phrases["dateline_markers"])
        short = len(line_words) <= 12
        if not head_done and _agency_dateline(line_words, raw, lex):
            article.dateline_lines.add(line)
            continue
        if (
            short
            and not head_done
            and ("|" in raw or has_digit and len(line_words) <= 8)
            or dateline
            and len(line_words) <= 30
        ):
            article.dateline_lines.add(line)
            continue
        # Head lines: a title, a photo caption ("الوزير فلان مع نظيره."), before the first paragraph.
        if not head_done and (
            len(line_words) <= 20
            and not raw.rstrip().endswith((".", ":"))
            or len(line_words) <= 14
            and ":" not in raw
        ):
            article.title_lines.add(line)
            continue
        if not head_done and short and raw.rstrip().endswith(":"):
            article.dateline_lines.add(line)  # "الجزيرة - محمد السنيد:" — a by-line
            continue
        head_done = True
        for token in article.tokens[first:last]:
            if not body_sentences or body_sentences[-1] != token.sentence:
                body_sentences.append(token.sentence)
    if len(article.title_lines) > _MAX_HEAD_LINES:
        # A hard-wrapped page: every line is short and none ends a sentence, so everything looked
        # like a head. The caller re-reads it unwrapped (see unwrap()).
        article.wrapped = True
        return
    for line in article.title_lines:
        first, last = article.line_tokens[line]
        article.lead_sentences.update(t.sentence for t in article.tokens[first:last])
    article.lead_sentences.update(body_sentences[:_LEAD_BODY_SENTENCES])
    dateline_sentences = {
        t.sentence
        for line in article.dateline_lines
        for t in article.tokens[slice(*article.line_tokens[line])]
    }
    article.lead_sentences -= dateline_sentences
    article.background_sentences |= dateline_sentences
    openers = lex.words["background_openers"]
    first_body = body_sentences[0] if body_sentences else -1
    title_sentences = {
        t.sentence for line in article.title_lines for t in article.tokens[slice(*article.line_tokens[line])]
    }
    for sentence, (first, last) in enumerate(article.sentence_tokens):
        if sentence == first_body or sentence in title_sentences or first == last:
            continue
        sentence_words = words[first:last]
        opens_with_date = sentence_words[0] in _WORDS["date_openers"] and any(
            w[:1].isdigit() for w in sentence_words[1:3]
        )
        if _frames_main_event(sentence_words):
            # "جاء ذلك خلال استقبال ...": the sentence names the occasion of the lead's event.
            if sentence in body_sentences[: _LEAD_BODY_SENTENCES + 1]:
                article.lead_sentences.add(sentence)
            continue
        if (
            sentence_words[0] in openers
            or opens_with_date
            or any(
                p[0] in present and _background_phrase(sentence_words, p)
                for present in (set(sentence_words),)
                for p in lex.phrases["background_phrases"]
            )
        ):
            article.background_sentences.add(sentence)
            article.lead_sentences.discard(sentence)


def unwrap(text: str) -> str:
    """A hard-wrapped page with its line breaks after the first turned into spaces (same length,
    so evidence offsets still point into the original)."""
    title, _, rest = text.partition("\n")
    if rest and rest.split("\n", 1)[0].strip():
        # No blank line after the first line: it is the first sentence's start, not a title.
        return text.replace("\n", " ")
    return title + "\n" + rest.replace("\n", " ") if rest else text
