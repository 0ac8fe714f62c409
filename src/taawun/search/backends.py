"""The two full-text engines behind one call: match terms among candidate documents, rank them.

Both receive the same normalised, stemmed terms (taawun.search.text) and the candidates: the
documents that pass every filter and the reader's clearance (`Candidates`), so the engines only
decide which candidates match and in which order. Ranking weights titles over text
(SEARCH_TITLE_WEIGHT): bm25 on SQLite, ts_rank on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class Ranked:
    ids: list[int]  # SearchDocument ids, best first
    scores: dict[int, float]  # higher is better
    total: int
    # More documents match than the window ranks: `total` counts those in the window only.
    windowed: bool = False


@dataclass(frozen=True)
class Candidates:
    """The documents a search may return: `documents` pass the filters and the reader's levels on
    the index's own columns, and of those only the ones whose record still exists and is one the
    reader may see count: `records` holds, for each kind searched, the records the reader may see."""

    documents: QuerySet
    records: dict[str, QuerySet]

    def all(self) -> QuerySet:
        """The candidate documents, each checked for its record in the same query."""
        live = [
            Q(kind=kind) & Exists(records.filter(pk=OuterRef("object_id")))
            for kind, records in self.records.items()
        ]
        return self.documents.filter(reduce(or_, live))

    def keep_live(self, ids: list[int]) -> list[int]:
        """Those of these candidate documents whose records the reader may see, in their order: the
        records of each kind looked up by key, one query per kind."""
        rows = list(self.documents.filter(id__in=ids).values_list("id", "kind", "object_id"))
        keys: dict[str, list[int]] = {}
        for _, kind, object_id in rows:
            keys.setdefault(kind, []).append(object_id)
        seen = {
            (kind, pk)
            for kind, wanted in keys.items()
            for pk in self.records[kind].filter(pk__in=wanted).values_list("pk", flat=True)
        }
        alive = {doc_id for doc_id, kind, object_id in rows if (kind, object_id) in seen}
        return [doc_id for doc_id in ids if doc_id in alive]


def _title_weight() -> float:
    return float(getattr(settings, "SEARCH_TITLE_WEIGHT", 3.0))


def rank_window() -> int:
    """How many matching documents, newest first, are ranked at most. A word found in half of a
    million records would otherwise be ranked across all of them for every page of results; past
    the window the reader is told to narrow the search, and the newest matches are ranked.
    PostgreSQL finds the newest matches of a common word by walking the documents newest first: at
    a million engagements, 5,000 of them took 70-125 ms to find, 1,000 took 8-20 ms."""
    return int(getattr(settings, "SEARCH_RANK_WINDOW", 1000))


def _candidate_sql(candidates: QuerySet, outer_id: str) -> tuple[str, tuple]:
    """SQL that is true when the document `outer_id` (a column of the outer query) is a candidate.

    Correlated on purpose: the filters and the clearance checks then run for the matching
    documents only, not for the whole index."""
    correlated = candidates.filter(id=RawSQL(outer_id, ())).values("id")
    sql, params = correlated.query.sql_with_params()
    return f"EXISTS ({sql})", tuple(params)


class SQLiteEngine:
    """FTS5: `search_fts MATCH '"t1"* AND "t2"*'`, ranked by bm25 (lower is better there).

    The candidate matches are materialised first (FTS5 answers MATCH alone fast, but is slow when
    asked for many single rowids): FTS5 walks the matches newest first, each checked against the
    candidates (the filters and the reader's clearance), until the window holds `window` of them,
    so the window counts only matches the reader may see (issue 16, L4)."""

    @staticmethod
    def expression(terms: list[str], prefix: bool) -> str:
        star = "*" if prefix else ""
        return " AND ".join(f'"{term}"{star}' for term in terms)

    def rank(
        self, candidates: Candidates, terms: list[str], *, prefix: bool, limit: int, offset: int
    ) -> Ranked:
        match = self.expression(terms, prefix)
        allowed, allowed_params = _candidate_sql(candidates.all(), "search_fts.rowid")
        window = rank_window()
        # FTS5 walks the candidate matches newest first and stops at the window; bm25 is computed
        # for those only.
        candidate_matches = f"FROM search_fts WHERE search_fts MATCH %s AND {allowed} ORDER BY rowid DESC"
        matches = (
            "WITH m(id, score) AS MATERIALIZED (SELECT rowid, bm25(search_fts, %s, 1.0) "  # noqa: S608
            f"{candidate_matches} LIMIT %s) "
        )
        head = [_title_weight(), match, *allowed_params, window]
        with connection.cursor() as cursor:
            cursor.execute(f"{matches} SELECT count(*) FROM m", head)
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT 1 {candidate_matches} LIMIT 1 OFFSET %s",  # noqa: S608
                [match, *allowed_params, window],
            )
            windowed = cursor.fetchone() is not None
            rows = []
            if total > offset:
                cursor.execute(
                    f"{matches} SELECT m.id, m.score FROM m ORDER BY m.score, m.id DESC LIMIT %s OFFSET %s",
                    [*head, limit, offset],
                )
                rows = cursor.fetchall()
        return Ranked([row[0] for row in rows], {row[0]: -row[1] for row in rows}, total, windowed)


class PostgreSQLEngine:
    """tsvector @@ to_tsquery('simple', 't1:* & t2:*') on the GIN index, ranked by ts_rank with
    titles (weight A) above text (weight B). The ORM query carries the match, so the planner
    sees it with the filters."""

    # The newest documents looked at first, to learn how common the match is among them; and the
    # most documents worth walking, newest first, to fill the window rather than read every match
    # from the GIN index.
    SCOUT = 2000
    REACH = 50_000

    def newest(self, matching: QuerySet, wanted: int) -> list[int]:
        """The ids of the newest `wanted` matching documents.

        The planner chooses between walking the documents newest first, checking each, and
        reading every match from the GIN index, by its estimate of how many match. For words
        that mostly occur together (a phrase) it multiplies their frequencies, expects a few
        thousand matches among a million documents where there are sixty thousand, and reads
        them all (200 ms). So the newest SCOUT documents are walked first, and the rate found
        there decides: walk on if the window fills within REACH documents, else let the
        planner use the index (a rare match: few to read).
        """
        ordered = matching.order_by("-id").values_list("id", flat=True)
        everything = matching.model.objects.order_by("-id").values_list("id", flat=True)
        edge = next(iter(everything[self.SCOUT - 1 : self.SCOUT]), None)  # the SCOUT-th newest document
        if edge is None:  # fewer documents than the scout: any plan is quick
            return list(ordered[:wanted])
        found = _walked(ordered.filter(id__gte=edge)[:wanted])
        missing = wanted - len(found)
        if missing <= 0:
            return found
        older = ordered.filter(id__lt=edge)[:missing]
        if found and missing * self.SCOUT / len(found) <= self.REACH:
            return found + _walked(older)
        return found + list(older)

    def newest_live(self, candidates: Candidates, matching: QuerySet, wanted: int) -> list[int]:
        """The ids of the newest `wanted` matching documents whose records the reader may see.

        The index's own classification is checked in `matching` already, so one round is the rule;
        documents of records raised above the reader's clearance since they were indexed (or
        deleted) do not take a place in the window: more are looked for past them (issue 16, L4)."""
        live: list[int] = []
        while True:
            missing = wanted - len(live)
            newest = self.newest(matching, missing)
            live += candidates.keep_live(newest)
            if len(newest) < missing or len(live) >= wanted:
                return live
            matching = matching.filter(id__lt=newest[-1])

    @staticmethod
    def expression(terms: list[str], prefix: bool) -> str:
        star = ":*" if prefix else ""
        return " & ".join(f"{term}{star}" for term in terms)

    def rank(
        self, candidates: Candidates, terms: list[str], *, prefix: bool, limit: int, offset: int
    ) -> Ranked:
        query = self.expression(terms, prefix)
        tsquery = "to_tsquery('simple'::regconfig, %s)"
        matching = candidates.documents.filter(
            RawSQL(f"search_searchdocument.search_vector @@ {tsquery}", (query,), output_field=BooleanField())
        )
        window = rank_window()
        # The newest matches up to the window (ids grow with time), as on SQLite; one more tells
        # whether there were more. Found on the index's own columns first, then their records
        # looked up by key: checked in the same query, PostgreSQL hashed every record of some
        # kinds the reader may see (40 ms at a million). Fetched as lists, not used as subqueries:
        # the match's raw SQL names the table, which inside a subquery would be the outer row.
        newest = self.newest_live(candidates, matching, window + 1)
        windowed = len(newest) > window
        newest = newest[:window]
        total = len(newest)
        matching = matching.model.objects.filter(id__in=newest)
        rows = []
        if total > offset:
            # ts_rank weights are {D, C, B, A}: text is B, titles A.
            weights = f"{{0.1, 0.1, {1.0 / _title_weight():.6f}, 1.0}}"
            score = RawSQL(
                f"ts_rank(%s::float4[], search_searchdocument.search_vector, {tsquery})",
                (weights, query),
                output_field=FloatField(),
            )
            ranked = matching.annotate(score=score).order_by("-score", "-id")[offset : offset + limit]
            rows = list(ranked.values_list("id", "score"))
        return Ranked([row[0] for row in rows], {row[0]: float(row[1]) for row in rows}, total, windowed)


def _walked(ids: QuerySet) -> list[int]:
    """The query's results, planned without bitmaps of the GIN index: by walking the primary key."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")  # undone by a rollback to the savepoint
        found = list(ids)
        cursor.execute("SET LOCAL enable_bitmapscan = on")
    return found


def engine():
    vendor = connection.vendor
    if vendor == "sqlite":
        return SQLiteEngine()
    if vendor == "postgresql":
        return PostgreSQLEngine()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
