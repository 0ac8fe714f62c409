"""Sources in, drafts out; a person's decision turns a draft into registry records.

`ingest_text` stores a source once per content and drafts what extraction read in it.
`draft_accept`, `draft_merge` and `draft_reject` are the only ways a draft leaves the queue;
each runs in one transaction and writes the audit entries of every record it creates or changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from taawun.access.policy import LEVELS, can_edit, can_view
from taawun.access.system import SYSTEM_READER
from taawun.agreements.models import ActionItem
from taawun.audit.models import Action
from taawun.audit.services import append, append_all, diff, snapshot, stored_snapshot
from taawun.core.dates import Precision
from taawun.core.deferred import deferred
from taawun.extract import extract
from taawun.ingest import selectors
from taawun.ingest.home_choice import HomeChoice, HomeSource, choose_home
from taawun.ingest.models import Draft, ImportBatch, ImportItem
from taawun.ingest.readers import TITLE_LENGTH, UnreadableDocument, check_arabic, headline, tidy
from taawun.registry import event_matching, resolution
from taawun.registry.models import Agency, Engagement, Participation, Party, Person, Source
from taawun.registry.services import content_hash, position_from_text

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
NO_AGENCY = "none"  # a participant's agency_match when the reviewer says the person has none


class DraftError(Exception):
    """A decision that cannot be carried out; the message is for the user. Nothing was written."""


@dataclass
class Outcome:
    """What ingesting one text did: "new" (drafted), "known" (the source was already stored),
    "accepted" or "merged" (with automatic acceptance)."""

    status: str
    source: Source
    draft: Draft | None = None
    message: str = ""


# --- audit ----------------------------------------------------------------------------------


def _participation_entries(participations, engagement, *, actor, request, username) -> list:
    """The creation entries of an engagement's new participation rows (its inline rows)."""
    note = f"inline of registry.engagement {engagement.pk}"
    return [
        _creation(participation, actor=actor, request=request, username=username, note=note)
        for participation in participations
    ]


def _creation(record, *, actor, request=None, username: str = "", note: str = "") -> dict:
    """The audit entry of a record just created, as `append`'s arguments."""
    return {
        "action": Action.CREATE,
        "actor": actor,
        "request": request,
        "username": username,
        "record": record,
        "changes": diff(None, snapshot(record)),
        "note": note,
    }


def _audit_create(record, *, actor, request=None, username: str = "", note: str = "") -> None:
    append(**_creation(record, actor=actor, request=request, username=username, note=note))


def _update(record, before: dict, *, actor, request=None, username: str = "", note: str = "") -> dict | None:
    """The audit entry of a record changed since `before`, as `append`'s arguments; None if unchanged."""
    changes = diff(before, snapshot(record))
    if not changes:
        return None
    return {
        "action": Action.UPDATE,
        "actor": actor,
        "request": request,
        "username": username,
        "record": record,
        "changes": changes,
        "note": note,
    }


def _audit_update(record, before: dict, *, actor, request=None, username: str = "", note: str = "") -> None:
    entry = _update(record, before, actor=actor, request=request, username=username, note=note)
    if entry:
        append(**entry)


# --- ingesting ------------------------------------------------------------------------------


def _check_classification(classification: str, actor) -> None:
    if classification not in LEVELS:
        raise DraftError(_("Unknown classification."))
    if actor is not None and LEVELS[classification] > LEVELS.get(getattr(actor, "clearance", ""), -1):
        raise DraftError(_("You cannot classify above your own clearance."))


def _stored_copy(text: str, *, reader) -> Source | None:
    """The stored copy of this text the reader may see, if there is one.

    Only a copy within the reader's clearance counts. Answering "already stored" about one above
    it would tell them that the office holds this document, and at a level they may not know
    about, which is exactly what the clearance withholds. So a text held only above the reader's
    clearance is ingested as if it were new: they get a copy of their own, at the classification
    they chose (a level they can see, so never the level of the hidden copy: the registry stores a
    text once per classification). The cost is two sources of one text, and possibly two
    engagements of one event, for readers cleared for both levels.
    """
    digest = content_hash(text)
    return Source.objects.visible_to(reader).filter(content_hash=digest).order_by("pk").first()


