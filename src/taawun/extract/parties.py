"""Parties, host, guests and location.

A party is a country or organisation the text names as an actor (name, nisba, agency,
organisation) outside background sentences and outside pure place phrases ("في العاصمة
التونسية" says where, not who). --home is always a party. The host comes from the event verbs:
travel (زار، وصل إلى، زيارة إلى) points at the destination; reception (استقبل، تستضيف) at the
receiver; otherwise the place, then --home.

The words are in data/ (words.json "parties", cues.json); the code spells out only Arabic
morphology: the article ال and the proclitics glued to a word (و and, ف so, ب in/at, ل to).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import cues
from .context import Context
from .gazetteer import HOME, ORGANISATIONS, Mention
from .home import HomeReading
from .people import Person

_PLACE_WORDS = cues.words("place_words")
_WORDS = cues.module_words("parties")
_AMMAN_OR_OMAN = cues.module_words("gazetteer")["amman_or_oman"]


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


@dataclass(frozen=True)
class _Scene:
    """What the host rules read: the article in context, the person named at each token (name or
    position), and the parties found so far (a travel host is added to them)."""

    ctx: Context
    person_at: dict[int, Person]
    actors: Actors


def resolve(code: str, home: str | None) -> str | None:
    return home if code == HOME else code


def _qualified_home(mentions: list[Mention], index: int) -> bool:
    """'وزارة الداخلية السعودية': a home term followed at once by a nisba is not home."""
    m = mentions[index]
    if index + 1 < len(mentions):
        nxt = mentions[index + 1]
        if nxt.first - m.last <= 1 and nxt.entry.kind in ("nisba", "country"):
            return True
    return False


def find_actors(ctx: Context, people: list[Person], reading: HomeReading) -> Actors:
    article, lex, mentions, words = ctx.article, ctx.lex, ctx.mentions, ctx.words
    home = reading.code
    actors = Actors(home=home)
    in_name: set[int] = set()
    for person in people:
        for first, last in person.spans:
            in_name.update(range(first, last))
    sideline_from = _sideline_start(ctx)
    oman = any(m.entry.code == "OM" for m in mentions)
    topics: set[int] = set()
    lead_parties = {
        resolve(m.entry.code, home)
        for m in mentions
        if article.in_lead(m.first) and m.entry.kind != "not_home"
    } - {None, ""}
    multilateral = cues.words("multilateral_words")
    bilateral = len(lead_parties) < 3 and not any(
        cues.has(t.text, multilateral) for i, t in enumerate(article.tokens) if article.in_lead(i)
    )
    for index, m in enumerate(mentions):
        if m.first in in_name or article.in_background(m.first):
            continue
        code = resolve(m.entry.code, home)
        if m.entry.kind == "home" and _qualified_home(mentions, index):
            continue
        previous = words[m.first - 1] if m.first > 0 else ""
        capital = (
            m.entry.kind == "country" and m.last < len(words) and words[m.last] in _WORDS["capital_after"]
        )
        if _inline_dateline(ctx, m):
            continue  # "المنامة - شارك ...": where the story was filed, not where the event was
        if capital and m.entry.code in lex.capitals:
            # "تونس العاصمة", "الكويت العاصمة": the capital city named after its country, a place.
            actors.places.append((code, lex.capitals[m.entry.code], (m.first, m.last + 1)))
            continue
        # "المؤتمر المنعقد في تونس": the convening participle's place is the venue.
        convened_in = (
            m.entry.kind == "country"
            and previous in _WORDS["in_preps"]
            and _convened_before(ctx, m.first - 1)
        )
        if m.entry.kind == "city" or previous in _PLACE_WORDS or convened_in or _city_then_nisba(ctx, index):
            amman = m.entry.kind == "city" and m.entry.name in _AMMAN_OR_OMAN
            if amman and oman and previous not in _WORDS["jordanian"]:
                code = "OM"
            city = m.entry.name if m.entry.kind == "city" else lex.capitals.get(m.entry.code)
            if m.entry.kind != "city" and (previous in _WORDS["city_nouns"] or convened_in):
                city = None  # "مدينة راولبندي الباكستانية": the city is unnamed in the gazetteer
            actors.places.append((code, city, (m.first, m.last)))
            continue
        if sideline_from is not None and m.first >= sideline_from and m.entry.kind == "org":
            continue
        if m.entry.kind == "org" and cues.has(previous, lex.words["instrument_words"]):
            continue  # "اتفاقية الأمم المتحدة لمكافحة الجريمة": an instrument's name, not an actor
        if bilateral and not article.in_lead(m.first) and m.entry.kind in ("country", "nisba"):
            continue  # a bilateral lead names its sides; countries only named later are context
        if _topic(ctx, index, topics):
            topics.add(index)
            continue  # "الأوضاع في ليبيا"، "الأزمة السورية": what was discussed, not who took part
        actors.add(code, (m.first, m.last))
    officials = reading.officials or {}
    for n, person in enumerate(people):
        # A person the text never ties to a party is the home side's only where the article
        # bears the home reading out (see HomeReading.trusted).
        fallback = home if reading.trusted else None
        person.party = person.party or officials.get(n) or _person_party(ctx, person, fallback)
        if person.party and not person.background and not person.head_of_state:
            actors.add(person.party, person.name_span)
    return actors


def _convened_before(ctx: Context, preposition: int) -> bool:
    """A verb or participle of convening, opening or closing before the venue's "في", over the
    time words between ("انطلقت اليوم في تونس أعمال ..."، "اختتمت أمس الخميس في الرباط ...")."""
    k = preposition - 1
    while k >= 0 and (ctx.words[k] in _WORDS["time_words"] or ctx.words[k] in ctx.lex.weekdays):
        k -= 1
    if k >= 0 and preposition - k <= 4 and cues.has(ctx.words[k], _WORDS["convened_in"]):
        return True
    # "عقدوا اجتماعهم (السنوي) الثالث في الجزائر": the numbered meeting's "في" names where it
    # was held (a defined adjective in ي, السنوي، الدوري، may come between).
    k = preposition - 1
    numbered = False
    while k >= 0 and (ctx.words[k] in cues.ORDINALS or ctx.words[k][:2] == "ال" and ctx.words[k][-1] == "ي"):
        numbered = numbered or ctx.words[k] in cues.ORDINALS
        k -= 1
    return numbered and k >= 0 and cues.has(ctx.words[k], cues.MEETING_NOUNS)


_DATELINE_MARKS = ("-", "–", "—", "/", ":")


def _inline_dateline(ctx: Context, m: Mention) -> bool:
    """A city or country opening a line and followed by a dash, slash or colon: the dateline
    the paragraph begins with ("الرباط - أجرى ..."، "بغداد/ استقبل ...")."""
    article = ctx.article
    if m.entry.kind not in ("city", "country") or m.last >= len(article.tokens):
        return False
    line = article.tokens[m.first].line
    if article.line_tokens[line][0] != m.first or article.tokens[m.last].line != line:
        return False
    gap = article.gap(m.last - 1, m.last).strip()
    return bool(gap) and gap[0] in _DATELINE_MARKS


def convening_organisation(ctx: Context, actors: Actors) -> tuple[str, tuple[int, int]] | None:
    """ "الدورة (66) للجنة الأمم المتحدة ..."، "مؤتمر الإنتربول": an organisation named right after
    the lead's session or conference noun convenes it (and hosts it, where no party's soil does)."""
    article, words = ctx.article, ctx.words
    for m in ctx.mentions:
        if m.entry.kind != "org" or m.entry.code not in actors.parties or not article.in_lead(m.first):
            continue
        before = range(max(0, m.first - 4), m.first)
        if any(cues.has(words[k], _CONVENED) for k in before):
            return m.entry.code, (m.first, m.last)
    return None


def _seat_place(scene: _Scene, seat: int) -> None:
    """ "بمقر الأمانة العامة في تونس": the country or city named just after the seat is the venue."""
    words = scene.ctx.words
    for m in scene.ctx.mentions:
        if seat < m.first <= seat + 8 and m.entry.kind in ("country", "city"):
            before = words[m.first - 1]
            # "في تونس" or the proclitic "ب" ("بتونس"), not the article's ب-less "ال".
            if (
                before in _WORDS["in_preps"]
                or words[m.first][:1] == "ب"
                and not words[m.first].startswith("ال")
            ):
                city = m.entry.name if m.entry.kind == "city" else None
                scene.actors.places.insert(0, (m.entry.code, city, (m.first, m.last)))
            return


def _main_clause_verb(ctx: Context) -> int | None:
    """Token index of the first event verb (receive, meet, travel, sign) of the first body sentence."""
    article, words = ctx.article, ctx.words
    sentence = None
    for i, token in enumerate(article.tokens):
        if sentence is None:
            if article.in_lead(i) and token.line not in article.title_lines:
                sentence = token.sentence
            else:
                continue
        if token.sentence != sentence:
            break
        word = words[i]
        if any(cues.has(word, cue) for cue in (cues.RECEIVE_VERBS, cues.MEET, cues.TRAVEL, cues.SIGN)):
            return i
    return None


def _place_abroad(scene: _Scene, verb: int, subject: str | None) -> tuple[str, tuple[int, int]] | None:
    """A place phrase after a meeting verb, in its sentence, in a country other than the subject's."""
    article = scene.ctx.article
    sentence = article.tokens[verb].sentence
    for code, _city, span in scene.actors.places:
        accredited = (
            span[0] > 0 and article.tokens[span[0] - 1].text in _WORDS["accredited_to"]
        )  # "سفير العراق لدى طهران"
        same = span[0] > verb and article.tokens[span[0]].sentence == sentence
        if same and not accredited and code and code != subject:
            return code, span
    return None


