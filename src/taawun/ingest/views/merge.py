"""Two records of one person, agency or engagement made one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taawun.ingest.forms import RecordPickForm
from taawun.ingest.views.guards import editors_only
from taawun.registry import merging
from taawun.registry.models import Agency, Engagement, Person

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