@transaction.atomic
def ingest_text(
    *,
    text: str,
    title: str = "",
    url: str = "",
    published_on: dt.date | None = None,
    home: str | None = None,
    feed_home: str = "",
    outlet_url: str = "",
    classification: str = "internal",
    actor=None,
    username: str = "",
    batch: ImportBatch | None = None,
    request=None,
) -> Outcome:
    """Store the text as a source (once per content) and draft what extraction reads in it.

    The home party hint is chosen for this article (home_choice.choose_home): the feed's country
    (`feed_home`), the outlet's (from `url`, else `outlet_url`: a feed's own address), the address's country domain, the dateline, then `home` (the
    upload's or the command line's choice; None: none made) or the installation's party. A text
    that is mostly not Arabic is refused (NotArabic): nothing is stored."""
    _check_classification(classification, actor)
    text = tidy(text)
    if not text:
        raise UnreadableDocument(_("The text is empty."))
    check_arabic(text)
    source = _stored_copy(text, reader=actor or SYSTEM_READER)
    if source is not None:
        return Outcome("known", source, Draft.objects.filter(source=source).first())
    source = Source(
        text=text,
        title=(title or "").strip()[:500],
        url=(url or "")[:1000],
        published_on=published_on,
        content_hash=content_hash(text),
        classification=classification,
    )
    source.full_clean(validate_unique=False, validate_constraints=False)  # the index has the last word
    try:
        with transaction.atomic():  # a savepoint, so the transaction survives the clash below
            source.save()
    except IntegrityError:
        # Another process (a second worker, a second app process) stored this text at this level
        # between the lookup above and this insert: it is known now, not an error.
        source = _stored_copy(text, reader=actor or SYSTEM_READER)
        if source is None:
            raise
        return Outcome("known", source, Draft.objects.filter(source=source).first())
    choice = choose_home(text, url=source.url or outlet_url, feed_home=feed_home, chosen=home)
    draft = Draft(
        source=source,
        classification=classification,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        batch=batch,
    )
    read_into(draft, choice)
    draft.save()
    append_all(  # both entries at once: the chain head is moved once
        [
            _creation(source, actor=actor, request=request, username=username, note="ingest"),
            _creation(draft, actor=actor, request=request, username=username),
        ]
    )
    return Outcome("new", source, draft)


def read_into(draft: Draft, choice: HomeChoice) -> None:
    """Run the engine over the draft's source with this home party hint, keeping what it
    proposes, its evidence, its confidence in each field and its reasons."""
    source = draft.source
    record = extract(source.text, published=source.published_on, home=choice.code or None)
    draft.home, draft.home_source, draft.home_detail = choice.code, choice.source, choice.detail[:200]
    draft.extracted = record.to_json()
    draft.evidence = record.evidence_json()
    draft.confidence = dict(getattr(record, "confidence", None) or {})
    draft.field_reasons = dict(getattr(record, "reasons", None) or {})


@transaction.atomic
def draft_reextract(*, draft: Draft, home: str, actor, request=None) -> Draft:
    """Read the draft's article again with the home party the officer chose ("" for none): the
    engine's new proposal replaces the old one and any edits saved. Audited."""
    draft = _locked_pending(draft, actor)
    home = (home or "").strip().upper()
    if home and not Party.objects.filter(code=home).exists():
        raise DraftError(
            _("Unknown party code %(code)s (%(field)s).") % {"code": home, "field": _("home party")}
        )
    before = snapshot(draft)
    read_into(draft, HomeChoice(home, HomeSource.OFFICER))
    draft.edited = None
    draft.save()
    _audit_update(draft, before, actor=actor, request=request, note="extracted again")
    return draft


# --- the record a reviewer edits ------------------------------------------------------------


def parse_partial_date(value: str | None) -> tuple[dt.date | None, str]:
    """ "2025", "2025-04" or "2025-04-15" → (first day of the period, precision)."""
    match = _PARTIAL_DATE.match((value or "").strip())
    if not match:
        return None, Precision.DAY
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, Precision.DAY
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    return date, precision


def default_title(source: Source) -> str:
    """The source's title, else the text's headline (its first substantial line, without a
    dateline, cut at a word): press releases open with the event."""
    return (source.title.strip() or headline(source.text))[:TITLE_LENGTH].strip()


