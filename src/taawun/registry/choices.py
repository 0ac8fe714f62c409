"""How the registry's records read in a picker (taawun.records.pickers): enough to tell two
records of the same name apart, within what the reader may see."""

from __future__ import annotations

from taawun.access.policy import can_view


def _seen(record, user) -> bool:
    return record is not None and can_view(user, record)


def party_choice(party, user) -> str:
    """Name and code: "Syria (SY)"."""
    return f"{party} ({party.pk})"


def person_choice(person, user) -> str:
    """Rank, name, position, agency, partner."""
    agency = person.agency.name_ar if person.agency_id and _seen(person.agency, user) else ""
    party = person.party_id if _seen(person.party, user) else ""
    parts = [person.get_rank_display() if person.rank else "", str(person), person.position, agency, party]
    return " · ".join(part for part in parts if part)


def agency_choice(agency, user) -> str:
    """Name, abbreviation, partner."""
    party = agency.party_id if _seen(agency.party, user) else ""
    return " · ".join(part for part in [str(agency), agency.abbreviation, party] if part)


def engagement_choice(engagement, user) -> str:
    """Title and when."""
    return " · ".join(part for part in [str(engagement), engagement.when()] if part)


def source_choice(source, user) -> str:
    """Title and publication date."""
    published = source.published_on.isoformat() if source.published_on else ""
    return " · ".join(part for part in [str(source), published] if part)
