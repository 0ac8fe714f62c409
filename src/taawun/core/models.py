from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PeriodicRun(models.Model):
    """When a periodic job was last put on the task queue, shared by every worker process."""

    name = models.CharField(max_length=200, primary_key=True)
    last_enqueued_at = models.DateTimeField()

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class TaskLease(models.Model):
    """A running background task's lease: the worker running it renews `heartbeat_at` every few
    seconds; a task whose lease has expired (its worker was killed, or its machine lost) is put back
    in the queue for another worker (taawun.core.leases). django-tasks-db has no such thing."""

    task_id = models.UUIDField(primary_key=True)
    worker_id = models.CharField(max_length=64)
    heartbeat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.task_id} ({self.worker_id})"


class MergedAddress(models.Model):
    """A record merged into another (one person recorded twice): its old address leads to the
    record kept, for a reader who may see that one (taawun.core.merges)."""

    model_label = models.CharField(max_length=100)
    old_pk = models.CharField(max_length=64)
    survivor_pk = models.CharField(max_length=64)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model_label", "old_pk"], name="merged_address_once")]

    def __str__(self) -> str:
        return f"{self.model_label} {self.old_pk} -> {self.survivor_pk}"
