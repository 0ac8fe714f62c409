"""The cooperation registry: partners, their agencies and people, engagements and their sources."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawun import vocabulary
from taawun.access.classified import Classified
from taawun.access.policy import LEVELS, Classification, UnknownClassification, level
from taawun.core.dates import Precision, gregorian, hijri
from taawun.core.i18n import pick, term_choices
from taawun.core.links import record_url
from taawun.core.models import BilingualNamed, BilingualTitled, TimeStamped
from taawun.registry.catalogue import country_codes
from taawun.registry.collation import sort_key


class VocabularyTerm(models.Model):
    """A term of the controlled vocabulary (taawun.vocabulary), kept as a row so records can refer to it."""

    code = models.CharField(_("code"), max_length=40, primary_key=True)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return pick(self.name_ar, self.name_en)


class Domain(VocabularyTerm):
    """A security field (counter-terrorism, narcotics, ...), from the vocabulary."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class CooperationForm(VocabularyTerm):
    """A form of cooperation (visit, training, information exchange, ...), from the vocabulary."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("form of cooperation")
        verbose_name_plural = _("forms of cooperation")


class Party(Classified, TimeStamped):
    """A country (ISO 3166-1 alpha-2 code) or an international organisation (vocabulary code)."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        ORGANISATION = "organisation", _("International organisation")

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    classification = models.CharField(
        _("classification"), max_length=16, choices=Classification.choices, default=Classification.PUBLIC
    )
    # The names as a reader files them (registry.collation), kept on every save: lists and menus
    # of partners sort by the one of the reader's language (core.i18n.in_reading_order).
    sort_ar = models.CharField(max_length=200, editable=False, default="")
    sort_en = models.CharField(max_length=200, editable=False, default="")

    class Meta:
        ordering = ["sort_en"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return pick(self.name_ar, self.name_en)

    def save(self, *args, **kwargs) -> None:
        self.sort_ar, self.sort_en = (
            sort_key(self.name_ar or self.name_en),
            sort_key(self.name_en or self.name_ar),
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name_ar", "name_en"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_ar", "sort_en"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return record_url("registry:party_detail", self.code)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.code = (self.code or "").strip().upper()
        if self.kind == self.Kind.COUNTRY and self.code not in country_codes():
            errors["code"] = _("%(code)s is not an ISO 3166-1 country code.") % {"code": self.code}
        elif self.kind == self.Kind.ORGANISATION and self.code in country_codes():
            errors["code"] = _("%(code)s is a country code.") % {"code": self.code}
        elif self.kind == self.Kind.ORGANISATION and not re.fullmatch(r"[A-Z][A-Z0-9_-]{1,15}", self.code):
            errors["code"] = _("An organisation code is 2 to 16 capital letters, digits, - or _.")
        for name in ("name_ar", "name_en"):
            if not getattr(self, name).strip():
                errors[name] = _("Give the name in Arabic and in English.")
        if errors:
            raise ValidationError(errors)


class Agency(Classified, TimeStamped, BilingualNamed):
    """A ministry, directorate, force or other body of a party, possibly inside a parent agency."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DIRECTORATE = "directorate", _("Directorate")
        FORCE = "force", _("Force or service")
        AGENCY = "agency", _("Agency or authority")
        OTHER = "other", _("Other")

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("party")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.AGENCY)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)

    class Meta:
        ordering = ["party", "name_ar"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def get_absolute_url(self) -> str:
        return record_url("registry:agency_detail", self.pk)

    def clean(self) -> None:
        errors: dict[str, str] = self.unnamed_errors()
        if self.parent_id and self.party_id and self.parent.party_id != self.party_id:
            errors["parent"] = _("The parent agency must belong to the same party.")
        if self.pk and self.parent_id:
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == self.pk:
                    errors["parent"] = _("An agency cannot be inside itself.")
                    break
                seen.add(ancestor.pk)  # stored data with a cycle elsewhere must not loop forever
                ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


# The seniority of a person without a rank (or with one the vocabulary no longer lists): last.
NO_RANK = 999


def rank_seniority(rank: str) -> int:
    """A rank's place in the vocabulary, the most senior 0; no rank (or an unknown one) last."""
    keys = [term.key for term in vocabulary.ranks()]
    return keys.index(rank) if rank in keys else NO_RANK


# A telephone number as an office writes it: an optional +, then digits with spaces, dots,
# hyphens or brackets between them; 6 to 15 digits in all (E.164 allows 15).
PHONE_SHAPE = re.compile(r"\+?[0-9][0-9 .()\-]*[0-9]")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalise_phone(value: str) -> str:
    """Arabic-Indic and Persian digits as Western ones, outer spaces removed."""
    return (value or "").translate(ARABIC_DIGITS).strip()


def phone_errors(value: str) -> str | None:
    """The error of a telephone number that is not one (None when it is, or is empty)."""
    if not value:
        return None
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_SHAPE.fullmatch(value) or not 6 <= digits <= 15:
        return _(
            "Enter a telephone number: digits, with an optional + and spaces or hyphens (6 to 15 digits)."
        )
    return None


class Person(Classified, TimeStamped, BilingualNamed):
    """An official of a party, named without rank or honorific.

    `position` shows the posts the person holds now, kept from their `positions` by
    registry.services.person_position_sync (lists, search, extraction and the API read it); the
    posts themselves, with their dates, are the `Position` rows. Contact details carry their own
    classification, never below the person's: an official's telephone is often more restricted
    than the name."""

    # Shorter than an agency's or a committee's name: declared again with the length it has.
    name_ar = models.CharField(_("Arabic name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    rank = models.CharField(_("rank"), max_length=40, blank=True, choices=term_choices(vocabulary.ranks()))
    position = models.CharField(_("position"), max_length=300, blank=True)
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="people", verbose_name=_("party"))
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("agency"),
    )
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    office = models.CharField(_("office (address or room)"), max_length=300, blank=True)
    contact_classification = models.CharField(
        _("classification of the contact details"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.PUBLIC,
        help_text=_("Who may read the telephone, e-mail and office: at least the person's classification."),
    )

    # Kept on every save, for lists that put those holding a post now first, the most senior first
    # (registry.selectors.current_first, by_seniority) in an index's order: whether the person
    # holds a post now (their `position`, the posts held now, is not empty) and their rank's
    # place in the vocabulary (0 the most senior; people without a rank last).
    holds_post = models.BooleanField(_("holds a post now"), default=False, editable=False)
    seniority = models.PositiveSmallIntegerField(default=NO_RANK, editable=False)

    CONTACT_FIELDS = ("phone", "email", "office")

    class Meta:
        ordering = ["name_ar", "name_en"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # A partner's people in this order (its profile's first twenty and their count), without
        # reading and sorting all of a busy partner's thousands; the same for those holding a post
        # first by seniority (its profile and brief), and for the whole list holding a post first.
        indexes = [
            models.Index(fields=["party", "name_ar", "name_en"], name="registry_person_party_order"),
            models.Index(
                fields=["party", "-holds_post", "seniority", "name_ar", "name_en"],
                name="registry_person_party_posts",
            ),
            models.Index(fields=["-holds_post", "name_ar", "name_en"], name="registry_person_posts_first"),
        ]

    def save(self, *args, **kwargs) -> None:
        self.holds_post = bool((self.position or "").strip())
        self.seniority = rank_seniority(self.rank)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"position", "rank"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "holds_post", "seniority"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return record_url("registry:person_detail", self.pk)

    def clean(self) -> None:
        errors: dict[str, str] = self.unnamed_errors()
        if self.agency_id and self.party_id and self.agency.party_id != self.party_id:
            errors["agency"] = _("The agency must belong to the person's party.")
        self.phone = normalise_phone(self.phone)
        self.email = (self.email or "").strip()
        self.office = (self.office or "").strip()
        if problem := phone_errors(self.phone):
            errors["phone"] = problem
        try:
            too_low = level(self.contact_classification) < level(self.classification)
        except UnknownClassification:
            too_low = False  # the field's own choices refuse it
        if too_low and not self.has_contact_details():
            self.contact_classification = self.classification  # nothing to protect: follow the person
        elif too_low:
            errors["contact_classification"] = _(
                "Contact details cannot be classified lower than the person (%(level)s)."
            ) % {"level": self.get_classification_display()}
        if errors:
            raise ValidationError(errors)

    def classification_of_changes(self, changes: dict) -> str | None:
        """The level an audit entry about this person takes for the changes it shows
        (audit.classification): that of the contact details when it shows any of them, so a
        telephone never reaches an auditor not cleared for it; None otherwise."""
        shown = []
        for name in self.CONTACT_FIELDS:
            change = changes.get(name)
            shown += list(change.values()) if isinstance(change, dict) else [change]
        if not any(value not in (None, "") for value in shown):
            return None
        levels = [self.contact_details.classification, self.classification]
        change = changes.get("contact_classification")
        levels += list(change.values()) if isinstance(change, dict) else [change]
        return max((value for value in levels if value in LEVELS), key=LEVELS.get)

    def has_contact_details(self) -> bool:
        return any(getattr(self, name) for name in self.CONTACT_FIELDS)

    @property
    def contact_details(self) -> ContactDetails:
        """The contact details as a record of their own, for the access policy."""
        return ContactDetails(self)


class ContactDetails:
    """A person's telephone, e-mail and office, classified at `contact_classification`: what
    `access.policy.can_view` is asked about (templates: `person.contact_details|visible_to:user`)."""

    def __init__(self, person: Person):
        self.person = person
        # Never below the person's, whatever is stored (rows written past `clean`, a bulk import).
        self.classification = max(
            (person.classification, person.contact_classification),
            key=lambda value: LEVELS.get(value, len(LEVELS)),
        )
        self.phone, self.email, self.office = person.phone, person.email, person.office

    def __bool__(self) -> bool:
        return self.person.has_contact_details()


class Position(TimeStamped, BilingualTitled):
    """A post a person holds or held (minister of the interior, director of a directorate), with
    the dates known. Current: started (or start unknown) and not yet ended (the end date is the
    last day in the post). A person may hold several posts at once. Shown with the person, at the
    person's classification."""

    # As long as the free text it replaces (Person.position).
    title_ar = models.CharField(_("Arabic title"), max_length=300, blank=True)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("agency"),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        # The posts held now first (no end date), then by end date and start, latest first.
        ordering = [
            models.F("end_date").desc(nulls_first=True),
            models.F("start_date").desc(nulls_last=True),
            "pk",
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["person", "end_date"], name="registry_position_current")]

    def __str__(self) -> str:
        return self.title

    @property
    def stored_title(self) -> str:
        """The title as kept in Person.position: the Arabic one, else the English one."""
        return (self.title_ar or self.title_en).strip()

    def is_current(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        started = self.start_date is None or self.start_date <= today
        return started and (self.end_date is None or self.end_date >= today)

    @property
    def current(self) -> bool:
        return self.is_current()

    def clean(self) -> None:
        errors: dict[str, str] = self.untitled_errors()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end of a post cannot be before its start.")
        # In the person form's formset, the person is the one being edited (perhaps not saved yet).
        person = self.person if self.person_id or self._meta.get_field("person").is_cached(self) else None
        if (
            self.agency_id
            and person is not None
            and person.party_id
            and self.agency.party_id != person.party_id
        ):
            errors["agency"] = _("The agency must belong to the person's party.")
        if errors:
            raise ValidationError(errors)


class Source(Classified, TimeStamped):
    """An article or document that reports engagements; the same content is stored once."""

    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    url = models.URLField(_("address (URL)"), max_length=1000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, db_index=True, editable=False)

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "-created_at"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        # Once per classification, not once overall: someone who brings a text the office holds
        # above their clearance gets a copy of their own instead of learning that it is held
        # (taawun.ingest.services.ingest_text).
        constraints = [
            models.UniqueConstraint(fields=["content_hash", "classification"], name="source_once_per_level")
        ]

    def __str__(self) -> str:
        return self.title or self.text[:80]

    def get_absolute_url(self) -> str:
        return record_url("registry:source_detail", self.pk)

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("The source has no text.")})


class Engagement(Classified, TimeStamped, BilingualTitled):
    """A visit, meeting, workshop, conference, signing or programme between parties."""

    kind = models.CharField(_("kind"), max_length=32, choices=term_choices(vocabulary.kinds()))
    start_date = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        _("start precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    location_country = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements_located",
        verbose_name=_("country of the location"),
        limit_choices_to={"kind": Party.Kind.COUNTRY},
    )
    location_city = models.CharField(_("city"), max_length=200, blank=True)
    host = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements_hosted",
        verbose_name=_("host"),
    )
    guests = models.ManyToManyField(
        Party, blank=True, related_name="engagements_as_guest", verbose_name=_("guests")
    )
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="engagements", verbose_name=_("domains")
    )
    forms = models.ManyToManyField(
        CooperationForm, blank=True, related_name="engagements", verbose_name=_("forms of cooperation")
    )
    summary = models.TextField(_("summary"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="engagements", verbose_name=_("sources")
    )
    participants = models.ManyToManyField(
        Person,
        through="Participation",
        blank=True,
        related_name="engagements",
        verbose_name=_("participants"),
    )

    class Meta:
        # Undated engagements last on every database (PostgreSQL would put NULLs first).
        ordering = [models.F("start_date").desc(nulls_last=True), "-created_at"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["kind", "start_date"])]

    def get_absolute_url(self) -> str:
        return record_url("registry:engagement_detail", self.pk)

    def parties(self) -> list[Party]:
        """Host first, then the guests: every party that takes part."""
        found = [self.host] if self.host else []
        found += [guest for guest in self.guests.all() if guest != self.host]
        return found

    def when(self) -> str:
        start = gregorian(self.start_date, self.start_precision)
        end = gregorian(self.end_date, self.end_precision)
        return start if not end or end == start else f"{start} – {end}"

    def when_hijri(self) -> str:
        start = hijri(self.start_date, self.start_precision)
        end = hijri(self.end_date, self.end_precision)
        return start if not end or end == start else f"{start} – {end}"

    def clean(self) -> None:
        errors: dict[str, str] = self.untitled_errors()
        if self.end_date and not self.start_date:
            errors["start_date"] = _("An engagement with an end date needs a start date.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)


class Participation(models.Model):
    """A person's part in an engagement."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        MEMBER = "member", _("Delegation member")
        HOST = "host", _("Host")
        PARTICIPANT = "participant", _("Participant")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT)

    class Meta:
        ordering = ["engagement", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "person"], name="one_participation_per_person"),
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
