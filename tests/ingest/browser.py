"""What a browser would post from a page's form: the review tests post exactly that, so a field
the page renders in a state the server does not expect (a select with nothing selected, whose
first option the browser sends) shows up as it would for a person."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The successful controls of every form of a page, and where its submit buttons post to (a
    button's own formaction, else the form's action)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {"fields": [], "action": attrs.get("action") or "", "posts_to": set()}
        elif self.form is None:
            return
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self.form["posts_to"].add(attrs.get("formaction") or self.form["action"])
        elif tag == "input" and attrs.get("name") and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.form["fields"].append((attrs["name"], attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file", "reset", "image"}:
                self.form["fields"].append((attrs["name"], attrs.get("value", "")))
        elif tag == "select" and "disabled" not in attrs:
            self.select = {"name": attrs.get("name"), "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
            self.select["options"].append(self.option)
        elif tag == "textarea":
            self.textarea = {"name": attrs.get("name"), "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            self._close_select()
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None and self.textarea["name"]:
                self.form["fields"].append((self.textarea["name"], self.textarea["text"].removeprefix("\n")))
            self.textarea = None
        elif tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None

    def _close_select(self):
        select, self.select = self.select, None
        if self.form is None or not select["name"] or not select["options"]:
            return
        chosen = [option for option in select["options"] if option["selected"]]
        if not chosen and not select["multiple"]:
            chosen = select["options"][:1]  # what a browser does with a select nothing selects
        for option in chosen:
            value = option["value"] if option["value"] is not None else option["text"].strip()
            self.form["fields"].append((select["name"], value))


def form_as_posted(html: str, address: str) -> dict[str, list[str]]:
    """name -> values, as a browser submits the form with a button that posts to that address."""
    reader = _FormReader()
    reader.feed(html)
    form = next(form for form in reader.forms if address in form["posts_to"])
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    return data


def selected_option(html: str, address: str, name: str) -> str | None:
    """The value a browser would send for the select (or input) of that name, in the form that
    posts to that address."""
    values = form_as_posted(html, address).get(name)
    return values[0] if values else None
