"""The audit trail: an append-only, hash-chained journal of who did what, when and from where.

Each entry's `entry_hash` is the SHA-256 of a canonical JSON serialization of its content and
the previous entry's hash (`prev_hash`), so editing, deleting or reordering entries after the
fact breaks the chain and `taawun audit verify` reports where. Entries are written only by
`taawun.audit.services.append` (never updated or deleted through the ORM: the model and its
queryset refuse), inside the caller's transaction, so an entry exists if and only if the change
it describes was committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditTrailImmutable(Exception):
    """An attempt to update or delete audit entries (or to insert one outside the chain)."""


class Action(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    VIEW = "view", _("View")
    EXPORT = "export", _("Export")
    LOGIN = "login", _("Log in")
    LOGIN_FAILED = "login_failed", _("Failed log in")
    LOGOUT = "logout", _("Log out")
    ACCESS_DENIED = "access_denied", _("Access denied")


class AuditEntryQuerySet(models.QuerySet):
    """Reads only: every bulk write path raises AuditTrailImmutable."""

    def _refuse(self, *args, **kwargs):
        raise AuditTrailImmutable(
            "Audit entries are append-only: they cannot be updated or deleted, "
            "and are written only through taawun.audit.services."
        )

    update = _refuse
    # The two private names below are Django's own ways into the table that the public ones do not
    # cover: a raw save (loaddata, a restore) updates through `_update`, a cascade deletes through
    # `_raw_delete`. The trail's append-only guarantee needs them shut too; this is the project's
    # one deliberate override of a private Django API (docs/ARCHITECTURE.md).
    _update = _refuse
    delete = _refuse
    _raw_delete = _refuse
    bulk_update = _refuse
    bulk_create = _refuse
    update_or_create = _refuse
    aupdate = _refuse
    adelete = _refuse
    abulk_update = _refuse
    abulk_create = _refuse
    aupdate_or_create = _refuse


def canonical_json(value) -> bytes:
    """One byte string per value: sorted keys, no whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def utc_iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("sequence"), primary_key=True)
    timestamp = models.DateTimeField(_("time (UTC)"), db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices, db_index=True)
    # The user's id and name as they were: a plain integer, not a foreign key, so deleting or
    # renaming a user never touches (and never breaks) the chain.
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    model_label = models.CharField(_("model"), max_length=100, blank=True, db_index=True)
    object_pk = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=500, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The highest classification of the records the entry names, when it was written (None: it
    # names no classified record, or it was written before entries carried one). Readers are also
    # held to the highest classification each record ever had (AuditedRecord), since a record's
    # level may rise after its entries were written.
    # NULL, not "": "no classification" is no value at all, and the hash covers the field only when set.
    classification = models.CharField(  # noqa: DJ001
        _("classification"), max_length=16, null=True, blank=True
    )
    prev_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)
    # HMAC-SHA256 of entry_hash under the audit key (taawun.audit.keys), which is kept outside the
    # database: whoever can rewrite rows cannot re-hash the chain and make it verify. Empty on
    # entries written before the key existed.
    mac = models.CharField(_("MAC"), max_length=64, blank=True, default="")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        # Related lookups, cascades and raw saves use the refusing queryset too, not a plain Manager.
        base_manager_name = "objects"
        # A raw save (loaddata of a restored trail, which skips save()) first asks whether the entry
        # exists: a missing one is inserted, an existing one would be updated, which the queryset
        # refuses. Without it Django would try the UPDATE first, refused even for a missing entry.
        select_on_save = True
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.model_label} {self.object_pk}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailImmutable(f"Audit entry #{self.seq} cannot be changed: the trail is append-only.")
        if not self.entry_hash or self.entry_hash != self.compute_hash():
            raise AuditTrailImmutable(
                "Audit entries are written only through taawun.audit.services.append (hash missing or wrong)."
            )
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailImmutable(f"Audit entry #{self.seq} cannot be deleted: the trail is append-only.")

    def content(self) -> dict:
        """What the hash covers: every field but the hash and the MAC (which covers the hash).

        The classification enters only when it is set, so entries written before it existed keep
        the hash they were written with."""
        content = {
            "seq": self.seq,
            "timestamp": utc_iso(self.timestamp),
            "action": self.action,
            "user_id": self.user_id,
            "username": self.username,
            "ip": self.ip,
            "path": self.path,
            "model_label": self.model_label,
            "object_pk": self.object_pk,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "note": self.note,
            "prev_hash": self.prev_hash,
        }
        if self.classification is not None:
            content["classification"] = self.classification
        return content

    def compute_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.content())).hexdigest()


class ChainHead(models.Model):
    """The single row (pk=1) that points at the last entry of the chain.

    Appending locks this row (SELECT ... FOR UPDATE on PostgreSQL), so concurrent writers take
    turns and never both extend the same entry (which would fork the chain). On SQLite the
    settings open every transaction with BEGIN IMMEDIATE, which already admits one writer at a
    time. It also lets `audit verify` notice entries removed from the end of the chain.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"audit chain head #{self.seq}"


class AuditedRecord(models.Model):
    """The highest classification each audited record ever had, by (model label, primary key).

    Kept by `taawun.audit.services.append_all` in the writer's transaction (from the record's current
    classification and the old and new values of its classification field), never from the
    entries at read time: the trail may hold millions of entries, and readers mask an entry with one
    indexed lookup here. A record lowered from secret to internal stays secret here: its earlier
    entries hold its secret-time values. Not part of the hash chain: it is derived data, rebuilt by
    migration audit/0003 from the entries and the records.
    """

    model_label = models.CharField(max_length=100)  # lower case, as Model._meta.label_lower
    object_pk = models.CharField(max_length=64)
    classification = models.CharField(max_length=16)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["model_label", "object_pk"], name="audit_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_pk}: {self.classification}"
