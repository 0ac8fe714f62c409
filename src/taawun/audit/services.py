"""Writing the audit trail.

`append` is the only way an entry is written. It must run inside the transaction of the change it
records (it opens a savepoint-free atomic block that joins the caller's), so the entry commits or
rolls back with the change.

Serializing appends. Every entry names its predecessor's hash, so two writers that both read
the same chain head and each append would fork the chain. Appends therefore lock the single
`ChainHead` row first:

* PostgreSQL: `SELECT ... FOR UPDATE` on the head row. A second writer blocks until the first
  commits or rolls back, then (READ COMMITTED re-reads a locked row's newest version) sees the
  new head. Locking "the latest entry" instead would not work: after the wait PostgreSQL
  re-checks the row it already picked and does not re-run ORDER BY ... LIMIT 1, so both
  writers could extend the same entry. The lock is held until commit, so callers append last,
  after their own writes.
* SQLite: `select_for_update` is a no-op, but the settings open every transaction with
  `BEGIN IMMEDIATE`, which takes the database write lock at the start: only one writer exists
  at a time, so reading and moving the head cannot interleave.

As a last line of defence `prev_hash` is unique, so a fork fails with an IntegrityError (and
rolls the change back) instead of being stored.
"""

from __future__ import annotations

import datetime as dt
import decimal
import ipaddress
import uuid
from collections.abc import Iterable

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from taawun.access.policy import Classification, is_sensitive
from taawun.audit import refusals
from taawun.audit.classification import About, Classifier, highest
from taawun.audit.keys import entry_mac
from taawun.audit.models import GENESIS_HASH, Action, AuditedRecord, AuditEntry, ChainHead

REDACTED = "[redacted]"
# Never copied into the trail, whatever the model: only "changed" is recorded.
REDACTED_FIELDS = frozenset({"password"})


# --- who and from where -----------------------------------------------------------------------


def _networks(entries: Iterable[str]) -> list:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            continue
    return networks