def review_record(draft: Draft, user) -> dict:
    """The draft as the review form shows it, with the registry matches proposed for confirmation.

    Shape: kind, title_ar, start, end, country, city, host, guests, domains, forms, summary,
    people [{name, rank, position, party, agency, agency_match, role, match, include}],
    follow_ups [{title, owner, due_on, include}].
    """
    if draft.edited is not None and "title_ar" in draft.edited:
        return draft.edited
    data = draft.extracted or {}
    host = data.get("host")
    guests = [code for code in data.get("guests") or [] if code != host]
    if not host and not guests:
        guests = list(data.get("parties") or [])
    people = []
    for index, person in enumerate(data.get("people") or []):
        party = person.get("party")
        candidates = [
            candidate.record
            for candidate in resolution.person_candidates(
                user,
                name=person.get("name") or "",
                party=party,
                rank=person.get("rank"),
                position=person.get("position") or "",
            )
            if candidate.score >= resolution.PROPOSED
        ]
        agency = candidates[0].agency if candidates and candidates[0].agency_id else None
        if agency is not None and (agency.party_id != party or not can_view(user, agency)):
            agency = None  # proposed for confirmation only if of the party and within the clearance
        agency = agency or selectors.agency_in_position(
            user, position=person.get("position") or "", party=party
        )
        people.append(
            {
                "name": person.get("name") or "",
                "rank": person.get("rank") or "",
                "position": person.get("position") or "",
                "party": party or "",
                "agency": (agency.name_ar or str(agency)) if agency else "",
                "agency_match": agency.pk if agency else None,
                "role": _role_for(party, host, index, people),
                "match": candidates[0].pk if candidates else None,
                "include": True,
            }
        )
    owner = host or draft.home or (guests[0] if guests else "")
    follow_ups = [
        {"title": phrase, "owner": owner, "due_on": None, "include": True}
        for phrase in data.get("follow_ups") or []
    ]
    return {
        "kind": data.get("kind") or "",
        "title_ar": default_title(draft.source),
        "start": data.get("start"),
        "end": data.get("end"),
        "country": (data.get("location") or {}).get("country") or "",
        "city": (data.get("location") or {}).get("city") or "",
        "host": host or "",
        "guests": guests,
        "domains": list(data.get("domains") or []),
        "forms": list(data.get("forms") or []),
        "summary": "",
        "people": people,
        "follow_ups": follow_ups,
    }


def _role_for(party: str | None, host: str | None, index: int, earlier: list[dict]) -> str:
    if not host:
        return Participation.Role.PARTICIPANT
    if party == host:
        return Participation.Role.HOST
    if party and not any(p["party"] == party and p["role"] == Participation.Role.HEAD for p in earlier):
        return Participation.Role.HEAD
    return Participation.Role.MEMBER


def event_report(draft: Draft, record: dict) -> event_matching.Report:
    """What the draft (as the reviewer edited it) says of its event, for matching."""
    parties = {code for code in [record.get("host"), *(record.get("guests") or [])] if code}
    start, start_precision = parse_partial_date(record.get("start"))
    end, end_precision = parse_partial_date(record.get("end"))
    return event_matching.Report(
        parties=parties,
        host=record.get("host") or None,
        kind=record.get("kind") or "",
        start=start,
        start_precision=start_precision,
        end=end if record.get("end") else None,
        end_precision=end_precision,
        country=record.get("country") or "",
        city=record.get("city") or "",
        people=[person.get("name") or "" for person in record.get("people") or [] if person.get("name")],
        text=draft.source.text,
        published_on=draft.source.published_on,
        exclude_source=draft.source,
    )


def merge_candidates_for(
    draft: Draft, user, record: dict | None = None
) -> list[event_matching.EventCandidate]:
    """Engagements the draft's report may be about, best first, with the reasons."""
    record = record or review_record(draft, user)
    return event_matching.event_candidates(user, event_report(draft, record))


# The engagement's own fields a report may fill or contest, and how the review record holds them.
_ATTACHED_FIELDS = {
    "kind": "kind",
    "title_ar": "title_ar",
    "start": "start_date",
    "end": "end_date",
    "country": "location_country_id",
    "city": "location_city",
    "host": "host_id",
    "summary": "summary",
}