def _topic(ctx: Context, index: int, topics: set[int]) -> bool:
    """A country right after a topic noun ("الأزمة السورية", "الأوضاع في ليبيا", "ملف ليبيا"), or
    joined by و / أو to one that is ("سواء في ليبيا أو سوريا")."""
    words, mentions, topic_words = ctx.words, ctx.mentions, ctx.lex.words["topic_words"]
    m = mentions[index]
    if m.entry.kind not in ("country", "nisba"):
        return False
    # Up to three linking words between: "أزمات المنطقة سواء في ليبيا".
    for k in range(m.first - 1, max(-1, m.first - 5), -1):
        word = words[k]
        if word in topic_words or word[:1] in "وفلب" and word[1:] in topic_words:  # proclitics
            return True  # "لأزمات", "وملف": a preposition or conjunction may lead the noun
        if word not in _WORDS["topic_links"]:
            break
    # "أو سوريا", "و سوريا", or the conjunction glued on: "وسوريا".
    joined = m.first > 0 and words[m.first - 1] in _WORDS["or_and"] or words[m.first][:1] == "و"
    return joined and index - 1 in topics and m.first - mentions[index - 1].last <= 1


def _city_then_nisba(ctx: Context, index: int) -> bool:
    """ "مدينة راولبندي الباكستانية": an unknown city name qualified by a nisba."""
    m = ctx.mentions[index]
    return m.entry.kind == "nisba" and m.first >= 2 and ctx.words[m.first - 2] in _PLACE_WORDS


