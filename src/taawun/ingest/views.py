"""Pages of the ingestion pipeline: review queue, upload or paste, review screen, import batches
and feed subscriptions. Officers and administrators only (others get 403); a draft above the
reader's clearance does not exist for them (404)."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from taawun import vocabulary
from taawun.access.policy import can_edit, can_view, is_sensitive
from taawun.audit.models import Action
from taawun.audit.services import append, audit_denied, audit_view
from taawun.core.dates import gregorian
from taawun.core.i18n import term_label
from taawun.extract import normalize_arabic
from taawun.ingest import selectors, services
from taawun.ingest.forms import (
    DraftForm,
    FeedForm,
    FollowUpFormSet,
    PeopleFormSet,
    RecordPickForm,
    RejectForm,
    UploadForm,
    agency_label,
    engagement_label,
    person_label,
)
from taawun.ingest.highlight import mark_id
from taawun.ingest.models import Draft, FeedSubscription
from taawun.ingest.readers import UnreadableDocument, html_to_text, read_document, sniff
from taawun.records.services import record_delete, record_save
from taawun.records.visibility import visible_related
from taawun.registry import event_matching, merging, resolution
from taawun.registry.models import Agency, Engagement, Party, Person


def editors_only(view):
    """Logged in, with a role that edits: officers and administrators; the rest get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_edit(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_draft_for_user(request, pk: int) -> Draft:
    draft = selectors.drafts_visible_to(request.user).filter(pk=pk).first()
    if draft is None:
        if Draft.objects.filter(pk=pk).exists():
            audit_denied(request=request, model_label=Draft._meta.label, object_pk=pk, note="hidden")
        raise Http404
    return draft


# --- queue ----------------------------------------------------------------------------------


@editors_only
def draft_list(request):
    status = request.GET.get("status", Draft.Status.PENDING)
    if status not in Draft.Status.values and status != "all":
        status = Draft.Status.PENDING
    queryset = selectors.drafts_visible_to(request.user, status=None if status == "all" else status)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    batches = selectors.batches_visible_to(request.user)[:5]
    return render(
        request,
        "ingest/draft_list.html",
        {"page": page, "status": status, "statuses": Draft.Status.choices, "batches": batches},
    )


# --- upload and paste -----------------------------------------------------------------------


def _paste_text(text: str) -> tuple[str, str]:
    """Pasted HTML loses its markup like an uploaded page; plain text stays as it is."""
    data = text.encode("utf-8")
    return html_to_text(text) if sniff(data) == "html" else (text, "")


@editors_only
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        home = data["home"].code if data.get("home") else ""
        files = data["files"]
        if len(files) > 1:
            return _upload_many(request, files, data, home)
        try:
            if files:
                upload = files[0]
                text, title = read_document(_read_upload(upload), name=upload.name)
            else:
                text, title = _paste_text(data["text"])
            outcome = services.ingest_text(
                text=text,
                title=data.get("title") or title,
                url=data.get("url") or "",
                published_on=data.get("published_on"),
                home=home,
                classification=data["classification"],
                actor=request.user,
                request=request,
            )
        except (UnreadableDocument, services.DraftError) as error:
            form.add_error(None, str(error))
        else:
            return _after_ingest(request, outcome)
    status = 400 if request.method == "POST" else 200
    return render(request, "ingest/upload.html", {"form": form}, status=status)


def _read_upload(upload) -> bytes:
    from taawun.ingest.readers import max_bytes

    if upload.size is not None and upload.size > max_bytes():
        raise UnreadableDocument(
            _("%(name)s is larger than the limit of %(limit)s MB.")
            % {"name": upload.name, "limit": round(max_bytes() / (1024 * 1024), 1)}
        )
    upload.seek(0)
    return upload.read(max_bytes() + 1)


def _after_ingest(request, outcome: services.Outcome):
    if outcome.status == "known":
        draft = outcome.draft
        if draft is not None and can_view(request.user, draft):
            messages.info(request, _("This document is already stored; here is its draft."))
            return HttpResponseRedirect(draft.get_absolute_url())
        messages.info(request, _("This document is already stored; nothing was added."))
        return HttpResponseRedirect(reverse("ingest:draft_list"))
    messages.success(request, _("The document was read; review the draft below."))
    return HttpResponseRedirect(outcome.draft.get_absolute_url())


def _upload_many(request, files, data, home: str):
    items, failures = [], []
    for upload in files:
        try:
            text, _title = read_document(_read_upload(upload), name=upload.name)
        except UnreadableDocument as error:
            failures.append((upload.name, str(error)))
        else:
            items.append((upload.name, text))
    batch = services.import_batch_create(
        items=items, failures=failures, actor=request.user, classification=data["classification"], home=home
    )
    from taawun.ingest.tasks import import_batch

    import_batch.enqueue(batch.pk)
    messages.success(request, _("The files are being imported in the background."))
    return HttpResponseRedirect(batch.get_absolute_url())


@editors_only
def batch_detail(request, pk: int):
    batch = selectors.batches_visible_to(request.user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    context = {"batch": batch, "items": batch.items.select_related("draft")}
    if request.htmx:
        return render(request, "ingest/_batch_progress.html", context)
    return render(request, "ingest/batch_detail.html", context)


# --- review ---------------------------------------------------------------------------------


def _evidence_fields(draft: Draft, user) -> list[dict]:
    """Each extracted value with the id of the mark that shows where the text says it.

    A partner is named only if the reviewer may see it: a hidden one is shown exactly as a code
    that is not in the registry (issue 16, M3)."""
    data, evidence = draft.extracted or {}, draft.evidence or {}
    names = dict(Party.objects.visible_to(user).values_list("code", "name_ar"))
    kinds = {term.key: term for term in vocabulary.kinds()}
    domains = {term.key: term for term in vocabulary.domains()}
    cooperation = {term.key: term for term in vocabulary.forms()}

    def row(label, value, key):
        return {"label": label, "value": value, "anchor": mark_id(key) if evidence.get(key) else ""}

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


def _candidates(user, entries: list[dict]) -> tuple[dict[int, list], dict[int, list]]:
    """Per participant row, the people and the agencies of the registry proposed as matches,
    each with its reasons (taawun.registry.resolution, within the reviewer's clearance), and
    the one already chosen (if the reviewer may see it: picked with the search, say)."""
    people_found, agencies_found = {}, {}
    for index, entry in enumerate(entries):
        party = entry.get("party") or None
        people = resolution.person_candidates(
            user,
            name=entry.get("name") or "",
            party=party,
            rank=entry.get("rank") or None,
            position=entry.get("position") or "",
        )
        match = entry.get("match")
        if match and all(candidate.pk != int(match) for candidate in people):
            chosen = Person.objects.visible_to(user).filter(pk=match).first()
            people = [resolution.Candidate(chosen, 0, [_("chosen")]), *people] if chosen else people
        people_found[index] = people
        agencies = resolution.agency_candidates(user, name=entry.get("agency") or "", party=party)
        chosen_agency = entry.get("agency_match")
        if str(chosen_agency or "").isdigit() and all(a.pk != int(chosen_agency) for a in agencies):
            chosen = Agency.objects.visible_to(user).filter(pk=chosen_agency, party_id=party).first()
            agencies = [resolution.Candidate(chosen, 0, [_("chosen")]), *agencies] if chosen else agencies
        agencies_found[index] = agencies
    return people_found, agencies_found


def _posted_people(data) -> list[dict]:
    try:
        total = min(int(data.get("people-TOTAL_FORMS", 0)), 200)
    except ValueError:
        total = 0

    def number(field: str) -> str | None:
        value = data.get(field, "")
        return value if value.isdigit() else None

    return [
        {
            "name": data.get(f"people-{i}-name", ""),
            "party": data.get(f"people-{i}-party", ""),
            "rank": data.get(f"people-{i}-rank", ""),
            "position": data.get(f"people-{i}-position", ""),
            "agency": data.get(f"people-{i}-agency", ""),
            "match": number(f"people-{i}-match"),
            "agency_match": number(f"people-{i}-agency_match"),
        }
        for i in range(total)
    ]


def _person_initial(person: dict) -> dict:
    """A participant of the review record as its row shows it (the agency choice as posted)."""
    choice = person.get("agency_match")
    return {**person, "agency_match": "" if choice is None else str(choice)}


class _PeopleFormSet(PeopleFormSet):
    def __init__(self, *args, candidates=None, agency_candidates=None, **kwargs):
        self.candidates = candidates or {}
        self.agency_candidates = agency_candidates or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["candidates"] = self.candidates.get(index, []) if index is not None else []
        kwargs["agency_candidates"] = self.agency_candidates.get(index, []) if index is not None else []
        return kwargs


def _review_forms(request, draft: Draft, data=None):
    user = request.user
    record = services.review_record(draft, user)
    people = record.get("people") or []
    candidates, agency_candidates = _candidates(user, _posted_people(data) if data is not None else people)
    draft_form = DraftForm(data, user=user, initial=_draft_initial(record, draft), prefix="draft")
    people_formset = _PeopleFormSet(
        data,
        initial=[_person_initial(person) for person in people],
        prefix="people",
        form_kwargs={"user": user},
        candidates=candidates,
        agency_candidates=agency_candidates,
    )
    follow_up_formset = FollowUpFormSet(
        data, initial=record.get("follow_ups") or [], prefix="followups", form_kwargs={"user": user}
    )
    return record, draft_form, people_formset, follow_up_formset


FIELD_LABELS = {
    "kind": _lazy("kind"),
    "title_ar": _lazy("Arabic title"),
    "start": _lazy("start"),
    "end": _lazy("end"),
    "country": _lazy("country of the location"),
    "city": _lazy("city"),
    "host": _lazy("host"),
    "summary": _lazy("summary"),
}


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


def _found_engagements(request, draft: Draft) -> list:
    """Engagements the reviewer looked for by title (the `find` box), within their clearance."""
    query = (request.GET.get("find") or "").strip()[:100]
    if len(query) < 2:
        return []
    fragments = [resolution.stable_fragment(word) for word in query.split()]
    arabic = Q()
    for fragment in fragments:
        if fragment:
            arabic &= Q(title_ar__contains=fragment)
    queryset = (
        Engagement.objects.visible_to(request.user)
        .filter(arabic | Q(title_en__icontains=query))
        .exclude(sources=draft.source)
    )
    return [
        event_matching.EventCandidate(engagement, 0, [_("found by search")]) for engagement in queryset[:10]
    ]


def _joining(engagement: Engagement, record: dict) -> list[dict]:
    """The report's matched participants attaching would add to the engagement, as a fill row."""
    present = set(engagement.participations.values_list("person_id", flat=True))
    names = [
        entry.get("name") or str(entry["match"])
        for entry in record.get("people") or []
        if entry.get("include", True) and entry.get("match") and int(entry["match"]) not in present
    ]
    return [{"key": "participants", "label": _("participants"), "report": "، ".join(names)}] if names else []


def _attach_choices(request, draft: Draft, record: dict) -> list[dict]:
    """The engagements the report may be attached to (proposed, then found by search), each
    with its reasons, the fields it would fill and the contested ones side by side."""
    proposed = services.merge_candidates_for(draft, request.user, record)
    seen = {candidate.engagement.pk for candidate in proposed}
    found = [
        candidate for candidate in _found_engagements(request, draft) if candidate.engagement.pk not in seen
    ]
    parties = dict(Party.objects.visible_to(request.user).values_list("code", "name_ar"))
    choices = []
    for candidate in [*proposed, *found]:
        engagement = candidate.engagement
        fills, conflicts = services.attach_preview(engagement, record)

        def row(key, engagement=engagement):
            return {
                "key": key,
                "label": FIELD_LABELS[key],
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


def _consistent(draft_form, people_formset) -> bool:
    """Checks across the engagement and its participants, each error on the field to correct:
    the host is not a guest too, and a participant in the host's role is of the host party."""
    data = draft_form.cleaned_data
    host = data.get("host")
    ok = True
    if host and host in (data.get("guests") or []):
        draft_form.add_error("guests", _("The host cannot also be a guest."))
        ok = False
    for form in people_formset:
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


def _render_review(request, draft: Draft, *, forms=None, reject_form=None, status: int = 200):
    from taawun.ingest.highlight import highlight

    context = {
        "draft": draft,
        "source": draft.source,
        "article": highlight(draft.source.text, draft.evidence),
        "evidence_fields": _evidence_fields(draft, request.user),
        # The engagement filed from it, unless it is above the reviewer's clearance.
        "engagement": visible_related(request.user, draft.engagement),
    }
    if draft.status == Draft.Status.PENDING:
        record, draft_form, people_formset, follow_up_formset = forms or _review_forms(request, draft)
        context.update(
            draft_form=draft_form,
            people_formset=people_formset,
            follow_up_formset=follow_up_formset,
            reject_form=reject_form or RejectForm(prefix="reject"),
            merge_candidates=_attach_choices(request, draft, record),
            find=(request.GET.get("find") or "").strip()[:100],
        )
    return render(request, "ingest/draft_review.html", context, status=status)


@editors_only
@require_http_methods(["GET", "POST"])
def draft_review(request, pk: int):
    draft = get_draft_for_user(request, pk)
    if request.method == "GET":
        if is_sensitive(draft):
            audit_view(record=draft, actor=request.user, request=request)
        return _render_review(request, draft)
    action = request.POST.get("action")
    try:
        if action == "reject":
            reject_form = RejectForm(request.POST, prefix="reject")
            if not reject_form.is_valid():
                messages.error(request, _("Give the reason for rejecting the draft."))
                return _render_review(request, draft, reject_form=reject_form, status=400)
            services.draft_reject(
                draft=draft, reason=reject_form.cleaned_data["reason"], actor=request.user, request=request
            )
            messages.success(request, _("The draft was rejected; nothing was added to the registry."))
            return HttpResponseRedirect(reverse("ingest:draft_list"))
        if action == "merge":
            engagement = (
                Engagement.objects.visible_to(request.user)
                .filter(pk=request.POST.get("engagement") or 0)
                .first()
                if (request.POST.get("engagement") or "").isdigit()
                else None
            )
            if engagement is None:
                raise Http404
            take = set(request.POST.getlist("take")) & set(FIELD_LABELS)
            _engagement, changed = services.draft_attach(
                draft=draft,
                engagement=engagement,
                record=services.review_record(draft, request.user),
                take=take,
                actor=request.user,
                request=request,
            )
            messages.success(request, _("The source was added to the existing engagement."))
            return HttpResponseRedirect(engagement.get_absolute_url())
        if action in {"accept", "save"}:
            forms = _review_forms(request, draft, request.POST)
            _record, draft_form, people_formset, follow_up_formset = forms
            valid = draft_form.is_valid() and people_formset.is_valid() and follow_up_formset.is_valid()
            if not (valid and _consistent(draft_form, people_formset)):
                messages.error(request, _("Nothing was saved: correct the fields marked below."))
                return _render_review(request, draft, forms=forms, status=400)
            record = draft_form.record()
            record["people"] = [form.entry() for form in people_formset if form.has_changed() or form.initial]
            record["follow_ups"] = [
                form.entry() for form in follow_up_formset if form.has_changed() or form.initial
            ]
            if action == "save":
                services.draft_save(draft=draft, record=record, actor=request.user, request=request)
                messages.success(request, _("The draft was saved."))
                return HttpResponseRedirect(draft.get_absolute_url())
            engagement = services.draft_accept(
                draft=draft,
                record=record,
                actor=request.user,
                request=request,
                classification=draft_form.cleaned_data["classification"],
            )
            messages.success(request, _("Accepted: the engagement is now in the registry."))
            return HttpResponseRedirect(engagement.get_absolute_url())
    except services.DraftError as error:
        messages.error(request, str(error))
        draft.refresh_from_db()
        forms = _review_forms(request, draft, request.POST) if action in {"accept", "save"} else None
        if forms:
            for form in forms[1:]:
                form.is_valid()
        return _render_review(request, draft, forms=forms, status=400)
    messages.error(request, _("Unknown action."))
    return _render_review(request, draft, status=400)


# --- type-ahead ----------------------------------------------------------------------------

SEARCH_RESULTS = 20
SEARCH_SCAN = 500  # rows narrowed by the database that are checked word by word


def _typed(request) -> str:
    """The words typed into a type-ahead, or "" when too few to search on."""
    query = " ".join((request.GET.get("q") or "").split())[:100]
    return query if len(query) >= 2 else ""


def _name_matches(queryset, query: str, *, arabic: str, english: str, code: str = "") -> list:
    """Rows whose Arabic field holds every word typed (normalised: hamza, ta marbuta, spacing),
    whose English field holds the whole query, or whose `code` field is the query (an
    abbreviation). The database narrows with a stable fragment of each word; the words are then
    checked on the normalised text."""
    narrowed = Q()
    for fragment in (resolution.stable_fragment(word) for word in query.split()):
        if fragment:
            narrowed &= Q(**{f"{arabic}__contains": fragment})
    wider = Q(**{f"{english}__icontains": query})
    if code:
        wider |= Q(**{f"{code}__iexact": query})
    wanted = normalize_arabic(query).split()
    lowered = query.lower()
    return [
        row
        for row in queryset.filter(narrowed | wider)[:SEARCH_SCAN]
        if all(word in normalize_arabic(getattr(row, arabic)) for word in wanted)
        or lowered in getattr(row, english).lower()
        or (code and lowered == getattr(row, code).lower())
    ]


def _results(rows, label, user) -> JsonResponse:
    return JsonResponse(
        {"results": [{"id": row.pk, "label": label(row, user)} for row in rows[:SEARCH_RESULTS]]}
    )


@editors_only
@require_http_methods(["GET"])
def person_search(request):
    """People of the registry the reviewer may see whose name holds the words typed (Arabic
    normalised, or the English name), those of the row's party first: the review screen's
    type-ahead for a participant who is in the registry but was not proposed."""
    query = _typed(request)
    if not query:
        return _results([], person_label, request.user)
    people = Person.objects.visible_to(request.user).select_related("agency", "party").order_by("pk")
    found = _name_matches(people, query, arabic="name_ar", english="name_en")
    party = (request.GET.get("party") or "").upper()
    found.sort(key=lambda person: (person.party_id != party, person.name_ar, person.pk))
    return _results(found, person_label, request.user)


@editors_only
@require_http_methods(["GET"])
def agency_search(request):
    """Agencies the officer may see whose Arabic name holds the words typed, or whose English
    name or abbreviation holds them: the merge page's type-ahead."""
    query = _typed(request)
    if not query:
        return _results([], agency_label, request.user)
    agencies = Agency.objects.visible_to(request.user).select_related("party").order_by("pk")
    found = _name_matches(agencies, query, arabic="name_ar", english="name_en", code="abbreviation")
    found.sort(key=lambda agency: (agency.name_ar, agency.pk))
    return _results(found, agency_label, request.user)


@editors_only
@require_http_methods(["GET"])
def engagement_search(request):
    """Engagements the officer may see whose title holds the words typed: the merge page's
    type-ahead."""
    query = _typed(request)
    if not query:
        return _results([], engagement_label, request.user)
    engagements = Engagement.objects.visible_to(request.user)
    found = _name_matches(engagements, query, arabic="title_ar", english="title_en")
    return _results(found, engagement_label, request.user)


# --- merging ---------------------------------------------------------------------------------

MERGED_KINDS = {"person": Person, "agency": Agency, "engagement": Engagement}
SEARCHES = {
    "person": "ingest:person_search",
    "agency": "ingest:agency_search",
    "engagement": "ingest:engagement_search",
}


@editors_only
@require_http_methods(["GET", "POST"])
def record_merge(request, kind: str):
    """Two records of one person (or one agency): pick them (type-ahead), then the record kept
    and, field by field, whose value it keeps. A refusal (a record or a reference above the
    clearance, agencies of two parties) writes nothing and says why."""
    model = MERGED_KINDS[kind]
    picks = [
        RecordPickForm(request.GET, prefix=prefix, user=request.user, model=model)
        for prefix in ("first", "second")
    ]
    records = [form.cleaned_data.get("match") for form in picks if form.is_valid()]
    records = [record for record in records if record is not None]
    if len({record.pk for record in records}) != 2:
        records = []
    status = 200
    if request.method == "POST" and records:
        by_pk = {record.pk: record for record in records}
        chosen = request.POST.get("survivor") or ""
        survivor = by_pk.get(int(chosen)) if chosen.isdigit() else None
        choices = {}
        for name in merging.CHOSEN_FIELDS[model]:
            value = request.POST.get(f"field-{name}") or ""
            if value.isdigit():
                choices[name] = int(value)
        try:
            if survivor is None:
                raise merging.MergeRefused(_("Choose the record that is kept."))
            kept = merging.merge_records(
                survivor=survivor,
                merged=[record for record in records if record.pk != survivor.pk],
                choices=choices,
                actor=request.user,
                request=request,
            )
        except merging.MergeRefused as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("The records were merged into one."))
            return HttpResponseRedirect(kept.get_absolute_url())
    rows = []
    for name in merging.CHOSEN_FIELDS[model]:
        values = [(record.pk, _field_shown(record, name)) for record in records]
        rows.append({"name": name, "label": model._meta.get_field(name).verbose_name, "values": values})
    context = {"picks": picks, "records": records, "rows": rows, "kind": kind, "search": SEARCHES[kind]}
    return render(request, "ingest/record_merge.html", context, status=status)


def _field_shown(record, name: str) -> str:
    value = getattr(record, name)
    if value and name in {"rank", "kind"}:
        return getattr(record, f"get_{name}_display")()
    return str(value) if value else ""


# --- feeds ---------------------------------------------------------------------------------


def _feed_conflict(form) -> None:
    """The address is taken. The message is the same whether the feed holding it is one the user
    may see or one above their clearance, and names neither: it must not reveal a hidden feed."""
    form.add_error("url", _("This address cannot be watched: it may already be watched."))


@editors_only
@require_http_methods(["GET", "POST"])
def feed_list(request):
    form = FeedForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                feed = form.save(commit=False)
                feed.created_by = request.user
                feed.save()
                append(action=Action.CREATE, actor=request.user, request=request, record=feed)
        except IntegrityError:
            _feed_conflict(form)
        else:
            messages.success(request, _("The feed is now watched."))
            return HttpResponseRedirect(reverse("ingest:feed_list"))
    status = 400 if request.method == "POST" else 200
    feeds = selectors.feeds_visible_to(request.user)
    return render(request, "ingest/feed_list.html", {"form": form, "feeds": feeds}, status=status)


def get_feed_for_user(request, pk: int) -> FeedSubscription:
    """A feed the user may see, else 404 (a refusal of a hidden one goes to the audit trail)."""
    feed = selectors.feeds_visible_to(request.user).filter(pk=pk).first()
    if feed is None:
        if FeedSubscription.objects.filter(pk=pk).exists():
            audit_denied(
                request=request, model_label=FeedSubscription._meta.label, object_pk=pk, note="hidden"
            )
        raise Http404
    return feed


@editors_only
def feed_detail(request, pk: int):
    """The feed, its last poll ("polling…" while one is queued or running) and the items skipped."""
    feed = get_feed_for_user(request, pk)
    context = {"feed": feed, "skipped": feed.entries.exclude(reason="").order_by("-seen_at", "-pk")[:50]}
    if request.htmx:
        return render(request, "ingest/_feed_status.html", context)
    return render(request, "ingest/feed_detail.html", context)


@editors_only
@require_http_methods(["GET", "POST"])
def feed_update(request, pk: int):
    feed = get_feed_for_user(request, pk)
    form = FeedForm(request.POST or None, instance=feed, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record_save(form=form, actor=request.user, request=request)
        except IntegrityError:
            _feed_conflict(form)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(feed.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "ingest/feed_form.html", {"form": form, "feed": feed}, status=status)


@editors_only
@require_http_methods(["GET", "POST"])
def feed_delete(request, pk: int):
    """Stop watching a feed. The drafts its items became stay in the review queue; only the
    memory of which items were taken goes with it."""
    feed = get_feed_for_user(request, pk)
    if request.method == "POST":
        record_delete(record=feed, actor=request.user, request=request)
        messages.success(request, _("The feed is no longer watched."))
        return HttpResponseRedirect(reverse("ingest:feed_list"))
    return render(request, "ingest/feed_confirm_delete.html", {"feed": feed})


# A poll asked for longer ago than this without an answer (no worker running?) may be asked again.
POLL_REQUEST_EXPIRES = dt.timedelta(minutes=10)


@editors_only
@require_http_methods(["POST"])
def feed_poll(request, pk: int):
    """Queue a poll of the feed for the task worker; the web request never waits for the feed.
    A poll already queued is not queued again (clicking twice would only fill the queue)."""
    feed = get_feed_for_user(request, pk)
    now = timezone.now()
    queued = (
        FeedSubscription.objects.filter(pk=feed.pk)
        .filter(Q(poll_requested_at__isnull=True) | Q(poll_requested_at__lt=now - POLL_REQUEST_EXPIRES))
        .update(poll_requested_at=now)
    )
    if queued:
        from taawun.ingest.tasks import poll_feed

        poll_feed.enqueue(feed.pk)
    messages.info(request, _("The feed is being polled in the background; this page shows the result."))
    return HttpResponseRedirect(feed.get_absolute_url())