def report_value(record: dict, key: str):
    """A field of _ATTACHED_FIELDS as the review record gives it (a date as (date, precision))."""
    value = record.get(key)
    if key in {"start", "end"}:
        return parse_partial_date(value)
    return (value or "").strip() if isinstance(value, str) else value


def engagement_value(engagement: Engagement, key: str):
    """The same field as the engagement holds it, comparable with report_value."""
    value = getattr(engagement, _ATTACHED_FIELDS[key])
    if key in {"start", "end"}:
        return (value, getattr(engagement, f"{key}_precision")) if value else (None, Precision.DAY)
    return value or ""


def attach_preview(engagement: Engagement, record: dict) -> tuple[list[str], list[str]]:
    """(fields the report fills because the engagement has none, fields where they differ)."""
    fills, conflicts = [], []
    for key in _ATTACHED_FIELDS:
        theirs, mine = engagement_value(engagement, key), report_value(record, key)
        mine_empty = not mine or (key in {"start", "end"} and mine[0] is None)
        theirs_empty = not theirs or (key in {"start", "end"} and theirs[0] is None)
        if mine_empty:
            continue
        if theirs_empty:
            fills.append(key)
        elif theirs != mine:
            conflicts.append(key)
    return fills, conflicts


def _take(engagement: Engagement, record: dict, key: str) -> None:
    value = report_value(record, key)
    if key in {"start", "end"}:
        setattr(engagement, _ATTACHED_FIELDS[key], value[0])
        setattr(engagement, f"{key}_precision", value[1])
    elif key in {"country", "host"}:
        setattr(engagement, _ATTACHED_FIELDS[key].removesuffix("_id"), _party(value, key))
    else:
        setattr(engagement, _ATTACHED_FIELDS[key], value)


@transaction.atomic
@deferred()
def draft_attach(
    *,
    draft: Draft,
    engagement: Engagement,
    record: dict | None,
    take: set[str] | frozenset[str] = frozenset(),
    actor,
    request=None,
    username: str = "",
) -> tuple[Engagement, list[str]]:
    """The report is another source of an engagement already in the registry: its source is
    added, the fields the engagement lacks are filled from the report, and the contested ones
    named in `take` take the report's value (the others keep the registry's). Domains and forms
    of cooperation the report adds are added, and its participants matched to a person of the
    registry join. One transaction; the engagement's audit entry, and one per participation
    added. Returns the engagement and the fields changed."""
    draft = _locked_pending(draft, actor)
    if actor is not None and not can_edit(actor, engagement):
        raise DraftError(_("You may not change this engagement."))
    before_engagement = stored_snapshot(Engagement, engagement.pk, lock=True)[0]
    engagement = Engagement.objects.get(pk=engagement.pk)
    changed: list[str] = []
    if record:
        fills, conflicts = attach_preview(engagement, record)
        for key in [*fills, *(key for key in conflicts if key in take)]:
            _take(engagement, record, key)
            changed.append(key)
        _validated(engagement)
        engagement.save()
        domains = set(record.get("domains") or []) - set(engagement.domains.values_list("code", flat=True))
        forms = set(record.get("forms") or []) - set(engagement.forms.values_list("code", flat=True))
        if domains:
            engagement.domains.add(*domains)
            changed.append("domains")
        if forms:
            engagement.forms.add(*forms)
            changed.append("forms")
    joined = _join_matched_people(engagement, record, actor) if record else []
    if joined:
        changed.append("participants")
    engagement.sources.add(draft.source)
    _audit_update(
        engagement,
        before_engagement,
        actor=actor,
        request=request,
        username=username,
        note=f"draft {draft.pk}",
    )
    append_all(_participation_entries(joined, engagement, actor=actor, request=request, username=username))
    before = _decide(draft, Draft.Status.MERGED, actor=actor, engagement=engagement)
    _audit_update(draft, before, actor=actor, request=request, username=username)
    return engagement, changed


@transaction.atomic
def draft_save(*, draft: Draft, record: dict, actor, request=None) -> Draft:
    """Keep the reviewer's edits without deciding yet."""
    draft = _locked_pending(draft, actor)
    before = snapshot(draft)
    draft.edited = record
    draft.save(update_fields=["edited", "updated_at"])
    _audit_update(draft, before, actor=actor, request=request)
    return draft