def _sideline_start(ctx: Context) -> int | None:
    """Token index of "على هامش" in the lead: the framing event after it is not a party. The
    sidelines of one's own visit ("على هامش زيارته") frame no other event."""
    article, words = ctx.article, ctx.words
    for i in range(len(words) - 1):
        sideline = words[i] in _WORDS["sideline_on"] and words[i + 1] in _WORDS["sideline_margin"]
        if sideline and article.in_lead(i):
            if i + 2 < len(words) and cues.has(words[i + 2], cues.TRAVEL):
                continue  # "على هامش الزيارة التي قام بها": the visit itself, not another event
            return i
    return None


def _person_party(ctx: Context, person: Person, home: str | None) -> str | None:
    """The party a person's position names, or a side named beside them, else `home`."""
    mentions, words = ctx.mentions, ctx.words
    spans = [person.position_span] if person.position_span else []
    found_home = False
    for first, last in spans:
        inside = [m for m in mentions if first <= m.first < last and m.entry.kind != "not_home"]
        for n, m in enumerate(inside):
            if m.entry.code == HOME:
                nxt = inside[n + 1] if n + 1 < len(inside) else None
                qualified = (
                    nxt is not None and nxt.first - m.last <= 1 and nxt.entry.kind in ("nisba", "country")
                )
                # The first body named is the person's own ("وزير الداخلية رئيس مجلس ... العرب"),
                # unless a nisba qualifies it ("وزير الداخلية الإيراني").
                if home and not qualified:
                    return home
                found_home = True
                continue
            return m.entry.code
    # "عن الجانب الباكستاني" just before or after the person and their position; "من لبنان" after.
    start = min([person.name_span[0]] + [s[0] for s in spans])
    end = max([person.name_span[1]] + [s[1] for s in spans])
    for m in mentions:
        side = m.entry.kind == "nisba" and any(
            w in _WORDS["side"] for w in words[max(0, m.first - 2) : m.first]
        )
        if side and (start - 4 <= m.first < start or end < m.first <= end + 3):
            return m.entry.code
        if m.entry.kind == "country" and m.first == end + 1 and words[end] in _WORDS["from"]:
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
    source: str | None = None  # how the host was found: seat, travel, reception, place
    remote: bool = False  # a call or video conference: nobody hosts