def _address(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not value:
        return None
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For when REMOTE_ADDR is a trusted proxy.

    TAAWUN_TRUSTED_PROXIES lists proxy addresses or networks ("10.0.0.5", "10.0.0.0/24").
    X-Forwarded-For is read from the right: the first address that is not a trusted proxy is the
    client (anything left of it could have been written by the client itself).
    """
    if request is None:
        return ""
    remote = _address(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return ""
    trusted = _networks(getattr(settings, "TAAWUN_TRUSTED_PROXIES", []) or [])

    def is_trusted(address) -> bool:
        return any(address in network for network in trusted if network.version == address.version)

    if not trusted or not is_trusted(remote):
        return str(remote)
    client = remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage in the header: stop at the last address we can vouch for
        client = address
        if not is_trusted(address):
            break
    return str(client)


def _actor(actor) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, actor.get_username()[:150]


# --- writing ----------------------------------------------------------------------------------


def _lock_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).order_by().first()
    if head is None:
        # Normally created by migration audit/0002; recreated (from the last entry) only if the
        # row was removed, e.g. by a test-database flush.
        last = AuditEntry.objects.order_by("-seq").first()
        ChainHead.objects.get_or_create(
            pk=1,
            defaults={"seq": last.seq if last else 0, "last_hash": last.entry_hash if last else GENESIS_HASH},
        )
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def append(*, action: str, **fields) -> AuditEntry:
    """Write one entry at the end of the chain, in the caller's transaction.

    `fields`: actor, request, username, record, model_label, object_pk, object_repr, changes,
    note (see `_entry`)."""
    return append_all([{"action": action, **fields}])[0]


def append_all(entries: list[dict]) -> list[AuditEntry]:
    """Write several entries (each given as `append`'s keyword arguments) at the end of the chain,
    in order, in the caller's transaction.

    The chain head is locked and moved once for all of them, which is what makes this cheaper than
    calling `append` for each: a service that creates several records writes their entries together.

    Each entry is classified from the records it names (taawun.audit.classification), and the
    highest level each record ever had is raised in AuditedRecord in the same transaction, while
    the chain head's lock keeps every other writer out.
    """
    unknown = [entry["action"] for entry in entries if entry["action"] not in Action.values]
    if unknown:
        raise ValueError(f"Unknown audit action {unknown[0]!r}")
    if not entries:
        return []
    written = []
    with transaction.atomic(savepoint=False):
        head = _lock_head()
        classifier = Classifier(django_apps, AuditedRecord)
        levels = classifier.classify([_about(**fields) for fields in entries])
        seq, last_hash = head.seq, head.last_hash
        for fields, level in zip(entries, levels, strict=True):
            entry = _entry(**fields, seq=seq + 1, prev_hash=last_hash, level=level)
            seq, last_hash = entry.seq, entry.entry_hash
            written.append(entry)
        classifier.save()
        if len(written) == 1:
            written[0].save(force_insert=True)
        else:
            # One INSERT for all of them. AuditEntry's own queryset refuses bulk writes so that nothing
            # but this module can add rows; this module chained and hashed each entry just above.
            models.QuerySet(model=AuditEntry).bulk_create(written)
        ChainHead.objects.filter(pk=1).update(seq=seq, last_hash=last_hash)
    return written


def _subject(record, model_label: str, object_pk) -> tuple[str, str]:
    if record is not None:
        model_label = model_label or record._meta.label_lower
        object_pk = object_pk or ("" if record.pk is None else str(record.pk))
    return model_label[:100], str(object_pk)[:64]


def _about(
    *,
    record: models.Model | None = None,
    model_label: str = "",
    object_pk: str = "",
    changes: dict | None = None,
    classification: str | None = None,
    **_fields,
) -> About:
    label, pk = _subject(record, model_label, object_pk)
    return About(label=label, pk=pk, record=record, changes=changes or {}, floor=classification)


def _entry(
    *,
    seq: int,
    prev_hash: str,
    level: str | None,
    action: str,
    actor=None,
    request=None,
    username: str | None = None,
    record: models.Model | None = None,
    model_label: str = "",
    object_pk: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    note: str = "",
    classification: str | None = None,
) -> AuditEntry:
    """The entry, hashed and MACed, ready to insert as number `seq` after the entry hashed
    `prev_hash`, classified `level` (the writer's `classification` is only a floor of it)."""
    user_id, actor_name = _actor(actor)
    model_label, object_pk = _subject(record, model_label, object_pk)
    if record is not None:
        object_repr = object_repr or _repr(record)
    entry = AuditEntry(
        seq=seq,
        timestamp=timezone.now().astimezone(dt.UTC),
        action=action,
        user_id=user_id,
        username=(actor_name or (username or ""))[:150],
        ip=client_ip(request),
        path=request.path[:500] if request is not None else "",
        model_label=model_label,
        object_pk=object_pk,
        object_repr=object_repr[:500],
        changes=changes or {},
        note=(note or "")[:500],
        classification=level,
        prev_hash=prev_hash,
    )
    entry.entry_hash = entry.compute_hash()
    entry.mac = entry_mac(entry.entry_hash)
    return entry


def _repr(record: models.Model) -> str:
    try:
        return str(record)[:500]
    except Exception:  # a broken __str__ must not stop the audit
        return f"{record._meta.label_lower} {record.pk}"


# --- what changed -----------------------------------------------------------------------------


def jsonable(value):
    """A JSON value that reads back identical from SQLite and PostgreSQL (no floats)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value.total_seconds())
    if isinstance(value, float | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(item) for item in value]
        return items if isinstance(value, list | tuple) else sorted(items, key=str)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or None
    return str(value)


def _audited_fields(model: type[models.Model]):
    for field in model._meta.concrete_fields:
        if field.auto_created or isinstance(
            field, models.AutoField | models.BigAutoField | models.SmallAutoField
        ):
            continue  # a generated pk is the entry's object id
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue  # the entry's own time says when
        yield field
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:  # explicit "through" rows are audited as records
            yield field


def snapshot(record: models.Model) -> dict:
    """Field name -> value (foreign keys by id, many-to-many as sorted id lists).

    Internal: secrets are only removed by `diff`, so never store a snapshot as it is.
    """
    values = {}
    for field in _audited_fields(type(record)):
        if field.many_to_many:
            if record.pk is None:
                value = []
            else:
                value = sorted(
                    (jsonable(pk) for pk in getattr(record, field.name).values_list("pk", flat=True)),
                    key=lambda pk: (str(type(pk)), pk),
                )
        else:
            value = jsonable(field.value_from_object(record))
        values[field.name] = value
    return values


def diff(old: dict | None, new: dict | None) -> dict:
    """{field: {"old": ..., "new": ...}} for every field whose value differs (secrets redacted)."""
    old, new = old or {}, new or {}
    changes = {}
    for name in {**old, **new}:
        before, after = old.get(name), new.get(name)
        if before != after:
            changes[name] = {"old": before, "new": after}
    for name in REDACTED_FIELDS & set(changes):
        changes[name] = {"old": REDACTED, "new": REDACTED}
    return changes


def _fresh(model: type[models.Model], pk, *, lock: bool) -> models.Model | None:
    manager = model._base_manager
    queryset = manager.select_for_update() if lock else manager.all()
    return queryset.filter(pk=pk).first()


def stored_snapshot(model: type[models.Model], pk, *, lock: bool = False) -> tuple[dict, str] | None:
    """(snapshot, repr) of the row as stored now, locked for the transaction when asked."""
    record = _fresh(model, pk, lock=lock)
    return (snapshot(record), _repr(record)) if record is not None else None


# --- views and refusals (called by other apps) ------------------------------------------------


def audit_view(*, record: models.Model, actor, request=None, note: str = "") -> AuditEntry:
    """Record that `actor` looked at a sensitive record."""
    with transaction.atomic():
        return append(action=Action.VIEW, actor=actor, request=request, record=record, note=note)


def audit_view_many(
    *, records: Iterable[models.Model], actor, request=None, note: str = ""
) -> AuditEntry | None:
    """Record, in one entry, that `actor` was shown the restricted-or-higher records among `records`
    (a page of an API list, of search results): their model and ids, classified as the highest of
    them. No entry when none of them is restricted or higher, as for single records."""
    shown: dict[str, list] = {}
    levels = []
    for record in records:
        if is_sensitive(record):
            shown.setdefault(record._meta.label_lower, []).append(jsonable(record.pk))
            levels.append(getattr(record, "classification", None))
    if not shown:
        return None
    with transaction.atomic():
        return append(
            action=Action.VIEW,
            actor=actor,
            request=request,
            model_label=next(iter(shown)) if len(shown) == 1 else "",
            changes={"records": shown},
            classification=highest(levels) or Classification.SECRET,  # unknown: fail closed
            note=note,
        )


def audit_denied(
    *,
    request=None,
    actor=None,
    record: models.Model | None = None,
    model_label: str = "",
    object_pk: str = "",
    note: str = "",
) -> AuditEntry | None:
    """Record a refused access (a 403 or a 404 given instead of a record the user may not see).

    During a request the entry is written once the response has been sent (taawun.audit.refusals),
    in a transaction of its own, so that a refusal costs the response no more than a plain 404
    and survives whatever the request's own transaction does; None is returned then. Outside a
    request it is written at once (in its own transaction when called outside one).
    """
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    fields = {
        "action": Action.ACCESS_DENIED,
        "actor": actor,
        "request": request,
        "record": record,
        "model_label": model_label,
        "object_pk": str(object_pk) if object_pk else "",
        "note": note,
    }
    if request is not None and refusals.defer(fields):
        return None
    with transaction.atomic():
        return append(**fields)


def audit_export(*, actor, request=None, record: models.Model | None = None, note: str = "") -> AuditEntry:
    """Record an export; `record`: the one record it is about (a country brief's party), whose
    classification the entry then inherits."""
    with transaction.atomic():
        return append(action=Action.EXPORT, actor=actor, request=request, record=record, note=note)
