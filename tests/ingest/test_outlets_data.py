"""ingest/data/outlets.json, the outlets whose country is an article's home party hint: well formed,
each host and name once, each country one the engine's gazetteer knows."""

from __future__ import annotations

import re

from taawun.extract import normalize_arabic
from taawun.extract.gazetteer import lexicon
from taawun.ingest.home_choice import ARAB_DOMAINS, _read_outlets, outlets

KINDS = {"agency", "ministry", "press", "aggregator", "pan-arab"}
HOST = re.compile(r"^(?!www\.)[a-z0-9-]+(\.[a-z0-9-]+)+$")
ARABIC = re.compile(r"^[\u0600-\u06ff ]+$")


def test_every_outlet_is_well_formed():
    countries = set(lexicon().countries)
    problems = []
    for item in _read_outlets():
        if set(item) != {"kind", "country", "hosts", "names"}:
            problems.append(f"keys {sorted(item)}")
        if item["kind"] not in KINDS:
            problems.append(f"kind {item['kind']}")
        if (item["country"] is None) != (item["kind"] == "pan-arab"):
            problems.append(f"{item['hosts']}: a country, unless pan-Arab")
        if item["country"] is not None and item["country"] not in countries:
            problems.append(f"country {item['country']}")
        if not item["hosts"] and not item["names"]:
            problems.append("neither a host nor a name")
        problems += [f"host {host}" for host in item["hosts"] if not HOST.match(host)]
        problems += [f"name {name}" for name in item["names"] if not ARABIC.match(name)]
    assert problems == []


def test_each_host_and_name_belongs_to_one_outlet():
    hosts = [host for outlet in outlets() for host in outlet.hosts]
    names = [normalize_arabic(name) for outlet in outlets() for name in outlet.names]
    assert len(hosts) == len(set(hosts))
    assert len(names) == len(set(names))


def test_the_agencies_of_the_arab_countries_are_all_there():
    agencies = {outlet.country for outlet in outlets() if outlet.kind == "agency"}
    arab = {domain.upper() for domain in ARAB_DOMAINS}  # one agency for each
    assert arab <= agencies
