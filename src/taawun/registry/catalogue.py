"""The reference rows every installation starts with: all countries, the organisations, domains and forms.

Country codes come from ISO 3166-1 (pycountry); their Arabic and English names from the Unicode
CLDR data shipped with Babel, so nothing is fetched from the internet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

from taawun import vocabulary


@dataclass(frozen=True)
class PartyEntry:
    code: str
    kind: str  # "country" or "organisation"
    name_ar: str
    name_en: str


# Where CLDR's name is not the one the Arab ministries use.
NAME_OVERRIDES = {"PS": ("فلسطين", "Palestine")}


@cache
def countries() -> tuple[PartyEntry, ...]:
    arabic, english = Locale("ar").territories, Locale("en").territories
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        name_ar, name_en = NAME_OVERRIDES.get(
            code, (arabic.get(code, country.name), english.get(code, country.name))
        )
        entries.append(PartyEntry(code=code, kind="country", name_ar=name_ar, name_en=name_en))
    return tuple(entries)


@cache
def organisations() -> tuple[PartyEntry, ...]:
    return tuple(
        PartyEntry(term.key, "organisation", term.ar, term.en) for term in vocabulary.organisations()
    )


@cache
def country_codes() -> frozenset[str]:
    return frozenset(entry.code for entry in countries())


def sync(party_model, domain_model, form_model) -> None:
    """Create the missing reference rows; never overwrite names an administrator has edited."""
    for entry in countries() + organisations():
        party_model.objects.get_or_create(
            code=entry.code, defaults={"kind": entry.kind, "name_ar": entry.name_ar, "name_en": entry.name_en}
        )
    for term in vocabulary.domains():
        domain_model.objects.get_or_create(code=term.key, defaults={"name_ar": term.ar, "name_en": term.en})
    for term in vocabulary.forms():
        form_model.objects.get_or_create(code=term.key, defaults={"name_ar": term.ar, "name_en": term.en})
