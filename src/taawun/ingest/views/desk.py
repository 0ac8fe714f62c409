"""The review desk's page: the article beside what was read in it, the engagements of the
registry it may report, and the forms of the decision. Shown by the desk itself and again, with
the errors, by each decision refused (views/review.py)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from taawun import vocabulary
from taawun.core.dates import gregorian
from taawun.core.i18n import term_label
from taawun.ingest import services
from taawun.ingest.field_notes import FieldNotes
from taawun.ingest.forms import (
    ATTACHED_FIELDS,
    FindEngagementForm,
    HomeForm,
    RejectForm,
    ReviewForms,
)
from taawun.ingest.highlight import highlight, mark_id
from taawun.ingest.models import Draft
from taawun.records.visibility import visible_related
from taawun.registry import event_matching
from taawun.registry.models import Engagement, Party


def _evidence_fields(draft: Draft, names: dict[str, str]) -> list[dict]:
    """Each extracted value with the id of the mark that shows where the text says it, and its
    note: whether the engine was unsure of it, and why it reads so (field_notes.py).

    A partner is named only if the reviewer may see it (`names`: the visible parties): a hidden
    one is shown exactly as a code that is not in the registry (issue 16, M3)."""
    data, evidence = draft.extracted or {}, draft.evidence or {}
    notes = FieldNotes(draft)
    kinds = {term.key: term for term in vocabulary.kinds()}
    domains = {term.key: term for term in vocabulary.domains()}
    cooperation = {term.key: term for term in vocabulary.forms()}

    def row(label, value, key):
        return {
            "label": label,
            "value": value,
            "anchor": mark_id(key) if evidence.get(key) else "",
            "note": notes.for_key(key),  # "guests:FR" is graded as the guests
            "note_id": f"why-{mark_id(key)}",
        }

    def party(code):
        return f"{names.get(code, code)} ({code})"

    rows = []
    if data.get("kind"):
        kind = kinds.get(data["kind"])
        rows.append(row(_("Kind"), term_label(kind) if kind else data["kind"], "kind"))
    if data.get("start"):
        rows.append(row(_("Start"), data["start"], "start"))
    if data.get("end"):
        rows.append(row(_("End"), data["end"], "end"))
    location = data.get("location") or {}
    if location.get("country") or location.get("city"):
        where = ", ".join(filter(None, [location.get("city"), location.get("country")]))
        rows.append(row(_("Place"), where, "location"))
    if data.get("host"):
        rows.append(row(_("Host"), party(data["host"]), "host"))
    for code in data.get("guests") or []:
        rows.append(row(_("Guest"), party(code), f"guests:{code}"))
    for code in data.get("parties") or []:
        rows.append(row(_("Party"), party(code), f"parties:{code}"))
    for index, person in enumerate(data.get("people") or []):
        described = " · ".join(filter(None, [person.get("rank"), person.get("name"), person.get("position")]))
        rows.append(row(_("Person"), described, f"people:{index}"))
    for key in data.get("domains") or []:
        rows.append(row(_("Domain"), term_label(domains[key]) if key in domains else key, f"domains:{key}"))
    for key in data.get("forms") or []:
        label = term_label(cooperation[key]) if key in cooperation else key
        rows.append(row(_("Form of cooperation"), label, f"forms:{key}"))
    for index, phrase in enumerate(data.get("follow_ups") or []):
        rows.append(row(_("Follow-up"), phrase, f"follow_ups:{index}"))
    return rows


def _shown_value(value, key: str, parties: dict[str, str]) -> str:
    """A field's value as the attach table shows it (a party the reader may not see: its code)."""
    if key in {"start", "end"}:
        date, precision = value
        return gregorian(date, precision) if date else ""
    if key in {"country", "host"} and value:
        return f"{parties.get(value, value)} ({value})"
    if key == "kind" and value:
        kind = next((term for term in vocabulary.kinds() if term.key == value), None)
        return term_label(kind) if kind else value
    return str(value or "")


