from django.db import models
from django.utils.translation import gettext_lazy as _

from taawun.core.i18n import pick


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class BilingualTitled(models.Model):
    """A record titled in Arabic, in English or in both, and shown by the title in the reader's language.

    An understanding, an engagement, a training programme and a knowledge item are titled so."""

    title_ar = models.CharField(_("Arabic title"), max_length=500, blank=True)
    title_en = models.CharField(_("English title"), max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_ar, self.title_en)

    def untitled_errors(self) -> dict[str, str]:
        """For `clean()`: the error of a record with neither title, on the Arabic title's field."""
        if self.title_ar.strip() or self.title_en.strip():
            return {}
        return {"title_ar": _("Give a title in Arabic or in English.")}


class BilingualNamed(models.Model):
    """A record named in Arabic, in English or in both, and shown by the name in the reader's language.

    An agency, a person and a joint committee are named so (a person's names are shorter)."""

    name_ar = models.CharField(_("Arabic name"), max_length=300, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return pick(self.name_ar, self.name_en)

    def unnamed_errors(self) -> dict[str, str]:
        """For `clean()`: the error of a record with neither name, on the Arabic name's field."""
        if self.name_ar.strip() or self.name_en.strip():
            return {}
        return {"name_ar": _("Give the name in Arabic or in English.")}


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
