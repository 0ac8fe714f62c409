"""The pipeline: text → article structure → gazetteer mentions → people → dates → parties and
setting → kind, domains, forms, follow-ups → Record with evidence."""

from __future__ import annotations

from datetime import date, timedelta

from . import cues
from . import dates as dates_mod
from .classify import classify_domains, classify_forms, classify_kind
from .confidence import Signals, grade
from .context import Context
from .followups import find_followups
from .gazetteer import ORGANISATIONS, lexicon
from .home import read_home
from .html import clean_text
from .normalize import normalize_arabic
from .parties import convening_organisation, find_actors, find_setting
from .people import find_people
from .record import PersonRecord, Record
from .structure import mark, unwrap
from .text import Article, build

_WORDS = cues.module_words("engine")
_HEADS_OF_STATE = tuple(sorted(_WORDS["heads_of_state"]))
_MINISTER = _WORDS["minister"]
_UNTIL = _WORDS["until"]
_BEGAN = _WORDS["began"]
_HOST_REASONS = {
    "seat": "the seat named in",
    "travel": "the destination or receiver of the travel in",
    "reception": "the subject of the receiving or meeting verb in",
    "place": "the place of the event in",
    "convener": "the organisation whose session or conference it is, in",
}


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def extract(text: str, *, published: date | str | None = None, home: str | None = None) -> Record:
    """Extract one cooperation-event record from an Arabic press text.

    `published` resolves relative dates ("أمس الأربعاء"); without it they stay null.
    `home` is the party an unqualified "وزارة الداخلية" / "الوزارة" / "المملكة" means.
    """
    lex = lexicon()
    published_date = _as_date(published)
    home = home.upper() if home else None
    article = build(clean_text(text))
    mark(article, lex)
    if article.wrapped:
        article = build(unwrap(article.norm.original))
        mark(article, lex)
    ctx = Context.of(article, lex, home)
    people = find_people(ctx)
    reading = read_home(ctx, people)
    ctx = ctx.settled(reading.settle(ctx.mentions, ctx.words, lex), reading.code)
    for person in people:
        person.background = article.in_background(person.name_span[0])
        person.head_of_state = _head_of_state(person.position)
    actors = find_actors(ctx, people, reading)
    setting = find_setting(ctx, people, actors)
    kind, kind_token = classify_kind(article, actors, setting, people)
    record = Record(kind=kind)
    record.reasons["home"] = reading.reason
    if reading.span:
        record.cite("home", article.span(*reading.span))
    if kind_token is not None:
        record.cite("kind", article.span(kind_token, kind_token + 1))
    chosen_date = _set_dates(record, ctx, published_date, kind)
    if kind == "conference" and setting.host is None:
        convener = convening_organisation(ctx, actors)
        if convener and setting.country not in actors.parties:
            setting.host, setting.host_span, setting.source = convener[0], convener[1], "convener"
    _set_place(record, article, actors, setting, kind)
    for person in people:
        if person.background:
            continue
        record.people.append(PersonRecord(person.name, person.rank, person.position, person.party))
        key = f"people:{len(record.people) - 1}"
        for span in person.spans:
            record.cite(key, article.span(*span))
        if person.position_span:
            record.cite(key, article.span(*person.position_span))
    for key, spans in classify_domains(article, lex).items():
        record.domains.append(key)
        for span in spans:
            record.cite(f"domains:{key}", span)
    for key, spans in classify_forms(ctx, kind, setting, people, record.host).items():
        record.forms.append(key)
        for span in spans:
            record.cite(f"forms:{key}", span)
    for n, (phrase, span) in enumerate(find_followups(article, lex)):
        record.follow_ups.append(phrase)
        record.cite(f"follow_ups:{n}", span)
    listed = [p for p in people if not p.background]
    signals = Signals(
        kind_cue=kind_token is not None,
        host_source=setting.source if record.host == setting.host else "home" if record.host else None,
        place_cue=setting.place_span is not None and article.in_lead(setting.place_span[0]),
        date_explicit=None if chosen_date is None else chosen_date.explicit,
        reading=reading,
        people_anchored=all(p.rank or p.position for p in listed),
        keyword_spans={key: len(spans) for key, spans in record.evidence.items()},
    )
    record.confidence = grade(record, signals)
    return record


def _head_of_state(position: str | None) -> bool:
    """A king's, crown prince's or president's position: such a person presides; they are listed
    among the people (a visitor meets them: "يلتقي الرئيس التونسي") but make no party by themselves."""
    position = normalize_arabic(position or "")
    return (
        any(position.startswith(h) for h in _HEADS_OF_STATE) and not any(w in position for w in _MINISTER)
    ) or (any(position.startswith(p + " ") for p in _WORDS["president"]) and len(position.split()) <= 2)


