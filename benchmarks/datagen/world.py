"""Who the office works with, and where: the partners' ranking, cities and language of names.

A cooperation office does not meet its ~250 possible partners evenly: the neighbours, a few
great powers and the regional organisations take most of the work, and most countries appear a
handful of times in twenty years. The generator draws partners from a Zipf-Mandelbrot law over
a ranking: the usual partners of a Gulf interior ministry first (HEAD, in order), then every
other party of the registry in an order shuffled by the seed.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

# The likely order of partners of a Gulf interior ministry, most frequent first. Parties that do
# not exist in the registry are skipped; the home party is never its own partner.
HEAD: tuple[str, ...] = (
    "AE", "KW", "BH", "QA", "OM", "EG", "JO", "US", "GB", "GCC", "FR", "INTERPOL", "AIMC",
    "IQ", "MA", "PK", "YE", "TR", "CN", "DE", "TN", "DZ", "LB", "IN", "IT", "SD", "ES", "KR",
    "MY", "ID", "RU", "LAS", "UN", "EU", "JP", "SY", "LY", "MR", "PS", "BD", "PH", "NL", "BE",
    "CH", "AT", "GR", "CA", "AU", "BR", "ZA", "NG", "KE", "ET", "SO", "DJ", "UZ", "KZ", "AZ",
)  # fmt: skip

# Zipf-Mandelbrot weight of the partner of rank r (from 1): 1 / (r + SHIFT) ** EXPONENT. With
# ~250 partners the first ten take about half of the engagements.
EXPONENT = 1.1
SHIFT = 1.0

ARAB_STATES = frozenset({
    "SA", "AE", "KW", "BH", "QA", "OM", "YE", "IQ", "SY", "JO", "LB", "PS", "EG", "SD", "LY", "TN",
    "DZ", "MA", "MR", "SO", "DJ", "KM",
})  # fmt: skip

# Where the office's delegations go: the capital (and for some, a second city), Arabic and English.
CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "SA": (("الرياض", "Riyadh"), ("جدة", "Jeddah"), ("الدمام", "Dammam")),
    "AE": (("أبوظبي", "Abu Dhabi"), ("دبي", "Dubai")),
    "KW": (("الكويت", "Kuwait City"),),
    "BH": (("المنامة", "Manama"),),
    "QA": (("الدوحة", "Doha"),),
    "OM": (("مسقط", "Muscat"),),
    "EG": (("القاهرة", "Cairo"), ("الإسكندرية", "Alexandria")),
    "JO": (("عمّان", "Amman"),),
    "US": (("واشنطن", "Washington"), ("نيويورك", "New York")),
    "GB": (("لندن", "London"),),
    "FR": (("باريس", "Paris"), ("ليون", "Lyon")),
    "IQ": (("بغداد", "Baghdad"), ("أربيل", "Erbil")),
    "MA": (("الرباط", "Rabat"), ("الدار البيضاء", "Casablanca")),
    "PK": (("إسلام آباد", "Islamabad"), ("لاهور", "Lahore")),
    "YE": (("عدن", "Aden"),),
    "TR": (("أنقرة", "Ankara"), ("إسطنبول", "Istanbul")),
    "CN": (("بكين", "Beijing"), ("شنغهاي", "Shanghai")),
    "DE": (("برلين", "Berlin"), ("فيسبادن", "Wiesbaden")),
    "TN": (("تونس", "Tunis"),),
    "DZ": (("الجزائر", "Algiers"),),
    "LB": (("بيروت", "Beirut"),),
    "IN": (("نيودلهي", "New Delhi"),),
    "IT": (("روما", "Rome"),),
    "SD": (("الخرطوم", "Khartoum"), ("بورتسودان", "Port Sudan")),
    "ES": (("مدريد", "Madrid"),),
    "KR": (("سيول", "Seoul"),),
    "MY": (("كوالالمبور", "Kuala Lumpur"),),
    "ID": (("جاكرتا", "Jakarta"),),
    "RU": (("موسكو", "Moscow"),),
    "JP": (("طوكيو", "Tokyo"),),
    "SY": (("دمشق", "Damascus"),),
    "LY": (("طرابلس", "Tripoli"),),
    "MR": (("نواكشوط", "Nouakchott"),),
    "PS": (("رام الله", "Ramallah"),),
    "BD": (("دكا", "Dhaka"),),
    "PH": (("مانيلا", "Manila"),),
    "NL": (("لاهاي", "The Hague"),),
    "BE": (("بروكسل", "Brussels"),),
    "CH": (("برن", "Bern"), ("جنيف", "Geneva")),
    "AT": (("فيينا", "Vienna"),),
    "GR": (("أثينا", "Athens"),),
    "CA": (("أوتاوا", "Ottawa"),),
    "AU": (("كانبرا", "Canberra"),),
    "BR": (("برازيليا", "Brasília"),),
    "ZA": (("بريتوريا", "Pretoria"),),
    "NG": (("أبوجا", "Abuja"),),
    "KE": (("نيروبي", "Nairobi"),),
    "ET": (("أديس أبابا", "Addis Ababa"),),
    "SO": (("مقديشو", "Mogadishu"),),
    "DJ": (("جيبوتي", "Djibouti"),),
    "UZ": (("طشقند", "Tashkent"),),
    "KZ": (("أستانا", "Astana"),),
    "AZ": (("باكو", "Baku"),),
}

# An organisation receives visitors at its seat (a country of CITIES).
SEATS: dict[str, str] = {
    "GCC": "SA",
    "INTERPOL": "FR",
    "AIMC": "TN",
    "LAS": "EG",
    "UN": "AT",
    "EU": "BE",
}


class Weighted:
    """Draw items with fixed weights in O(log n): bisect on the cumulative weights."""

    __slots__ = ("items", "cumulative", "total")

    def __init__(self, items: Sequence, weights: Sequence[float]):
        if not items:
            raise ValueError("nothing to draw from")
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def zipf_weights(count: int, exponent: float = EXPONENT, shift: float = SHIFT) -> list[float]:
    return [1.0 / (rank + shift) ** exponent for rank in range(1, count + 1)]


def ranked_partners(codes: Sequence[str], home: str, rng: random.Random) -> list[str]:
    """Every party but the home one, the usual partners first, the rest in a seeded order."""
    available = set(codes) - {home}
    head = [code for code in HEAD if code in available]
    tail = sorted(available - set(head))
    rng.shuffle(tail)
    return head + tail


def cities_of(code: str) -> tuple[tuple[str, str], ...]:
    """The cities of a country, or of an organisation's seat; empty where none is known."""
    return CITIES.get(SEATS.get(code, code), ())


def country_of(code: str, kinds: dict[str, str]) -> str | None:
    """The country where a party receives visitors: itself, or an organisation's seat."""
    if kinds.get(code) == "country":
        return code
    return SEATS.get(code)