def _mention_after(mentions: list[Mention], start: int, stop: int) -> Mention | None:
    for m in mentions:
        if start <= m.first < stop:
            return m
    return None


def find_setting(ctx: Context, people: list[Person], actors: Actors) -> Setting:
    article, mentions, home, words = ctx.article, ctx.mentions, ctx.home, ctx.words
    person_at = {}
    for person in people:
        for first, last in person.spans + ([person.position_span] if person.position_span else []):
            for k in range(first, last):
                person_at[k] = person
    scene = _Scene(ctx, person_at, actors)
    sideline = _sideline_start(ctx) is not None
    host = host_span = None
    source = None
    receptions = 0
    lead = [i for i in range(len(words)) if article.in_lead(i)]
    body = [i for i in range(len(words)) if not article.in_background(i)]
    # 1. The seat of an organisation hosts ("في مقر الأمانة العامة لمجلس وزراء الداخلية العرب").
    for i in lead:
        if words[i] in _WORDS["seat_words"]:
            m = _mention_after(mentions, i + 1, i + 5)
            if m is None or m.entry.kind != "org":
                # "بمقر الأمانة العامة في تونس ... لمجلس وزراء الداخلية العرب": the secretariat
                # is the organisation's that the sentence names.
                secretariat = i + 2 < len(words) and " ".join(words[i + 1 : i + 3]) in _WORDS["secretariat"]
                sentence = article.tokens[i].sentence
                m = (
                    next(
                        (
                            x
                            for x in mentions
                            if x.entry.kind == "org" and article.tokens[x.first].sentence == sentence
                        ),
                        None,
                    )
                    if secretariat
                    else None
                )
            if m and m.entry.kind == "org" and m.entry.code in actors.parties:
                host, host_span, source = m.entry.code, (m.first, m.last), "seat"
                _seat_place(scene, i)
                break
    # 2. The main event clause: when the first body sentence opens on a receiving verb
    # ("استقبل وزير الداخلية ... السفير ..."), its subject received, whatever visits it recalls.
    main = _main_clause_verb(ctx)
    # "قامت الوزارة باستضافة وفد ...": a verbal noun after قام has its subject before it; leave it
    # to the reception rules below.
    if (
        host is None
        and main is not None
        and cues.has(words[main], cues.RECEIVE_VERBS)
        and words[main][:1] != "ب"
    ):
        subject = _subject_party(scene, main)
        if subject:
            host, host_span, source = subject, (main, main + 1), "reception"
    # 3. Travel in the lead, 4. a reception in the lead, 5. travel later in the body: who
    # travelled where. The destination (after إلى / ل) hosts; a traveller named without a
    # destination ("زيارة الوفد السوري") makes the other side the host.
    lead_set = set(lead)
    travel_cues = [i for i in body if cues.has(words[i], cues.TRAVEL)]
    travel = bool(travel_cues)
    found = _travel_host(scene, travel_cues, lead_set)
    if host is None and found:
        (host, host_span), source = found, "travel"
    for i in body:
        word = words[i]
        if cues.has(word, cues.RECEIVE_VERBS) or cues.has(word, cues.RECEIVE_NOUNS):
            receptions += 1
        if host or not article.in_lead(i) or article.tokens[i].line in article.title_lines:
            continue
        if cues.has(word, cues.RECEIVE_VERBS) or cues.has(word, cues.MEET):
            subject = _subject_party(scene, i)
            # "يعقد وزراء الداخلية بدول مجلس التعاون اجتماعهم بالرياض": an organisation's members
            # meeting receive nobody; the place they meet in decides.
            # "عقد وزراء داخلية دول الجوار ...": ministers (plural) of several states convening
            # are members meeting too, whatever nisba qualifies the states after them.
            members = i + 1 < len(words) and words[i + 1] in _WORDS["members"]
            convened = (subject in ORGANISATIONS or members) and not cues.has(word, cues.RECEIVE_VERBS)
            abroad = None if cues.has(word, cues.RECEIVE_VERBS) else _place_abroad(scene, i, subject)
            if abroad:
                # "بحث وزير الداخلية في العاصمة الأميركية ...": met there, so there is the host.
                host, host_span, source = abroad[0], abroad[1], "place"
            elif subject and not convened:
                host, host_span, source = subject, (i, i + 1), "reception"
        elif cues.has(word, cues.RECEIVE_NOUNS):
            receiver = _reception_noun_host(scene, i)
            if receiver:
                host, host_span, source = receiver, (i, i + 1), "reception"
    if host is None:
        found = _travel_host(scene, travel_cues, set(body))
        if found:
            (host, host_span), source = found, "travel"
    for i in body if host is None else ():
        # A reception reported later ("شكره ... على حفاوة استقبال الوفد السوري").
        if cues.has(words[i], cues.RECEIVE_NOUNS):
            receiver = _reception_noun_host(scene, i)
            if receiver:
                host, host_span, source = receiver, (i, i + 1), "reception"
                break
    if source == "travel" and host not in actors.parties:
        actors.add(host, host_span)
    # The place: the first city or capital phrase in the lead, else the host's country.
    country = city = place_span = None
    lead_places = [place for place in actors.places if article.in_lead(place[2][0])]
    if source == "travel":
        # "غادر القاهرة متوجها إلى روما": the destination's place, not the one left behind.
        lead_places = [p for p in lead_places if p[0] == host] or lead_places
    if lead_places:
        country, city, place_span = lead_places[0]
    if country is None and actors.places and not travel:
        code, name, span = actors.places[0]
        country, city, place_span = code, name, span
    if host is None and country and country in actors.parties:
        host, host_span, source = country, place_span, "place"
    if host is None and country is None:
        for i in lead:
            if words[i] in _WORDS["office_words"] and home:
                m = _mention_after(mentions, i + 1, i + 6)
                if m is None or m.entry.code == HOME:
                    host, host_span, source = home, (i, i + 1), "seat"
                    break
    lead_text = " ".join(words[i] for i in lead)
    remote = any(r in lead_text for r in _REMOTE)
    if remote and source == "reception" and host_span and cues.has(words[host_span[0]], cues.MEET):
        # "بحث الوزير هاتفيا مع نظيره ...": talks by telephone or video; the subject received nobody.
        host = host_span = source = None
    return Setting(host, host_span, country, city, place_span, travel, sideline, receptions, source, remote)