# --- decisions ------------------------------------------------------------------------------


def _locked_pending(draft: Draft, actor) -> Draft:
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if actor is not None and not can_edit(actor, locked):
        raise DraftError(_("You may not review this draft."))
    if locked.status != Draft.Status.PENDING:
        raise DraftError(_("This draft has already been decided."))
    return locked


def _decide(draft: Draft, status: str, *, actor, engagement=None, reason: str = "") -> dict:
    before = snapshot(draft)
    draft.status = status
    draft.reason = reason
    draft.engagement = engagement
    draft.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    draft.decided_at = timezone.now()
    draft.save()
    return before


def _party(code: str | None, field: str) -> Party | None:
    if not code:
        return None
    party = Party.objects.filter(code=str(code).upper()).first()
    if party is None:
        raise DraftError(_("Unknown party code %(code)s (%(field)s).") % {"code": code, "field": field})
    return party


def _validated(record, *, exclude=()) -> None:
    try:
        record.full_clean(exclude=list(exclude))
    except ValidationError as error:
        messages = [f"{record._meta.verbose_name}: {message}" for message in error.messages]
        raise DraftError(" ".join(messages)) from error


def _agency_for(entry: dict, party: Party, classification: str, *, actor, request, username) -> Agency | None:
    """The agency of a new participant: the one of the registry the reviewer confirmed, none, or
    one filed under the name typed. A party has one agency of a name, so a name the registry
    already knows (among the agencies the reviewer may see) is reused, never duplicated."""
    choice = entry.get("agency_match")
    if choice == NO_AGENCY:
        return None
    if choice:
        agency = Agency.objects.filter(pk=choice).first() if str(choice).isdigit() else None
        if agency is None or not can_view(actor or SYSTEM_READER, agency):
            raise DraftError(_("The agency chosen as a match no longer exists."))
        if agency.party_id != party.code:
            raise DraftError(
                _("The agency chosen for %(name)s is not of their party.")
                % {"name": entry.get("name") or "?"}
            )
        return agency
    name = (entry.get("agency") or "").strip()
    if not name:
        return None
    found = selectors.agency_match(actor or SYSTEM_READER, name=name, party=party.code)
    if found is not None:
        return found
    agency = Agency(party=party, name_ar=name[:300], classification=classification)
    _validated(agency)
    agency.save()
    _audit_create(agency, actor=actor, request=request, username=username, note="ingest")
    return agency


def _person_for(entry: dict, classification: str, *, actor, request, username) -> Person:
    party = _party(entry.get("party"), _("participant"))
    if party is None:
        raise DraftError(_("Give the party of %(name)s.") % {"name": entry.get("name") or "?"})
    match = entry.get("match")
    if match:
        person = Person.objects.filter(pk=match).first()
        if person is None or (actor is not None and not can_view(actor, person)):
            raise DraftError(_("The person chosen as a match no longer exists."))
        return person
    if actor is None:  # unattended import: the one person the name stands out for, if any
        found = resolution.best_person(
            SYSTEM_READER,
            name=entry.get("name") or "",
            party=party.code,
            rank=entry.get("rank"),
            position=entry.get("position") or "",
        )
        if found is not None:
            return found
    agency = _agency_for(entry, party, classification, actor=actor, request=request, username=username)
    person = Person(
        name_ar=(entry.get("name") or "").strip()[:200],
        rank=entry.get("rank") or "",
        position=(entry.get("position") or "").strip()[:300],
        party=party,
        agency=agency,
        classification=classification,
    )
    _validated(person)
    person.save()
    position_from_text(person, agency=agency)  # the position read becomes a post held now (no dates)
    _audit_create(person, actor=actor, request=request, username=username, note="ingest")
    return person


