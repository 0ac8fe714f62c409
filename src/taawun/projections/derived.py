"""Every projection: data derived from the records and kept in step with them, listed in one place.

A projection is kept for speed (a million engagements are counted from tallies in a few index
look-ups, searched in one index) and is never the truth: each can be thrown away and rebuilt from
the records by its command. Each listens to the saves, deletions and link changes of its source
records through Django's signals, connected from one `ready()` (apps.py), so that every way a
record changes (the record pages, ingestion, the API, the demo data) reaches it without those
paths knowing it exists. Signals are used for projections and cache flushes and for nothing else
that decides anything (docs/ARCHITECTURE.md). Inside a service's `deferred()` block
(taawun.core.deferred) each projection does its work once, at the end, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from taawun.reports import commitments, figures, tallies
from taawun.search import signals as search_signals


@dataclass(frozen=True)
class Projection:
    name: str
    keeps: str  # the tables or cache it writes
    sources: tuple[str, ...]  # the records it is derived from (their saves, deletions and links)
    rebuild: str  # the command that rebuilds it from the records
    connect: Callable[[], None]


PROJECTIONS: tuple[Projection, ...] = (
    Projection(
        name="search index",
        keeps="search.SearchDocument (with SQLite's FTS5 table or PostgreSQL's tsvector index)",
        sources=(
            "registry.Engagement",
            "registry.Source",
            "registry.Person",
            "registry.Agency",
            "agreements.Understanding",
            "agreements.ActionItem",
            "knowledge.KnowledgeItem",
            "attachments.Attachment",
        ),
        rebuild="taawun reindex",
        connect=search_signals.connect,
    ),
    Projection(
        name="tallies and partner timelines",
        keeps="reports.EngagementTally, PartyTally, PairTally, EngagementFootprint, PartnerTimeline",
        sources=("registry.Engagement", "registry.Party", "registry.Domain"),
        rebuild="taawun tallies",
        connect=tallies.connect,
    ),
    Projection(
        name="partners' open commitments",
        keeps="reports.PartnerCommitment",
        sources=("agreements.ActionItem", "agreements.JointCommittee", "registry.Party"),
        rebuild="taawun tallies",
        connect=commitments.connect,
    ),
    Projection(
        name="dashboard figures",
        keeps="the shared cache (settings.CACHES), under a data version",
        sources=figures.SOURCES,
        rebuild="taawun tallies (moves the data version on)",
        connect=figures.connect,
    ),
)
