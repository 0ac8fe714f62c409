"""`taawun extract-eval`: the engine's proposal (the draft's stored record) against what the
officer accepted (the engagement), per field, all time and over the recent window."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from taawun.ingest import services
from taawun.ingest.evaluation import accepted_drafts, field_accuracy
from taawun.ingest.models import Draft
from tests.ingest.samples import VISIT, WORKSHOP


def _accept(text: str, officer, **changes) -> Draft:
    draft = services.ingest_text(text=text, home="SA", actor=officer).draft
    record = services.review_record(draft, officer)
    record.update(changes)
    services.draft_accept(draft=draft, record=record, actor=officer)
    draft.refresh_from_db()
    return draft


def _rows(days: int = 90) -> dict[str, list[str]]:
    out = StringIO()
    call_command("extract_eval", days=days, stdout=out)
    rows = {}
    for line in out.getvalue().splitlines():
        name, *cells = line.split("  ")
        rows[name.strip()] = [c.strip() for c in cells if c.strip()]
    return rows


def test_a_field_the_officer_corrected_counts_against_the_engine(db, officer) -> None:
    draft = _accept(VISIT, officer)
    assert draft.status == Draft.Status.ACCEPTED and draft.engagement is not None
    proposed_kind = draft.extracted["kind"]
    _accept(WORKSHOP, officer, kind="conference" if proposed_kind != "conference" else "meeting")

    result = field_accuracy(accepted_drafts())
    assert result.drafts == 2
    assert result.right["kind"] == 1  # the workshop's kind was corrected
    assert result.right["host"] == 2  # both hosts accepted as proposed

    rows = _rows()
    assert rows["kind"] == ["0.50 (1/2)", "0.50 (1/2)"]
    assert rows["host"] == ["1.00 (2/2)", "1.00 (2/2)"]
    assert rows["accepted drafts"] == ["2", "2"]


def test_the_recent_window_leaves_older_decisions_out(db, officer) -> None:
    old = _accept(VISIT, officer, host="")
    Draft.objects.filter(pk=old.pk).update(decided_at=timezone.now() - dt.timedelta(days=200))
    _accept(WORKSHOP, officer)

    rows = _rows(days=90)
    assert rows["accepted drafts"] == ["2", "1"]
    assert rows["host"] == ["0.50 (1/2)", "1.00 (1/1)"]


def test_no_accepted_draft_prints_dashes(db) -> None:
    rows = _rows()
    assert rows["kind"] == ["—", "—"] and rows["accepted drafts"] == ["0", "0"]


def test_it_answers_to_its_documented_name(db, capsys) -> None:
    from taawun.cli import main

    main(["extract-eval", "--days", "30"])
    assert "accepted drafts" in capsys.readouterr().out
