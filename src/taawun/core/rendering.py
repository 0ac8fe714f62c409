"""Form widgets rendered by Django's own templates, except the select, which is written here.

A select of every partner has hundreds of options, and Django renders each through a template of
its own: the search form's three selects took 13 ms, a quarter of the search page. Written here
they take 4.7 ms, most of it finding the partners (9 ms with the options written out in the
select's own template instead). The markup is Django's, character for character
(tests/core/test_rendering.py compares them). Selects of a widget with templates of its own still
go through them. Kept for its measured gain against Django's renderer: docs/BENCHMARKS.md, "Speed
shortcuts" (benchmarks/shortcuts_bench.py).
"""

from __future__ import annotations

import html

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _escaped(value) -> str:
    """As the templates' autoescape (django.utils.html.conditional_escape, without its lazy wrapper)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True alone, False left out, the rest quoted."""
    written = []
    for name, value in attrs.items():
        if value is False:
            continue
        written.append(f" {_escaped(name)}")
        if value is not True:
            written.append(f'="{_escaped(str(value))}"')
    return "".join(written)


def _option(option: dict) -> str:
    return f'<option value="{_escaped(str(option["value"]))}"{_attrs(option["attrs"])}>{_escaped(option["label"])}</option>'


def select_html(widget: dict) -> str:
    parts = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escaped(group_name)}">')
        # Each option on a line of its own, followed by the newline that ends Django's option file.
        parts.extend(f"\n  {_option(option)}\n" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget and all(
            option["template_name"] == OPTION
            for _name, choices, _index in widget["optgroups"]
            for option in choices
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