@transaction.atomic
@deferred()  # the new engagement and its links are indexed once, at the end
def draft_accept(
    *, draft: Draft, record: dict, actor, request=None, username: str = "", classification: str | None = None
) -> Engagement:
    """Create the engagement, its participants (matched or new) and its follow-up action items,
    linked to the draft's source. All or nothing."""
    draft = _locked_pending(draft, actor)
    classification = classification or draft.classification
    _check_classification(classification, actor)
    start, start_precision = parse_partial_date(record.get("start"))
    end, end_precision = parse_partial_date(record.get("end"))
    host = _party(record.get("host"), _("host"))
    guests = [_party(code, _("guests")) for code in record.get("guests") or [] if code]
    engagement = Engagement(
        kind=record.get("kind") or "",
        title_ar=(record.get("title_ar") or "").strip()[:500],
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
        location_country=_party(record.get("country"), _("country")),
        location_city=(record.get("city") or "").strip()[:200],
        host=host,
        summary=record.get("summary") or "",
        classification=classification,
    )
    _validated(engagement)
    engagement.save()
    engagement.guests.set([guest for guest in guests if guest != host])
    engagement.domains.set(record.get("domains") or [])
    engagement.forms.set(record.get("forms") or [])
    engagement.sources.add(draft.source)

    people_seen: set[int] = set()
    participations = []
    for entry in record.get("people") or []:
        if not entry.get("include", True) or not (entry.get("name") or entry.get("match")):
            continue
        person = _person_for(entry, classification, actor=actor, request=request, username=username)
        if person.pk in people_seen:
            continue
        people_seen.add(person.pk)
        role = entry.get("role") or Participation.Role.PARTICIPANT
        if role not in Participation.Role.values:
            raise DraftError(_("Unknown role %(role)s.") % {"role": role})
        participations.append(Participation.objects.create(engagement=engagement, person=person, role=role))
    # The engagement's audit entries are written together at the end: the chain head is locked
    # and moved once per accepted draft instead of once per record (a draft makes five to ten).
    audited = [
        _creation(engagement, actor=actor, request=request, username=username, note=f"draft {draft.pk}")
    ]
    audited += _participation_entries(
        participations, engagement, actor=actor, request=request, username=username
    )

    for entry in record.get("follow_ups") or []:
        if not entry.get("include", True) or not (entry.get("title") or "").strip():
            continue
        owner = _party(entry.get("owner") or (host.code if host else None), _("responsible side"))
        if owner is None:
            raise DraftError(_("Give the responsible side of each follow-up."))
        due_on = entry.get("due_on")
        if isinstance(due_on, str):
            due_on = dt.date.fromisoformat(due_on) if due_on else None
        item = ActionItem(
            title=entry["title"].strip()[:500],
            engagement=engagement,
            owner_party=owner,
            due_on=due_on,
            classification=classification,
        )
        _validated(item)
        item.save()
        audited.append(_creation(item, actor=actor, request=request, username=username, note="ingest"))

    before = _decide(draft, Draft.Status.ACCEPTED, actor=actor, engagement=engagement)
    decided = _update(draft, before, actor=actor, request=request, username=username)
    append_all([*audited, decided] if decided else audited)
    return engagement


def _join_matched_people(engagement: Engagement, record: dict, actor) -> list[Participation]:
    """The report's participants matched to a person of the registry (the officer confirmed or
    picked them) who are not yet in the engagement join it, in their role. A participant not
    matched is not created here: attaching files no new person."""
    present = set(engagement.participations.values_list("person_id", flat=True))
    joined = []
    for entry in record.get("people") or []:
        match = entry.get("match")
        if not entry.get("include", True) or not match or int(match) in present:
            continue
        person = Person.objects.filter(pk=match).first()
        if person is None or (actor is not None and not can_view(actor, person)):
            raise DraftError(_("The person chosen as a match no longer exists."))
        role = entry.get("role") or Participation.Role.PARTICIPANT
        if role not in Participation.Role.values:
            raise DraftError(_("Unknown role %(role)s.") % {"role": role})
        if role == Participation.Role.HOST and person.party_id != engagement.host_id:
            role = Participation.Role.PARTICIPANT  # the engagement's host is another party
        joined.append(Participation.objects.create(engagement=engagement, person=person, role=role))
        present.add(person.pk)
    return joined


def draft_merge(
    *, draft: Draft, engagement: Engagement, actor, request=None, username: str = ""
) -> Engagement:
    """Add the draft's source to an engagement already in the registry (the same event, reported
    again) instead of creating a new one, changing none of its fields."""
    return draft_attach(
        draft=draft, engagement=engagement, record=None, actor=actor, request=request, username=username
    )[0]