_DESTINATION_WORDS = cues.words("destination_words")
_TRAVEL_VERBS = cues.words("travel_verbs")
_PERSON_HEADS = cues.words("person_heads")
_DELEGATION = cues.words("delegation")
_CLAUSE_OPENERS = cues.words("clause_openers")
_REMOTE = cues.words("remote")
_NOT_A_PLACE = cues.words("not_a_place")
_VISIT_VERBS = cues.words("visit_verbs")
_MADE_THE_VISIT = cues.words("made_the_visit")
_CONVENED = cues.words("convened")
_RECEIVED_HEADS = cues.AMBASSADOR | cues.words("delegation")


def _code_at(ctx: Context, n: int) -> str | None:
    """The party a mention names; an unqualified home term followed by a nisba takes the nisba."""
    mentions, home = ctx.mentions, ctx.home
    m = mentions[n]
    if m.entry.kind == "home" and n + 1 < len(mentions):
        nxt = mentions[n + 1]
        if nxt.first - m.last <= 1 and nxt.entry.kind in ("nisba", "country"):
            return nxt.entry.code
    return resolve(m.entry.code, home)


def _party_after(scene: _Scene, start: int, stop: int) -> str | None:
    """The first party named from token start on: a person's party or a place/nisba/org."""
    by_first = {m.first: n for n, m in enumerate(scene.ctx.mentions)}
    for k in range(start + 1, stop):
        person = scene.person_at.get(k)
        if person is not None and person.party:
            return person.party
        if k in by_first:
            code = _code_at(scene.ctx, by_first[k])
            if code:
                return code
    return None


