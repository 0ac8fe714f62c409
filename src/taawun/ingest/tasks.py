"""Background work of the ingestion pipeline (run by `taawun worker`)."""

from __future__ import annotations

from django_tasks import task

from taawun.ingest.feeds import feed_poll, poll_all
from taawun.ingest.models import FeedSubscription, ImportBatch
from taawun.ingest.services import import_batch_run


@task()
def import_batch(batch_id: int) -> dict:
    """Draft the files of an uploaded batch; the batch page shows the counts as they grow.

    Resumable: a task taken over from a worker that died (see taawun.core.leases) drafts only the
    files still waiting."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return {}
    try:
        batch = import_batch_run(batch)
    except Exception:
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.FAILED)
        raise
    return {"new": batch.new, "known": batch.known, "failed": batch.failed}


@task()
def poll_feeds() -> dict:
    """Poll every active feed subscription (a periodic job, every 15 minutes)."""
    return {str(pk): r.counts() for pk, r in poll_all().items()}


@task()
def poll_feed(feed_id: int) -> dict:
    """Poll one feed now (an officer's "Poll now"; the feed's page shows the result)."""
    feed = FeedSubscription.objects.filter(pk=feed_id).first()
    if feed is None:
        return {}
    result = feed_poll(feed)
    return {**result.counts(), "error": result.error}