@transaction.atomic
def draft_reject(*, draft: Draft, reason: str, actor, request=None) -> Draft:
    """Close the draft without touching the registry; the reason is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise DraftError(_("Give the reason for rejecting the draft."))
    draft = _locked_pending(draft, actor)
    before = _decide(draft, Draft.Status.REJECTED, actor=actor, reason=reason[:2000])
    _audit_update(draft, before, actor=actor, request=request)
    return draft


# --- unattended acceptance (taawun ingest --accept) -----------------------------------------


def accept_automatically(*, draft: Draft, username: str) -> tuple[str, Engagement | None]:
    """Attach to the engagement the report is clearly about when there is one (filling its empty
    fields, contesting none): ("merged", it). Where an engagement may be the same event but does
    not clearly stand out (an undated report, say), the draft is left in the review queue for a
    person: ("review", that engagement). Else accept as extracted: ("accepted", the new one)."""
    record = review_record(draft, SYSTEM_READER)
    candidates = merge_candidates_for(draft, SYSTEM_READER, record)
    found = event_matching.standing_out(candidates)
    if found is not None:
        engagement, _changed = draft_attach(
            draft=draft, engagement=found.engagement, record=record, actor=None, username=username
        )
        return "merged", engagement
    if candidates and candidates[0].score >= event_matching.LEFT_FOR_REVIEW:
        return "review", candidates[0].engagement
    return "accepted", draft_accept(draft=draft, record=record, actor=None, username=username)


# --- batches --------------------------------------------------------------------------------


def import_batch_create(
    *, items: list[tuple[str, ...]], failures: list[tuple[str, str]], actor, classification: str, home: str
) -> ImportBatch:
    """A batch of (name, text) or (name, text, the page's address) read at upload time; (name,
    message) for files already refused."""
    _check_classification(classification, actor)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            created_by=actor,
            classification=classification,
            home=home,
            total=len(items) + len(failures),
            done=len(failures),
            failed=len(failures),
        )
        ImportItem.objects.bulk_create(
            [
                ImportItem(batch=batch, name=item[0][:300], text=item[1], url=(item[2:] or ("",))[0][:1000])
                for item in items
            ]
            + [
                ImportItem(
                    batch=batch, name=name[:300], outcome=ImportItem.Outcome.FAILED, message=message[:500]
                )
                for name, message in failures
            ]
        )
    return batch


def import_batch_run(batch: ImportBatch) -> ImportBatch:
    """Draft every waiting file of the batch, one transaction per file, counting as it goes.

    Resumable: a run taken over from a worker that died (taawun.core.leases) drafts only the files
    still waiting. Each file is locked, drafted, marked and counted in one transaction, so a file is
    drafted and counted exactly once even if two runs of the batch overlap."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    waiting = list(batch.items.filter(outcome=ImportItem.Outcome.WAITING).values_list("pk", flat=True))
    for item_pk in waiting:
        _import_item(batch, item_pk)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.DONE)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def _import_item(batch: ImportBatch, item_pk: int) -> None:
    item = (
        ImportItem.objects.select_for_update().filter(pk=item_pk, outcome=ImportItem.Outcome.WAITING).first()
    )
    if item is None:  # drafted meanwhile by another run of the batch
        return
    try:
        outcome = ingest_text(
            text=item.text,
            title=item.name,
            url=item.url,
            home=batch.home or None,  # "": no choice made at the upload
            classification=batch.classification,
            actor=batch.created_by,
            batch=batch,
        )
        item.outcome = ImportItem.Outcome.NEW if outcome.status == "new" else ImportItem.Outcome.KNOWN
        item.draft = outcome.draft
    except (UnreadableDocument, DraftError, ValidationError) as error:
        item.outcome, item.message = ImportItem.Outcome.FAILED, str(error)[:500]
    item.text = ""  # the source keeps the text; the batch only needs the outcome
    item.save(update_fields=["outcome", "message", "draft", "text"])
    counter = {"new": "new", "known": "known", "failed": "failed"}[item.outcome]
    ImportBatch.objects.filter(pk=batch.pk).update(**{counter: F(counter) + 1, "done": F("done") + 1})
