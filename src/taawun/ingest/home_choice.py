"""The home party hint of one article, chosen per article, not per installation.

`home` tells the engine which party an unqualified "وزارة الداخلية" / "الوزارة" / "المملكة"
means. An office reads other countries' press too, so its own country is only the last resort;
strongest first (choose_home):

1. the feed's country, when the article came from a feed that has one;
2. the outlet's country: its site (data/outlets.json, "kuna.net.kw" → KW), else an agency named
   in the dateline or in brackets at the article's start ("الدوحة / قنا /", "(كونا)");
3. the country domain of the article's address (".kw", ".gov.jo", ...), Arab countries only;
4. the dateline's city or country ("الرباط - ", "أبوظبي في 5 مايو"), read with the engine's
   gazetteer;
5. the choice given at the upload or on the command line, else the installation's party.

The engine treats what is chosen as a hint, never as a fact; the draft keeps the code and why it
was chosen (Draft.home, home_source, home_detail), and the officer may change it on the review
screen. Pure Python over the engine's public gazetteer: no queries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.extract import normalize_arabic
from taawun.extract.gazetteer import lexicon, tokens_of

# The country domains of the Arab press (ISO code = the domain, upper-cased). Generic-looking
# domains of other countries (.tv, .me, .co, .io ...) say nothing of an outlet's country.
ARAB_DOMAINS = frozenset(
    [
        "sa",
        "kw",
        "qa",
        "ae",
        "bh",
        "om",
        "ye",
        "iq",
        "sy",
        "jo",
        "lb",
        "ps",
        "eg",
        "sd",
        "ly",
        "tn",
        "dz",
        "ma",
        "mr",
    ]
)
_LINES_READ = 3  # the headline, the dateline and the first line of the body
_HEAD_CHARS = 200  # how far into a line an agency's name in brackets is looked for
_DELIMITERS = r"[-–—:/()«»\[\]|]"


class HomeSource(models.TextChoices):
    """Why a draft's home party is what it is."""

    FEED = "feed", _("feed")
    OUTLET = "outlet", _("outlet")
    DOMAIN = "domain", _("country domain of the address")
    DATELINE = "dateline", _("dateline")
    CHOSEN = "chosen", _("chosen at upload")
    OFFICER = "officer", _("chosen by the officer")
    INSTALLATION = "installation", _("installation")


@dataclass(frozen=True)
class HomeChoice:
    code: str  # "" for none
    source: str  # a HomeSource value
    detail: str = ""  # the outlet's host or name, the domain, the dateline's place


@dataclass(frozen=True)
class Outlet:
    country: str | None
    kind: str
    hosts: tuple[str, ...]
    names: tuple[str, ...]


def _read_outlets() -> list[dict]:
    text = resources.files("taawun.ingest").joinpath("data/outlets.json").read_text(encoding="utf-8")
    return json.loads(text)["outlets"]


@cache
def outlets() -> tuple[Outlet, ...]:
    return tuple(
        Outlet(item["country"], item["kind"], tuple(item["hosts"]), tuple(item["names"]))
        for item in _read_outlets()
    )


@cache
def _hosts() -> dict[str, Outlet]:
    return {host: outlet for outlet in outlets() for host in outlet.hosts}


@cache
def _names() -> tuple[re.Pattern, dict[str, tuple[Outlet, str]]]:
    """One pattern for every outlet's name, delimited as a dateline or a bracket delimits it."""
    found = {normalize_arabic(name): (outlet, name) for outlet in outlets() for name in outlet.names}
    alternatives = "|".join(re.escape(name) for name in sorted(found, key=len, reverse=True))
    pattern = re.compile(rf"(?:^|{_DELIMITERS})\s*({alternatives})\s*(?:{_DELIMITERS}|$)")
    return pattern, found


def _host(url: str) -> str:
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host.removeprefix("www.")


def outlet_of_host(host: str) -> tuple[Outlet, str] | None:
    """The outlet a host belongs to (a subdomain belongs to its site), with the host listed."""
    table = _hosts()
    labels = host.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in table:
            return table[candidate], candidate
    return None


def _head_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:_LINES_READ]


def outlet_in_dateline(text: str) -> tuple[Outlet, str] | None:
    """An agency named in a dateline or in brackets at the article's start: (outlet, its name)."""
    pattern, found = _names()
    for line in _head_lines(text):
        match = pattern.search(normalize_arabic(line[:_HEAD_CHARS]))
        if match:
            return found[match.group(1)]
    return None


# A line opening with one to three words, then a separator, a date or "في" and a date:
# "الرباط - ", "القاهرة ـ " (a kashida for a dash), "ابوظبي:", "الدوحة / قنا /", "الرياض 15 رجب",
# "أبوظبي في 5 مايو".
_DATELINE = re.compile(r"^([^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s*(?:[-–—ـ:/(]|\d|في\s+\d)")
_CAPITAL_WORD = normalize_arabic("العاصمة")


def dateline_place(text: str) -> tuple[str, str] | None:
    """(country, place as written) of a dateline at the start of one of the first lines."""
    index = lexicon().index
    for line in _head_lines(text):
        match = _DATELINE.match(line)
        if not match:
            continue
        words = list(tokens_of(match.group(1)))
        mentions = index.find(words)
        if not mentions or mentions[0].first != 0 or mentions[0].entry.kind not in ("city", "country"):
            continue
        rest = words[mentions[0].last :]
        if rest and rest != [_CAPITAL_WORD]:
            continue
        return mentions[0].entry.code, match.group(1).strip()
    return None


def country_domain(host: str) -> str | None:
    top = host.rsplit(".", 1)[-1] if "." in host else ""
    return top.upper() if top in ARAB_DOMAINS else None


def installation_home() -> str:
    return (getattr(settings, "TAAWUN_HOME_PARTY", "") or "").strip().upper()


def choose_home(text: str, *, url: str = "", feed_home: str = "", chosen: str | None = None) -> HomeChoice:
    """The home party hint of this article and why (see the module's docstring).

    `chosen`: the upload's or the command line's choice (None: none made, "" : none wanted),
    used when the article itself does not show its country."""
    if feed_home:
        return HomeChoice(feed_home.upper(), HomeSource.FEED)
    host = _host(url) if url else ""
    found = outlet_of_host(host) if host else None
    if found is not None:
        outlet, listed = found
        if outlet.country is None:  # a pan-Arab or foreign outlet: its site says nothing
            host = ""
        else:
            return HomeChoice(outlet.country, HomeSource.OUTLET, listed)
    named = outlet_in_dateline(text)
    if named is not None and named[0].country:
        return HomeChoice(named[0].country, HomeSource.OUTLET, named[1])
    code = country_domain(host) if host else None
    if code:
        return HomeChoice(code, HomeSource.DOMAIN, host)
    place = dateline_place(text)
    if place is not None:
        return HomeChoice(place[0], HomeSource.DATELINE, place[1])
    if chosen is not None:
        return HomeChoice(chosen.strip().upper(), HomeSource.CHOSEN)
    return HomeChoice(installation_home(), HomeSource.INSTALLATION)


def describe(source: str, detail: str = "") -> str:
    """Why a draft's home is what it is, in the reader's language ("outlet: kuna.net.kw")."""
    if not source:
        return ""
    label = str(HomeSource(source).label) if source in HomeSource.values else source
    return f"{label}: {detail}" if detail else label
