"""Two records of one person, agency, engagement or source made one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from taawun.ingest.forms import RecordPickForm
from taawun.ingest.views.guards import editors_only
from taawun.registry import merging
from taawun.registry.models import Agency, Engagement, Person, Source

MERGED_KINDS = {"person": Person, "agency": Agency, "engagement": Engagement, "source": Source}
# Each kind's page: its heading, and what moves to the record kept.
PAGES = {
    "person": (
        gettext_lazy("Merge two records of one person"),
        gettext_lazy(
            "Every engagement, committee and action item of the record that goes moves to the record "
            "kept. Choose, field by field, which value the kept record has."
        ),
    ),
    "agency": (
        gettext_lazy("Merge two records of one agency"),
        gettext_lazy(
            "Every person, action item, training cohort and sub-agency of the record that goes moves "
            "to the record kept. Choose, field by field, which value the kept record has."
        ),
    ),
    "engagement": (
        gettext_lazy("Merge two records of one event"),
        gettext_lazy(
            "The sources, participants, guests, domains, action items and drafts of the record that "
            "goes move to the record kept. Choose, field by field, which value the kept record has."
        ),
    ),
    "source": (
        gettext_lazy("Merge two records of one article"),
        gettext_lazy(
            "The same article stored twice (pasted once, uploaded once): the engagements it reports "
            "and its review draft move to the record kept. A source has one review draft only, so two "
            "sources that both have one cannot be merged. Choose, field by field, which value the "
            "kept record has."
        ),
    ),
}


@editors_only
@require_http_methods(["GET", "POST"])
def record_merge(request, kind: str):
    """Two records of one person (agency, event, article): pick them (the record type's picker),
    then the record kept and, field by field, whose value it keeps. A refusal (a record or a
    reference above the clearance, agencies of two parties, two sources each with a draft) writes
    nothing and says why."""
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
    heading, lead = PAGES[kind]
    context = {
        "picks": picks,
        "records": records,
        "rows": rows,
        "kind": kind,
        "heading": heading,
        "lead": lead,
    }
    return render(request, "ingest/record_merge.html", context, status=status)


def _field_shown(record, name: str) -> str:
    value = getattr(record, name)
    if value and name in {"rank", "kind"}:
        return getattr(record, f"get_{name}_display")()
    return str(value) if value else ""
