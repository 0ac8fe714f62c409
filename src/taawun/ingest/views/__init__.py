"""Pages of the ingestion pipeline, one module per job: the review queue and import batches
(queue), upload or paste (upload), the review desk and its decisions (review, desk), merging two
records (merge) and feed subscriptions (feeds). The desk's record pickers ask the record types'
own choices addresses (taawun.records.pickers).

Officers and administrators only (others get 403, see guards); a draft above the reader's
clearance does not exist for them (404). Only ingest/urls.py imports these modules."""

from taawun.ingest.views import feeds, merge, queue, review, upload

__all__ = ["feeds", "merge", "queue", "review", "upload"]