def _party_before(scene: _Scene, verb: int) -> str | None:
    """Subject before the verb, as headlines put it ("وفد أمني سوري يزور ..."), same sentence."""
    article, mentions, words = scene.ctx.article, scene.ctx.mentions, scene.ctx.words
    sentence_start = article.sentence_tokens[article.tokens[verb].sentence][0]
    if words[verb] not in _TRAVEL_VERBS or verb - sentence_start > 7:
        return None  # "يلتقي فلان ويزور ...": a conjoined verb shares the first verb's subject
    by_last = {m.last: n for n, m in enumerate(mentions)}
    for k in range(verb - 1, sentence_start - 1, -1):
        person = scene.person_at.get(k)
        if person is not None and person.party:
            return person.party
        if k + 1 in by_last:
            return _code_at(scene.ctx, by_last[k + 1])
    return None


def _reception_noun_host(scene: _Scene, i: int) -> str | None:
    """ "استقبال الوفد السوري" / "كان في استقبال فلان ...": the first party named is the one
    received, unless it is the home side ("استقبال وزير الداخلية ... وفدا من ...")."""
    home, stop = scene.ctx.home, min(len(scene.ctx.words), i + 8)
    first = _party_after(scene, i, stop)
    if first and first == home and _unqualified_home_after(scene, i, stop):
        return home
    if first:
        others = [p for p in scene.actors.parties if p != first]
        return home if home and home != first else (others[0] if len(others) == 1 else None)
    return None


def _unqualified_home_after(scene: _Scene, start: int, stop: int) -> bool:
    """Whether the first party named after start is named by an unqualified home word
    ("استقبال وزير الداخلية ..."), as against a nisba ("استقبال الوفد الليبي")."""
    mentions = scene.ctx.mentions
    for k in range(start + 1, stop):
        person = scene.person_at.get(k)
        if person is not None and person.party:
            span = person.position_span
            return bool(span) and any(
                m.entry.kind == "home" and span[0] <= m.first < span[1] for m in mentions
            )
        for n, m in enumerate(mentions):
            if m.first == k and m.entry.kind not in ("not_home",):
                nxt = mentions[n + 1] if n + 1 < len(mentions) else None
                qualified = (
                    nxt is not None and nxt.first - m.last <= 1 and nxt.entry.kind in ("nisba", "country")
                )
                return m.entry.kind == "home" and not qualified
    return False


