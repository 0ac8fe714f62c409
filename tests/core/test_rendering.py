"""Selects written in Python are Django's markup, character for character."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from taawun.core.rendering import FormRenderer

DJANGO = DjangoTemplates()
OURS = FormRenderer()

CHOICES = [
    ("", "---------"),
    ("a&b", 'Quote " and <tag>'),
    ("Groups", [(1, "واحد"), (2, mark_safe("<b>two</b>"))]),
    (3, "ثلاثة"),
]


class Custom(forms.Select):
    option_template_name = "django/forms/widgets/radio_option.html"


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.Select(choices=CHOICES), "a&b"),
        (forms.Select(choices=CHOICES, attrs={"class": "wide", "data-x": 'say "hi"', "required": True}), 2),
        (forms.Select(choices=CHOICES, attrs={"disabled": False}), None),
        (forms.SelectMultiple(choices=CHOICES), [1, 3]),
        (forms.NullBooleanSelect(), True),
        (Custom(choices=CHOICES), 1),
    ],
    ids=["select", "attributes", "false-attribute", "multiple", "null-boolean", "own-option-template"],
)
def test_a_select_is_written_as_django_writes_it(widget, value):
    assert widget.render("field", value, renderer=OURS) == widget.render("field", value, renderer=DJANGO)


@pytest.mark.django_db
def test_a_form_listing_every_partner_is_written_as_django_writes_it(officer):
    from taawun.search.forms import SearchForm

    def written(renderer) -> str:
        form = SearchForm({"q": "تدريب", "party": "SY"}, user=officer, renderer=renderer)
        form.is_valid()
        return "".join(str(form[name]) for name in form.fields)

    ours = written(OURS)
    assert ours.count("<option") > 200  # every country and organisation
    assert ours == written(DJANGO)


def test_only_selects_with_options_of_their_own_go_through_templates(monkeypatch):
    asked = []
    original = DjangoTemplates.render
    monkeypatch.setattr(
        DjangoTemplates,
        "render",
        lambda self, name, *args, **kw: asked.append(name) or original(self, name, *args, **kw),
    )
    forms.Select(choices=CHOICES).render("field", 1, renderer=OURS)
    assert asked == []
    Custom(choices=CHOICES).render("field", 1, renderer=OURS)
    assert "django/forms/widgets/select.html" in asked