def _set_place(record: Record, article: Article, actors, setting, kind: str) -> None:
    record.parties = list(actors.parties)
    for code in record.parties:
        for span in actors.evidence.get(code, []):
            record.cite(f"parties:{code}", article.span(*span))
    host = setting.host
    if kind == "meeting" and setting.sideline:
        host = None
    elif kind == "statement" and setting.source not in ("travel", "reception"):
        host = None  # a statement's host is only whoever received a visitor it reports
    elif (
        host is None
        and actors.home in record.parties
        and not setting.remote
        and len(record.parties) >= 2
        and (
            kind == "meeting"
            and setting.country in (None, actors.home)
            or kind in ("conference", "workshop")
            and not setting.travel
            and not setting.country
        )
    ):
        # (A meeting held in a named place of another country, "المنعقد في مسقط", is not.)
        # A resident diplomat's call on the ministry, or a course/conference the ministry holds
        # with no other venue named: the publishing (home) side receives.
        host = actors.home
    record.host = host
    if host and host not in record.parties and host != actors.home:
        # The host takes part ("شارك ... في المؤتمر الذي عقد في روما": Italy received them). Not
        # the home hint, though: a seat the text leaves unnamed (بمكتبه) makes it no party.
        record.parties.append(host)
        if setting.host_span:
            record.cite(f"parties:{host}", article.span(*setting.host_span))
    if host and setting.host_span:
        record.cite("host", article.span(*setting.host_span))
        cue = article.original(*setting.host_span)
        record.reasons["host"] = f"host {host}: {_HOST_REASONS.get(setting.source or '', 'found')} '{cue}'"
    elif host:
        record.reasons["host"] = f"host {host}: the home side receives (no venue or visitor named)"
    record.guests = [p for p in record.parties if p != host] if host else []
    for code in record.guests:
        for span in actors.evidence.get(code, []):
            record.cite(f"guests:{code}", article.span(*span))
    if kind == "statement":
        return
    country, city = setting.country, setting.city
    if country is None and host and len(host) == 2 and host not in ORGANISATIONS:  # a country's code
        country = host
    record.country, record.city = country, city
    if setting.place_span:
        record.cite("location", article.span(*setting.place_span))


def _set_dates(
    record: Record, ctx: Context, published: date | None, kind: str
) -> dates_mod.DateMention | None:
    article, lex, words = ctx.article, ctx.lex, ctx.words
    found = dates_mod.find_dates(article, lex, published)
    lead = [d for d in found if article.in_lead(d.first) and not article.in_background(d.first)]
    chosen = None
    for d in lead:
        if d.start is None:
            continue
        # "اليوم الاثنين الموافق 6 أكتوبر 2025": a calendar date right after a relative one wins.
        if not d.explicit:
            nearby = [e for e in lead if e.explicit and e.start and 0 <= e.first - d.last <= 4]
            until = nearby and any(w in _UNTIL for w in words[d.last : nearby[0].first])
            if until and d.start <= nearby[0].start:
                # "غدا الاثنين وحتى 16 سبتمبر": the relative day starts what the date ends.
                d = dates_mod.DateMention(d.first, nearby[0].last, d.start, nearby[0].end, False)
            elif nearby:
                d = nearby[0]
        chosen = d
        break
    if chosen is None and kind == "statement":
        tweets = [d for d in found if d.start and article.tokens[d.first].line in article.dateline_lines]
        if tweets and article.tokens[tweets[-1].first].line > 0:
            chosen = tweets[-1]
    if chosen is None:
        return None
    start, end = chosen.start, chosen.end
    lead_sentences = {article.tokens[i].sentence for i in range(len(article.tokens)) if article.in_lead(i)}
    duration = dates_mod.duration_days(article, lex, lead_sentences)
    if start and end == start and not duration:
        # "... 28 سبتمبر ...، والتي تتواصل إلى يوم 29 سبتمبر": a later calendar date introduced by
        # an until word, in the same sentence, is the day the event runs to.
        sentence = article.tokens[chosen.first].sentence
        for e in lead:
            k = e.first - 1
            while k > chosen.last and words[k] in _WORDS["runs_until"]:
                k -= 1
            if (
                e.explicit
                and e.start
                and e.first > chosen.last
                and article.tokens[e.first].sentence == sentence
                and words[k] in _UNTIL
                and start < e.start <= start + timedelta(days=31)
            ):
                end = e.end or e.start
                break
    if start and end == start:
        began = any(w in _BEGAN for i, w in enumerate(words) if article.in_lead(i))
        if duration:
            end = start + timedelta(days=duration[0] - 1)
        elif began:
            end = None
    record.start = start.isoformat() if start else None
    record.end = end.isoformat() if end else None
    span = article.span(chosen.first, chosen.last)
    record.cite("start", span)
    record.cite("end", span)
    return chosen