def _travel_host(
    scene: _Scene, travel_cues: list[int], allowed: set[int]
) -> tuple[str, tuple[int, int]] | None:
    """Destination of the first travel cue in `allowed` that names one, else the traveller's counterpart.

    "وصل وزير الداخلية الإيراني إلى بغداد": the nisba before إلى is the traveller, the place after
    it the destination. "زار ... المملكة": without a preposition, a country or city name (not a
    nisba, which qualifies the visitor) is the destination. "غادر الرياض" names where one left.
    """
    article, mentions, home, words = scene.ctx.article, scene.ctx.mentions, scene.ctx.home, scene.ctx.words
    by_first = {m.first: n for n, m in enumerate(mentions)}
    for i in travel_cues:
        if i not in allowed:
            continue
        sentence_end = article.sentence_tokens[article.tokens[i].sentence][1]
        stop = min(sentence_end, i + 25)
        traveller = None
        marker = -1  # token index of the last "إلى"
        if cues.has(words[i], _TRAVEL_VERBS):
            traveller = _party_before(scene, i)  # "وفد سوري يزور"
        for k in range(i + 1, stop):
            word = words[k]
            if word in _CLAUSE_OPENERS:
                if word in _WORDS["relative_pronouns"] and k + 1 < stop and words[k + 1] in _MADE_THE_VISIT:
                    continue  # "الزيارة التي قام بها إلى ليبيا": the visit's own destination follows
                break  # "... حيث تم توجيه دعوة للطلاب في سوريا": another clause, another place
            if k not in by_first and word in _DESTINATION_WORDS:
                marker = k
                continue
            person = scene.person_at.get(k)
            if person is not None:
                if person.party and traveller is None and marker < 0:
                    traveller = person.party  # the subject of the travel verb
                continue
            if k not in by_first:
                if marker >= 0 and (k - marker > 6 or cues.has(word, _NOT_A_PLACE)):
                    marker = -1  # "تهدف إلى تعزيز ...", "إلى جانب": not a destination
                continue
            n = by_first[k]
            m, code = mentions[n], _code_at(scene.ctx, n)
            if not code:
                continue
            # "لمملكة إسبانيا", "للرياض" (to) and "بالمملكة", "بالوزارة" (at) name the destination:
            # the proclitics ل / ب, after و / ف or alone, but not the article ال.
            prefixed = word[:1] in "لب" and not word.startswith("ال") or word[:2] in ("ول", "فل", "وب")
            if marker >= 0 or prefixed and m.entry.kind in ("country", "city", "home", "org"):
                if code != traveller:
                    return code, (m.first, m.last)
                continue
            subject_word = k > 0 and cues.has(words[k - 1], _PERSON_HEADS)  # "وزير الداخلية" vs "وزارة"
            if (
                cues.has(words[i], _VISIT_VERBS)
                and m.entry.kind in ("country", "city", "home")
                and not subject_word
                and code != traveller
            ):
                return code, (m.first, m.last)  # "زار وزير الداخلية الأردني المملكة"
            delegation = m.entry.kind in ("nisba", "org", "agency") and words[k - 1] in _DELEGATION
            if traveller is None and k - i <= 4 and (m.entry.kind == "nisba" or delegation):
                traveller = code  # "زيارة الوفد الأمني السوري", "زيارة وفد الإنتربول"
        if traveller:
            others = [p for p in scene.actors.parties if p != traveller]
            receiver = home if home and home != traveller else (others[0] if len(others) == 1 else None)
            if receiver:
                return receiver, (i, i + 1)
    return None


def _subject_party(scene: _Scene, verb: int) -> str | None:
    """The party of whoever follows the verb (Arabic is verb-subject-object)."""
    mentions, home, words = scene.ctx.mentions, scene.ctx.home, scene.ctx.words
    for k in range(verb + 1, min(verb + 12, len(words))):
        if k > verb + 1 and cues.has(words[k], _RECEIVED_HEADS) and scene.person_at.get(k) is None:
            # "استقبل مدير الشرطة بمكتبه السفير الياباني": the received (an ambassador, a
            # delegation) is the object; the subject, whose party is unsaid, ended before it.
            return None
        person = scene.person_at.get(k)
        if person is not None and person.party:
            return person.party
        for m in mentions:
            open_ministry = m.first == k and m.entry.kind == "home" and home is None
            if open_ministry and not any(
                x.first in (m.last, m.last + 1) and x.entry.kind == "nisba" for x in mentions
            ):
                return None  # the subject is a ministry whose party the text leaves open
            if m.first == k and resolve(m.entry.code, home):
                if (
                    m.entry.kind == "home"
                    and k + 2 < len(words)
                    and any(x.first in (m.last, m.last + 1) and x.entry.kind == "nisba" for x in mentions)
                ):
                    continue  # "وزير الداخلية التونسي": the nisba that follows decides
                return resolve(m.entry.code, home)
    return None
