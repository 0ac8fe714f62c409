"""A listed picker over a short list that is not of classified records (the review desk's domains
and forms of cooperation): every choice rendered, the chosen ones selected, with no reader to
cache the list for."""

from __future__ import annotations

import re

import pytest
from django import forms

from taawun.records.pickers import RecordsPicker, picker_for
from taawun.registry.models import Domain

pytestmark = pytest.mark.django_db


def test_a_short_vocabulary_list_is_a_listed_picker_with_every_choice(make):
    chosen = make.domain("border_security")
    field = forms.ModelMultipleChoiceField(queryset=Domain.objects.all())
    field.widget = picker_for(field)
    assert isinstance(field.widget, RecordsPicker)
    html = field.widget.render("domains", [chosen.pk])
    assert 'data-picker="list"' in html and "data-picker-url" not in html
    assert len(re.findall(r"<option ", html)) == Domain.objects.count()
    assert re.findall(r'<option value="([^"]+)" selected>', html) == [str(chosen.pk)]
