"""The review desk as the tests use it: its address, its decisions' addresses, and a decision
posted with the desk's forms filled in as the page shows them (with overrides)."""

from __future__ import annotations

from tests.ingest.browser import form_as_posted


def review_url(draft) -> str:
    return f"/en/ingest/drafts/{draft.pk}/"


def decision_url(draft, action: str) -> str:
    """Where the review desk posts a decision: accept, save, attach or reject."""
    return f"/en/ingest/drafts/{draft.pk}/{action}/"


def review_post(client, draft, action: str, **overrides):
    """The review form as the page fills it in, with overrides, posted to a decision's address."""
    return client.post(decision_url(draft, action), review_data(client, draft, **overrides))


def review_data(client, draft, **overrides) -> dict:
    """The review form as the page fills it in, with overrides."""
    page = client.get(review_url(draft))
    context = page.context
    data = {}
    for form in [context["draft_form"], *context["people_formset"], *context["follow_up_formset"]]:
        for field in form:
            value = field.value()
            if value in (None, False):
                continue
            if isinstance(value, list):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = "on" if value is True else str(value)
    for formset in (context["people_formset"], context["follow_up_formset"]):
        for field in formset.management_form:
            data[field.html_name] = str(field.value())
    data.update(overrides)
    return data


def browser_post(client, draft, action: str, **overrides):
    """The review form exactly as a browser submits the page (see tests/ingest/browser.py)."""
    page = client.get(review_url(draft)).content.decode()
    data = {**form_as_posted(page, decision_url(draft, action)), **overrides}
    return client.post(decision_url(draft, action), data)
