from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawun.records.visibility import restrict_choices
from taawun.registry.forms import PartyChoiceField
from taawun.registry.models import Party
from taawun.schedule.models import CalendarToken
from taawun.schedule.selectors import KINDS


def with_dates(partners):
    """Those of these partners that take part in something the calendar shows."""
    involved = (
        Q(engagements_hosted__isnull=False)
        | Q(engagements_as_guest__isnull=False)
        | Q(understandings__isnull=False)
        | Q(committees__isnull=False)
        | Q(action_items__isnull=False)
    )
    return partners.filter(pk__in=Party.objects.filter(involved).values("pk"))


class CalendarFilterForm(forms.Form):
    """The calendar's filters; the party list offers only partners the user may see."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    party = PartyChoiceField(label=_("Partner"), required=False, narrow=with_dates)
    kinds = forms.MultipleChoiceField(
        label=_("Show"), choices=list(KINDS.items()), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)

    def selected_kinds(self) -> list[str]:
        return self.cleaned_data.get("kinds") or list(KINDS)


class CalendarTokenForm(forms.ModelForm):
    party = PartyChoiceField(
        label=_("Partner"),
        required=False,
        narrow=with_dates,
        help_text=_("Leave empty for everything you may see."),
    )

    class Meta:
        model = CalendarToken
        fields = ["label", "party"]
        help_texts = {"label": _("To tell your feeds apart, e.g. “office phone”.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
