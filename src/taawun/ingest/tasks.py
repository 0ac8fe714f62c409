"""Background work of the ingestion pipeline (run by `taawun worker`)."""

from __future__ import annotations

from django_tasks import task

from taawun.ingest.models import ImportBatch


@task()
def import_batch(batch_id: int) -> dict:
    """Draft the files of an uploaded batch; the batch page shows the counts as they grow."""
    from taawun.ingest.services import import_batch_run

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
    from taawun.ingest.feeds import poll_all

    return {str(pk): {"new": r.new, "known": r.known, "failed": r.failed} for pk, r in poll_all().items()}
