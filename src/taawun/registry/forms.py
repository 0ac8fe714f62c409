from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import can_view, visible_levels
from taawun.records.forms import RecordChoiceField, RecordForm, formfield
from taawun.registry.models import Agency, Engagement, Participation, Party, Person, Position, Source
from taawun.registry.services import content_hash


def party_choice_label(party: Party) -> str:
    return f"{party} ({party.pk})"


class PartyChoiceField(RecordChoiceField):
    """A partner, by its code, labelled with its name and code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(model=Party, **kwargs)

    def label_from_instance(self, obj) -> str:
        return party_choice_label(obj)


class PartyForm(RecordForm):
    class Meta:
        model = Party
        fields = ["code", "kind", "name_ar", "name_en", "notes", "classification"]
        help_texts = {
            "code": _("ISO 3166-1 alpha-2 for a country (SY, QA); a short code for an organisation.")
        }


class PartyUpdateForm(RecordForm):
    """The code identifies the partner everywhere, so it is not edited once created."""

    class Meta:
        model = Party
        fields = ["name_ar", "name_en", "notes", "classification"]


class AgencyForm(RecordForm):
    class Meta:
        model = Agency
        fields = ["party", "parent", "kind", "name_ar", "name_en", "abbreviation", "classification"]


class PersonForm(RecordForm):
    """A person's names, rank, party and agency, and their contact details with the classification
    of these. The posts are edited in the formset below the form (PositionFormSet); Person.position
    follows them (registry.services.person_save). An editor not cleared for a person's contact
    details is not shown them, and leaves them as they are."""

    class Meta:
        model = Person
        fields = [
            "name_ar",
            "name_en",
            "rank",
            "party",
            "agency",
            "classification",
            *Person.CONTACT_FIELDS,
            "contact_classification",
        ]
        widgets = {"phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["email"].widget.attrs.update(dir="ltr", autocomplete="off")
        self.fields["office"].widget.attrs.update(dir="auto")
        self.fields["contact_classification"].required = False
        if user is None:
            return
        allowed = visible_levels(user)
        if self.instance.pk is not None and not can_view(user, self.instance.contact_details):
            for name in (*Person.CONTACT_FIELDS, "contact_classification"):
                del self.fields[name]
            return
        field = self.fields["contact_classification"]
        field.choices = [(value, label) for value, label in field.choices if value in allowed]

    def clean_contact_classification(self):
        """Not given: as the person (an API client or an older form that does not send it)."""
        return self.cleaned_data.get("contact_classification") or self.cleaned_data.get("classification")


class PositionForm(RecordForm):
    class Meta:
        model = Position
        fields = ["title_ar", "title_en", "agency", "start_date", "end_date"]
        # Said in the label: the formset's rows show no help text.
        labels = {"end_date": _("Until (the last day; empty while held)")}


class BasePositionFormSet(forms.BaseInlineFormSet):
    # The API matches a post sent again to the one stored by these (taawun.api.resources.Inline).
    api_keys = ("title_ar", "title_en", "start_date")

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        # A person sent without the posts (a form from before them, a script): the posts are
        # left as they are, not refused for a missing management form.
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, prefix=prefix, **kwargs)


PositionFormSet = forms.inlineformset_factory(
    Person,
    Position,
    form=PositionForm,
    formset=BasePositionFormSet,
    fields=["title_ar", "title_en", "agency", "start_date", "end_date"],
    extra=2,
    can_delete=True,
)


class SourceForm(RecordForm):
    class Meta:
        model = Source
        fields = ["title", "url", "published_on", "text", "classification"]
        formfield_callback = formfield

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        if text.strip():
            digest = content_hash(text)
            # A text is stored once per classification (Source.Meta): a copy at another level is
            # not a duplicate, and one at this level is within the editor's clearance to name.
            duplicate = (
                Source.objects.filter(content_hash=digest, classification=cleaned.get("classification"))
                .exclude(pk=self.instance.pk)
                .first()
            )
            if duplicate:
                raise forms.ValidationError(
                    _("This text is already stored as source “%(title)s”.") % {"title": duplicate}
                )
            self.instance.content_hash = digest
        return cleaned


class EngagementForm(RecordForm):
    class Meta:
        model = Engagement
        fields = [
            "kind",
            "title_ar",
            "title_en",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "location_country",
            "location_city",
            "host",
            "guests",
            "domains",
            "forms",
            "summary",
            "outcomes",
            "sources",
            "classification",
        ]
        widgets = {
            "guests": forms.SelectMultiple(attrs={"size": 8}),
            "domains": forms.CheckboxSelectMultiple,
            "forms": forms.CheckboxSelectMultiple,
            "sources": forms.SelectMultiple(attrs={"size": 5}),
        }

    def clean(self):
        cleaned = super().clean()
        host, guests = cleaned.get("host"), cleaned.get("guests") or []
        if host and host in guests:
            self.add_error("guests", _("The host cannot also be a guest."))
        return cleaned


ParticipationFormSet = forms.inlineformset_factory(
    Engagement,
    Participation,
    form=RecordForm,  # the person among those the editor may see
    fields=["person", "role"],
    extra=3,
    can_delete=True,
)
