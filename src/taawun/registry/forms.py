from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawun.records.forms import RecordChoiceField, RecordForm, formfield
from taawun.registry.models import Agency, Engagement, Participation, Party, Person, Source
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
    class Meta:
        model = Person
        fields = ["name_ar", "name_en", "rank", "position", "party", "agency", "classification"]


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