def _found_engagements(find_form: FindEngagementForm, draft: Draft) -> list:
    """The engagement the reviewer found with the picker (one they may see: the form checks it),
    unless the report is already one of its sources."""
    engagement = find_form.cleaned_data.get("engagement") if find_form.is_valid() else None
    if engagement is None or draft.source.engagements.filter(pk=engagement.pk).exists():
        return []
    return [event_matching.EventCandidate(engagement, 0, [_("found by search")])]


def _joining(engagement: Engagement, record: dict) -> list[dict]:
    """The report's matched participants attaching would add to the engagement, as a fill row."""
    present = set(engagement.participations.values_list("person_id", flat=True))
    names = [
        entry.get("name") or str(entry["match"])
        for entry in record.get("people") or []
        if entry.get("include", True) and entry.get("match") and int(entry["match"]) not in present
    ]
    return [{"key": "participants", "label": _("participants"), "report": "، ".join(names)}] if names else []


def _attach_choices(
    request, draft: Draft, record: dict, parties: dict[str, str], find_form: FindEngagementForm
) -> list[dict]:
    """The engagements the report may be attached to (proposed, then the one found with the
    picker), each with its reasons, the fields it would fill and the contested ones side by side."""
    proposed = services.merge_candidates_for(draft, request.user, record)
    seen = {candidate.engagement.pk for candidate in proposed}
    found = [
        candidate for candidate in _found_engagements(find_form, draft) if candidate.engagement.pk not in seen
    ]
    choices = []
    for candidate in [*proposed, *found]:
        engagement = candidate.engagement
        fills, conflicts = services.attach_preview(engagement, record)

        def row(key, engagement=engagement):
            return {
                "key": key,
                "label": ATTACHED_FIELDS[key],
                "registry": _shown_value(services.engagement_value(engagement, key), key, parties),
                "report": _shown_value(services.report_value(record, key), key, parties),
            }

        choices.append(
            {
                "engagement": engagement,
                "score": candidate.score,
                "reasons": candidate.reasons,
                "fills": [row(key) for key in fills] + _joining(engagement, record),
                "conflicts": [row(key) for key in conflicts],
            }
        )
    return choices


def render_review(request, draft: Draft, *, forms=None, reject_form=None, home_form=None, status: int = 200):
    """The review desk: the article with its evidence marked, what was read (the fields the
    engine was unsure of marked), the home party it was read with and why, and, while the draft
    is pending, the engagements it may be attached to and the forms to accept, save, read again
    with another home party, or reject it. The forms given (bound, after an error) are shown as
    the officer left them."""
    names = dict(Party.objects.visible_to(request.user).values_list("code", "name_ar"))
    context = {
        "draft": draft,
        "source": draft.source,
        "article": highlight(draft.source.text, draft.evidence),
        "evidence_fields": _evidence_fields(draft, names),
        # The home party as the reader may know it: a hidden one is its code alone.
        "home_name": f"{names[draft.home]} ({draft.home})" if draft.home in names else draft.home,
        # The engagement filed from it, unless it is above the reviewer's clearance.
        "engagement": visible_related(request.user, draft.engagement),
    }
    if request.method == "POST":  # a decision refused: its address takes no GET, the desk's does
        context["page_address"] = reverse("ingest:draft_review", args=[draft.pk])
    if draft.status == Draft.Status.PENDING:
        forms = forms or ReviewForms(draft=draft, user=request.user)
        find_form = FindEngagementForm(request.GET or None, user=request.user, prefix="find")
        context.update(
            draft_form=forms.draft,
            people_formset=forms.people,
            follow_up_formset=forms.follow_ups,
            reject_form=reject_form or RejectForm(prefix="reject"),
            home_form=home_form
            or HomeForm(user=request.user, prefix="home", initial={"home": draft.home or None}),
            merge_candidates=_attach_choices(request, draft, forms.current, names, find_form),
            find_form=find_form,
        )
    return render(request, "ingest/draft_review.html", context, status=status)
