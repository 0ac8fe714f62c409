"""Business rules of the registry that are more than a field check."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from taawun.access.policy import can_view, clearance_within
from taawun.records.services import record_save
from taawun.registry.models import Person, Position, Source

# Between the titles of several posts held at once, in Person.position.
POSTS_SEPARATOR = " · "
POSITION_LENGTH = Person._meta.get_field("position").max_length


def content_hash(text: str) -> str:
    """SHA-256 of the text in Unicode NFC with normalised line ends and outer white space removed,

    so the same article pasted twice, or saved by another editor, is recognised as one source.
    """
    canonical = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def source_create(*, text: str, title: str = "", url: str = "", published_on=None):
    """Store a source once per content: the same text again returns the stored one.

    Returns (source, created).
    """
    digest = content_hash(text)
    existing = Source.objects.filter(content_hash=digest).first()
    if existing:
        return existing, False
    source = Source(text=text, title=title, url=url, published_on=published_on, content_hash=digest)
    source.full_clean(validate_unique=False)  # just looked up; the unique index has the last word
    source.save()
    return source, True


# --- a person's posts ---------------------------------------------------------------------------


def position_display(positions: Iterable[Position], today: dt.date | None = None) -> str:
    """What Person.position shows: the titles of the posts held on `today`, the latest taken first
    (Arabic title, else English), within the field's length."""
    today = today or timezone.localdate()
    held = [post for post in positions if post.is_current(today) and post.stored_title]
    held.sort(key=lambda post: post.start_date or dt.date.min, reverse=True)
    titles = list(dict.fromkeys(post.stored_title for post in held))
    return POSTS_SEPARATOR.join(titles)[:POSITION_LENGTH].strip()


def person_position_sync(person: Person, today: dt.date | None = None) -> bool:
    """Keep Person.position the display of the posts the person holds now (`position_display`),
    read from the stored posts. A person without any post recorded keeps the position text they
    have (an imported name with a position not yet confirmed as a post). Returns whether it
    changed. Called by every service that changes a person's posts."""
    posts = list(person.positions.all())
    if not posts:
        return False
    shown = position_display(posts, today)
    if shown == person.position:
        return False
    person.position = shown
    # A save (holds_post follows), so that what is derived from a person (the search index) follows too.
    person.save(update_fields=["position", "updated_at"])
    return True


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def position_from_text(person: Person, *, agency=None) -> Position | None:
    """A current post (no dates) made of the person's free-text position, for a person with none
    recorded (an imported person, the data migration's rule); None when there is no text or the
    person has a post already."""
    text = (person.position or "").strip()
    if not text or person.positions.exists():
        return None
    post = Position(
        person=person,
        title_ar=text if is_arabic(text) else "",
        title_en="" if is_arabic(text) else text,
        agency=agency if agency is not None else person.agency,
    )
    post.full_clean()
    post.save()
    return post


def _posts_after(person: Person, formsets) -> tuple[list[Position], bool]:
    """The posts the person will have once validated position formsets are saved (the stored
    ones, as the formsets change, delete or add them), and whether they had any before."""
    posts: dict = {post.pk: post for post in person.positions.all()} if person.pk is not None else {}
    had_posts = bool(posts)
    for formset in formsets:
        for form in formset.forms:
            if form in formset.deleted_forms:
                posts.pop(form.instance.pk, None)
            elif form.instance.pk is not None or form.has_changed():  # not an empty extra row
                posts[form.instance.pk or id(form)] = form.instance
    return list(posts.values()), had_posts


def _keep_hidden_contact_details(person: Person, actor) -> None:
    """An editor not cleared for a person's contact details leaves them as stored (the web form
    does not show them; an API client is held to the same), and none classifies them above their
    own clearance."""
    fields = (*Person.CONTACT_FIELDS, "contact_classification")
    stored = Person.objects.filter(pk=person.pk).first() if person.pk is not None else None
    if stored is not None and not can_view(actor, stored.contact_details):
        for name in fields:
            setattr(person, name, getattr(stored, name))
        return
    if not clearance_within(actor, person.contact_classification):
        raise ValidationError(
            {"contact_classification": _("You may not classify contact details above your own clearance.")}
        )


@transaction.atomic
def person_save(*, form, formsets=(), actor, request=None) -> Person:
    """Save a person with their posts (record_save: one transaction, audited), with
    Person.position set to the posts held now, so the audit entry shows it change with them.

    A post's agency must be of the person's party (checked again here: the party may have
    changed in the same edit)."""
    formsets = list(formsets)
    person = form.instance
    _keep_hidden_contact_details(person, actor)
    post_sets = [formset for formset in formsets if formset.model is Position]
    if post_sets:
        posts, had_posts = _posts_after(person, post_sets)
        wrong = [post for post in posts if post.agency_id and post.agency.party_id != person.party_id]
        if wrong:
            raise ValidationError(
                _("The agency of the post “%(title)s” must belong to the person's party.")
                % {"title": wrong[0]}
            )
        if posts or had_posts:
            person.position = position_display(posts)
    return record_save(form=form, formsets=formsets, actor=actor, request=request)


# Posts that began or ended within this many days are looked at again (a worker down for a few
# days catches up).
REFRESH_DAYS = 7


def positions_refresh(today: dt.date | None = None) -> int:
    """Person.position (and so `holds_post`) again for the people a post of whom began or ended
    lately: the posts held change with the date, not only with an edit. A periodic job
    (registry.tasks); returns how many people changed."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=REFRESH_DAYS)
    moved = Position.objects.filter(
        Q(start_date__gt=since, start_date__lte=today) | Q(end_date__gte=since, end_date__lt=today)
    )
    people = Person.objects.filter(pk__in=moved.values("person_id")).prefetch_related("positions")
    return sum(person_position_sync(person, today) for person in people)
