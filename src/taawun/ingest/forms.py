"""Forms of the ingestion pages: upload or paste, review (the draft engagement, its people and
follow-ups, bound together as ReviewForms), attach to an engagement, reject, and feed
subscriptions."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawun import vocabulary
from taawun.access.policy import Classification, can_view, visible_levels
from taawun.core.i18n import term_choices
from taawun.ingest.fetching import literal_address_allowed
from taawun.ingest.field_notes import FieldNotes
from taawun.ingest.models import Draft, FeedSubscription
from taawun.ingest.readers import NotArabic, check_arabic, html_to_text, max_bytes, sniff
from taawun.ingest.services import NO_AGENCY, parse_partial_date, review_record
from taawun.records import catalog
from taawun.records.forms import RecordChoiceField, RecordMultipleChoiceField
from taawun.records.pickers import RecordPicker, picker_for
from taawun.records.visibility import restrict_choices
from taawun.registry import resolution
from taawun.registry.choices import source_choice
from taawun.registry.models import (
    Agency,
    CooperationForm,
    Domain,
    Engagement,
    Participation,
    Party,
    Person,
    Source,
)


def _classification_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("classification"), choices=Classification.choices, initial=Classification.INTERNAL
    )


def _limit_classification(form: forms.Form, user) -> None:
    allowed = set(visible_levels(user))
    field = form.fields["classification"]
    field.choices = [(value, label) for value, label in field.choices if value in allowed]


def _party_field(label, *, required: bool = False) -> RecordChoiceField:
    """A partner by its code, among those the form's user may see (restrict_choices)."""
    return RecordChoiceField(label=label, model=Party, to_field_name="code", required=required)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    """Paste an article, or upload one file or many (text, HTML, Word .docx, PDF)."""

    files = MultipleFileField(label=_("files"), required=False)
    text = forms.CharField(
        label=_("or paste the article"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    title = forms.CharField(label=_("title"), max_length=500, required=False)
    url = forms.URLField(label=_("address (URL)"), max_length=1000, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label=_("published on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    home = _party_field(_("home party"))
    classification = _classification_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # No home party chosen by default: each article's is chosen from its outlet, address or
        # dateline (home_choice.py); the one chosen here stands in where the article shows none.
        self.fields["home"].empty_label = _("From the article (else the installation's party)")
        self.fields["home"].help_text = _(
            "The party an unqualified “the Ministry of Interior” or “the Kingdom” refers to. Taawun "
            "reads it from the outlet, the address or the dateline; the party chosen here is used "
            "only for articles that show none. It never makes the party a participant by itself."
        )
        restrict_choices(self, user)
        _limit_classification(self, user)
        # The limits are said before the upload, not only in the refusal after it.
        limit = round(max_bytes() / (1024 * 1024), 1)
        self.fields["files"].help_text = _(
            "Plain text, HTML, Word (.docx) or PDF with a text layer, up to %(limit)s MB each; "
            "several files run in the background."
        ) % {"limit": limit}
        self.fields["text"].help_text = _("Up to %(limit)s MB of text.") % {"limit": limit}

    def clean_text(self) -> str:
        """A paste over the upload limit is refused here, with the text kept in the form to be cut."""
        text = self.cleaned_data.get("text") or ""
        if len(text.encode("utf-8")) > max_bytes():
            raise forms.ValidationError(
                _(
                    "The pasted text is larger than the limit of %(limit)s MB: shorten it, or upload it as a file."
                )
                % {"limit": round(max_bytes() / (1024 * 1024), 1)}
            )
        # An English (or other non-Arabic) text is refused here, kept in the form as typed.
        plain = html_to_text(text)[0] if sniff(text.encode("utf-8")) == "html" else text
        try:
            check_arabic(plain)
        except NotArabic as error:
            raise forms.ValidationError(str(error)) from None
        return text

    def clean(self):
        data = super().clean()
        if not data.get("files") and not (data.get("text") or "").strip() and "text" not in self.errors:
            raise forms.ValidationError(_("Paste an article or choose at least one file."))
        if data.get("files") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste an article or upload files, not both at once."))
        return data


class PartialDateField(forms.CharField):
    """A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", _("YYYY-MM-DD, YYYY-MM or YYYY"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if value and parse_partial_date(value)[0] is None:
            raise forms.ValidationError(_("Write the date as YYYY-MM-DD, YYYY-MM or YYYY."))
        return value or None


class DraftForm(forms.Form):
    """The engagement as the reviewer will file it."""

    kind = forms.ChoiceField(label=_("kind"), choices=[("", "---------")])
    title_ar = forms.CharField(label=_("Arabic title"), max_length=500)
    start = PartialDateField(label=_("start"))
    end = PartialDateField(label=_("end"))
    country = _party_field(_("country of the location"))
    city = forms.CharField(label=_("city"), max_length=200, required=False)
    host = _party_field(_("host"))
    guests = RecordMultipleChoiceField(label=_("guests"), model=Party, to_field_name="code", required=False)
    domains = forms.ModelMultipleChoiceField(
        label=_("domains"), queryset=Domain.objects.all(), required=False
    )
    cooperation_forms = forms.ModelMultipleChoiceField(
        label=_("forms of cooperation"), queryset=CooperationForm.objects.all(), required=False
    )
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    classification = _classification_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "---------"), *term_choices(vocabulary.kinds())]
        restrict_choices(self, user)
        _limit_classification(self, user)
        # Chips filtered as typed, like the guests (a plain multiple select dropped every other
        # choice on a plain click).
        for name in ("domains", "cooperation_forms"):
            self.fields[name].widget = picker_for(self.fields[name])

    def clean(self):
        data = super().clean()
        start, end = parse_partial_date(data.get("start"))[0], parse_partial_date(data.get("end"))[0]
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        if end and not start:
            self.add_error("start", _("An engagement with an end date needs a start date."))
        return data

    def record(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title_ar": data["title_ar"],
            "start": data.get("start"),
            "end": data.get("end"),
            "country": data["country"].code if data.get("country") else "",
            "city": data.get("city") or "",
            "host": data["host"].code if data.get("host") else "",
            "guests": [party.code for party in data.get("guests") or []],
            "domains": [domain.code for domain in data.get("domains") or []],
            "forms": [form.code for form in data.get("cooperation_forms") or []],
            "summary": data.get("summary") or "",
        }


class PersonDraftForm(forms.Form):
    """One participant: matched to a person already in the registry, or a new one."""

    include = forms.BooleanField(label=_("include"), required=False, initial=True)
    name = forms.CharField(label=_("Arabic name"), max_length=200, required=False)
    rank = forms.ChoiceField(label=_("rank"), required=False)
    position = forms.CharField(label=_("position"), max_length=300, required=False)
    party = _party_field(_("party"))
    agency = forms.CharField(label=_("agency"), max_length=300, required=False)
    # The select renders its initial as selected: without one the browser posts the first role
    # ("head"), the blank row for adding someone counts as changed and accepting fails.
    role = forms.ChoiceField(
        label=_("role"), choices=Participation.Role.choices, initial=Participation.Role.PARTICIPANT
    )
    match = RecordChoiceField(
        label=_("in the registry"), model=Person, required=False, empty_label=_("New person")
    )
    # "" files a new agency under the name typed, "none" none at all, a number the agency of the
    # registry the reviewer confirmed: one proposed for the row, or one of the row's party found
    # with the search. Any other is refused.
    agency_match = forms.ChoiceField(
        label=_("agency in the registry"),
        required=False,
        initial="",
        error_messages={
            "invalid_choice": _(
                "Choose an agency of the participant's party that you may see, “New agency” or “No agency”."
            )
        },
    )

    def __init__(self, *args, user, candidates=(), agency_candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rank"].choices = [("", "---------"), *term_choices(vocabulary.ranks())]
        restrict_choices(self, user)
        # The row's picker (taawun.records.pickers) lists the proposed matches, with their reasons,
        # and "New person"; typing finds any other person the reviewer may see. What is posted is
        # checked against those (the field's queryset), not against the list.
        self.fields["match"].choices = [("", _("New person"))] + [
            (candidate.pk, _with_reasons(person_label(candidate.record, user), candidate))
            for candidate in candidates
        ]
        self.fields["match"].widget.attrs["data-picker-keep-empty"] = "true"
        # Likewise the agency: the proposals, "New agency" and "No agency" listed, any agency
        # found by typing; accepted only if visible and of the row's party (_proposed_agencies
        # adds the one posted to the valid choices).
        self.fields["agency_match"].widget = RecordPicker(
            url=reverse(catalog.get(Agency).url_name("choices")),
            attrs={"data-picker-keep-empty": "true"},
        )
        self.fields["agency_match"].choices = [
            ("", _("New agency")),
            *[
                (str(candidate.pk), _with_reasons(agency_label(candidate.record, user), candidate))
                for candidate in agency_candidates
            ],
            (NO_AGENCY, _("No agency")),
        ]
        self.candidates = candidates
        _blank_row_unticked(self)

    def clean(self):
        data = super().clean()
        if not self.initial and ((data.get("name") or "").strip() or data.get("match")):
            data["include"] = True  # the blank row for adding someone, filled in: it is meant
        new_person = data.get("include") and not data.get("match")
        named = bool((data.get("name") or "").strip())
        if new_person and not named and self.has_changed():
            self.add_error("name", _("Give the name, or untick the person."))
        if new_person and named and not data.get("party"):
            self.add_error("party", _("Give the party of the person."))
        return data

    def entry(self) -> dict:
        data = self.cleaned_data
        return {
            "include": bool(data.get("include")),
            "name": (data.get("name") or "").strip(),
            "rank": data.get("rank") or "",
            "position": data.get("position") or "",
            "party": data["party"].code if data.get("party") else "",
            "agency": data.get("agency") or "",
            "role": data.get("role") or Participation.Role.PARTICIPANT,
            "match": data["match"].pk if data.get("match") else None,
            "agency_match": _agency_choice(data.get("agency_match") or ""),
        }


def _blank_row_unticked(form: forms.Form) -> None:
    """The blank row for adding one more is not ticked "include" until something is typed in it
    (ticked, it read as a participant to be filed)."""
    if not form.initial:
        form.fields["include"].initial = False


def _agency_choice(value: str) -> int | str | None:
    """The posted agency choice as the review record keeps it: a pk, NO_AGENCY, or None (new)."""
    if value == NO_AGENCY:
        return NO_AGENCY
    return int(value) if value.isdigit() else None


def _with_reasons(label: str, candidate) -> str:
    """A proposed record as its option reads: the record, then why it is proposed."""
    reasons = ", ".join(str(reason) for reason in candidate.reasons)
    return f"{label} — {reasons}" if reasons else label


# The labels name a related record (an agency, a party) only where the user may see it: a person
# the reviewer may see can belong to an agency above the reviewer's clearance.


def _seen(related, user) -> bool:
    return related is not None and can_view(user, related)


def person_label(person: Person, user) -> str:
    """A person as a choice reads: rank, name, position, agency, party."""
    agency = person.agency.name_ar if person.agency_id and _seen(person.agency, user) else ""
    party = person.party_id if person.party_id and _seen(person.party, user) else ""
    parts = [person.rank, str(person), person.position, agency, party]
    return " · ".join(part for part in parts if part)


def engagement_label(engagement: Engagement, user) -> str:
    """An engagement as a choice reads: its title, when, and its parties."""
    parties = ", ".join(party.code for party in engagement.parties() if can_view(user, party))
    return " · ".join(part for part in [str(engagement), engagement.when(), parties] if part)


def agency_label(agency: Agency, user) -> str:
    """An agency as a choice reads: its names, abbreviation and kind, and its party."""
    party = f"({agency.party_id})" if agency.party_id and _seen(agency.party, user) else ""
    parts = [agency.name_ar, agency.name_en, agency.abbreviation, agency.get_kind_display(), party]
    return " · ".join(part for part in parts if part)


class FollowUpForm(forms.Form):
    """A proposed action item."""

    include = forms.BooleanField(label=_("include"), required=False, initial=True)
    title = forms.CharField(label=_("title"), max_length=500, required=False)
    owner = _party_field(_("responsible side"))
    due_on = forms.DateField(
        label=_("due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        _blank_row_unticked(self)

    def clean(self):
        data = super().clean()
        if not self.initial and (data.get("title") or "").strip():
            data["include"] = True  # the blank row for adding a follow-up, filled in
        if data.get("include") and (data.get("title") or "").strip() and not data.get("owner"):
            self.add_error("owner", _("Give the responsible side."))
        return data

    def entry(self) -> dict:
        data = self.cleaned_data
        return {
            "include": bool(data.get("include")),
            "title": (data.get("title") or "").strip(),
            "owner": data["owner"].code if data.get("owner") else "",
            "due_on": data["due_on"].isoformat() if data.get("due_on") else None,
        }


PeopleFormSet = forms.formset_factory(PersonDraftForm, extra=1, max_num=100, absolute_max=200)
FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=1, max_num=100, absolute_max=200)


class ParticipantsFormSet(PeopleFormSet):
    """The participants of the review. Each row offers the people and the agencies of the registry
    that may be the one it names (taawun.registry.resolution, within the reviewer's clearance),
    and the ones already chosen (picked with the search, say): proposed from the row as posted,
    or, unbound, as the draft holds it. The choices must be known before a row is built, since
    only what is offered is accepted."""

    def __init__(self, data=None, *, user, people=(), **kwargs):
        self.user = user
        initial = [_person_initial(person) for person in people]
        super().__init__(data, initial=initial, prefix="people", form_kwargs={"user": user}, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        row = self._row(index)
        kwargs["candidates"] = _proposed_people(self.user, row) if row is not None else []
        kwargs["agency_candidates"] = _proposed_agencies(self.user, row) if row is not None else []
        return kwargs

    def _row(self, index: int | None) -> dict | None:
        """What the row names: posted (a choice only if it is a number), or the draft's entry;
        None for the blank row of an unbound formset and for the empty form."""
        if index is None:
            return None
        if not self.is_bound:
            return self.initial[index] if index < len(self.initial) else None
        prefix = self.add_prefix(index)

        def posted(name: str) -> str:
            return self.data.get(f"{prefix}-{name}", "")

        def number(name: str) -> str | None:
            value = posted(name)
            return value if value.isdigit() else None

        row = {name: posted(name) for name in ("name", "party", "rank", "position", "agency")}
        return {**row, "match": number("match"), "agency_match": number("agency_match")}


def _person_initial(person: dict) -> dict:
    """A participant of the review record as its row shows it (the agency choice as posted)."""
    choice = person.get("agency_match")
    return {**person, "agency_match": "" if choice is None else str(choice)}


def _proposed_people(user, row: dict) -> list:
    party = row.get("party") or None
    people = resolution.person_candidates(
        user,
        name=row.get("name") or "",
        party=party,
        rank=row.get("rank") or None,
        position=row.get("position") or "",
    )
    match = row.get("match")
    if match and all(candidate.pk != int(match) for candidate in people):
        chosen = Person.objects.visible_to(user).filter(pk=match).first()
        people = [resolution.Candidate(chosen, 0, [_("chosen")]), *people] if chosen else people
    return people


def _proposed_agencies(user, row: dict) -> list:
    party = row.get("party") or None
    agencies = resolution.agency_candidates(user, name=row.get("agency") or "", party=party)
    chosen_agency = row.get("agency_match")
    if str(chosen_agency or "").isdigit() and all(a.pk != int(chosen_agency) for a in agencies):
        chosen = Agency.objects.visible_to(user).filter(pk=chosen_agency, party_id=party).first()
        agencies = [resolution.Candidate(chosen, 0, [_("chosen")]), *agencies] if chosen else agencies
    return agencies


class ReviewForms:
    """The review desk's forms over one draft, bound together: the engagement as it will be filed
    (prefix "draft"), its participants ("people") and its follow-ups ("followups"), with the
    checks across them. Unbound, they show the draft as last saved (`current`); bound, the
    officer's edits, which an error shows back as they were typed."""

    def __init__(self, data=None, *, draft: Draft, user):
        self.current = review_record(draft, user)
        self.draft = DraftForm(data, user=user, initial=_draft_initial(self.current, draft), prefix="draft")
        notes = FieldNotes(draft)
        describe_extracted(self.draft, notes)
        self.people = ParticipantsFormSet(data, user=user, people=self.current.get("people") or [])
        describe_people(self.people, notes)
        self.follow_ups = FollowUpFormSet(
            data, initial=self.current.get("follow_ups") or [], prefix="followups", form_kwargs={"user": user}
        )

    def is_valid(self) -> bool:
        valid = self.draft.is_valid() and self.people.is_valid() and self.follow_ups.is_valid()
        return valid and self._consistent()

    def _consistent(self) -> bool:
        """Checks across the engagement and its participants, each error on the field to correct:
        the host is not a guest too, and a participant in the host's role is of the host party."""
        data = self.draft.cleaned_data
        host = data.get("host")
        ok = True
        if host and host in (data.get("guests") or []):
            self.draft.add_error("guests", _("The host cannot also be a guest."))
            ok = False
        for form in self.people:
            entry = form.cleaned_data
            if not entry or not entry.get("include") or entry.get("role") != "host":
                continue
            party = entry.get("party") or (entry["match"].party if entry.get("match") else None)
            if host is None or (party is not None and party != host):
                form.add_error(
                    "role",
                    _("The host's role is for a participant of the host party (%(host)s).")
                    % {"host": host.pk if host else _("none given")},
                )
                ok = False
        return ok

    @property
    def classification(self) -> str:
        return self.draft.cleaned_data["classification"]

    def reviewed(self) -> dict:
        """The review record the officer's edits make (after is_valid): the rows left untouched
        (the blank ones for adding) are not in it."""
        record = self.draft.record()
        record["people"] = [form.entry() for form in self.people if form.has_changed() or form.initial]
        record["follow_ups"] = [
            form.entry() for form in self.follow_ups if form.has_changed() or form.initial
        ]
        return record


def describe_extracted(form: forms.Form, notes: FieldNotes) -> None:
    """Each field the engine read carries its note (taawun.ingest.field_notes): the reason as its
    title (hover) and as its description (the note's element, `<id>_why`, which the template
    renders), and a field the engine was unsure of a class the page marks beside the words."""
    for name, field in form.fields.items():
        note = notes.for_form_field(name)
        if note is None:
            continue
        field.extraction_note = note
        _describe(field.widget, form[name].auto_id, note, helped=bool(field.help_text))


def _describe(widget: forms.Widget, auto_id: str, note, *, helped: bool = False) -> None:
    attrs = widget.attrs
    attrs["title"] = note.reason
    # Given here, Django no longer adds the help text's id by itself: both are named.
    attrs["aria-describedby"] = " ".join([f"{auto_id}_why", *([f"{auto_id}_helptext"] if helped else [])])
    if note.low:
        attrs["class"] = f"{attrs.get('class', '')} low-confidence".strip()
        attrs["data-confidence"] = "low"


def describe_people(formset: forms.BaseFormSet, notes: FieldNotes) -> None:
    """Each participant read in the article carries its note (the people's grade and the words
    the name was read from) on its row, for the name and the person chosen."""
    for form in formset:
        note = notes.for_person((form.initial or {}).get("name") or "")
        if note is None:
            continue
        form.extraction_note = note
        form.note_id = f"{form.prefix}-why"
        for name in ("name", "match"):
            widget = form.fields[name].widget
            widget.attrs["title"] = note.reason
            widget.attrs["aria-describedby"] = form.note_id
            if note.low:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} low-confidence".strip()


class HomeForm(forms.Form):
    """The home party to read the draft's article again with: one the officer may see, or none."""

    home = RecordChoiceField(
        label=_("home party"), model=Party, to_field_name="code", required=False, empty_label=_("None")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)


def _draft_initial(record: dict, draft: Draft) -> dict:
    return {
        "kind": record.get("kind"),
        "title_ar": record.get("title_ar"),
        "start": record.get("start"),
        "end": record.get("end"),
        "country": record.get("country") or None,
        "city": record.get("city"),
        "host": record.get("host") or None,
        "guests": record.get("guests") or [],
        "domains": record.get("domains") or [],
        "cooperation_forms": record.get("forms") or [],
        "summary": record.get("summary"),
        "classification": draft.classification,
    }


# The fields of an engagement that attaching a report may fill, or take from the report where the
# two differ and the officer says so; labelled as the attach table shows them.
ATTACHED_FIELDS = {
    "kind": _("kind"),
    "title_ar": _("Arabic title"),
    "start": _("start"),
    "end": _("end"),
    "country": _("country of the location"),
    "city": _("city"),
    "host": _("host"),
    "summary": _("summary"),
}


class _TickedFields(forms.MultipleChoiceField):
    """The contested fields ticked; a name that is not one of them is left out, not refused."""

    def to_python(self, value) -> list[str]:
        return [name for name in super().to_python(value) if name in ATTACHED_FIELDS]


class AttachForm(forms.Form):
    """The report is another source of this engagement (one the officer may see), taking its
    values for the contested fields ticked."""

    engagement = RecordChoiceField(model=Engagement)
    take = _TickedFields(choices=list(ATTACHED_FIELDS.items()), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)


class FindEngagementForm(forms.Form):
    """An engagement of the registry the report may be attached to, found with the picker when
    it is not among those proposed (prefix "find"): one the reviewer may see."""

    engagement = RecordChoiceField(
        label=_("Find another engagement"), model=Engagement, required=False, empty_label="---------"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)


class RecordPickForm(forms.Form):
    """One of the records to merge (a person, an agency, an engagement or a source), picked with
    the record type's picker: only the one picked is listed (the registry's records are too many
    for a select); the queryset still checks what is sent."""

    def __init__(self, *args, user, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["match"] = RecordChoiceField(
            label=model._meta.verbose_name, model=model, required=False, empty_label="---------"
        )
        restrict_choices(self, user)
        picked = self.data.get(self.add_prefix("match")) if self.is_bound else None
        chosen = (
            model.objects.visible_to(user).filter(pk=picked).first() if str(picked or "").isdigit() else None
        )
        label = {
            Person: person_label,
            Agency: agency_label,
            Engagement: engagement_label,
            Source: source_choice,
        }[model]
        self.fields["match"].choices = [("", "---------")] + (
            [(chosen.pk, label(chosen, user))] if chosen else []
        )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class FeedForm(forms.ModelForm):
    """A watched feed. The address's uniqueness is left to the database (the view answers a
    conflict with one neutral message): the form's own "already exists" check revealed feeds above
    the user's clearance. The home party is one of those the user may see."""

    class Meta:
        model = FeedSubscription
        fields = ["title", "url", "home", "classification", "active"]
        field_classes = {"url": HttpsURLField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A choice among the parties the user may see (Party.objects.visible_to(user), set by
        # restrict_choices): a hidden party's code is refused like an unknown one.
        self.fields["home"] = RecordChoiceField(
            label=FeedSubscription._meta.get_field("home").verbose_name,
            model=Party,
            to_field_name="code",
            required=False,
        )
        self.fields["home"].empty_label = _("Per item (outlet, address, dateline)")
        self.fields["home"].help_text = _(
            "The country of the feed's outlet: every item is read with it as the party an unqualified "
            "“the Ministry of Interior” refers to. Leave it empty for a feed of several countries' "
            "news: each item's is then chosen from its outlet, address or dateline, else the "
            "installation's party."
        )
        restrict_choices(self, user)

    def clean_home(self) -> str:
        party = self.cleaned_data.get("home")
        return party.code if party else ""

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url") or ""
        if url and not literal_address_allowed(url):
            raise forms.ValidationError(_("Feeds cannot be read from this address."))
        return url

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("url")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)
