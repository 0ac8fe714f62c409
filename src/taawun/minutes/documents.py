"""The minutes as a printed document: Arabic and English side by side, the reader's choice of which
first, laid out as PDF by core.pdf. What it holds is decided by its caller (services.minutes_pdf):
the items up to a classification, never above the reader's clearance; the names of the committee,
parties and people only where the reader may see them. Its marking is the highest classification
it holds."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from taawun.access.policy import Classification, can_view, level
from taawun.core import dates
from taawun.core.pdf import html_to_pdf
from taawun.minutes.models import MinuteItem, Minutes

LANGUAGES = ("ar", "en")


def both(make: Callable[[], str]) -> dict[str, str]:
    """A text in Arabic and in English: `make` called with each language active."""
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            found[language] = str(make() or "")
    return found


def _names(record, reader) -> dict[str, str]:
    """A party's, a person's or a committee's name in both languages, where the reader may see it."""
    if record is None or not can_view(reader, record):
        return {"ar": "—", "en": "—"}
    return {"ar": record.name_ar or record.name_en, "en": record.name_en or record.name_ar}


def _date(value) -> dict[str, str]:
    if value is None:
        return {"ar": "—", "en": "—"}
    return both(
        lambda: " ".join(part for part in (dates.gregorian(value), f"({dates.hijri(value)})") if part != "()")
    )


def _rows(minutes: Minutes, reader) -> list[dict]:
    """(label, value) rows of what the minutes are of, each in both languages."""
    rows = []
    session = minutes.session
    if session is not None:
        rows.append({"label": both(lambda: _("Committee")), "value": _names(session.committee, reader)})
        rows.append(
            {
                "label": both(lambda: _("Session")),
                "value": {"ar": str(session.number), "en": str(session.number)},
            }
        )
        rows.append({"label": both(lambda: _("Held on")), "value": _date(session.held_on)})
        place = session.place_city
        country = _names(session.place_country, reader) if session.place_country_id else None
        if place or country:
            rows.append(
                {
                    "label": both(lambda: _("Place")),
                    "value": {
                        lang: "، ".join(
                            p for p in (place, country[lang] if country else "") if p and p != "—"
                        )
                        for lang in LANGUAGES
                    },
                }
            )
        rows.append(
            {"label": both(lambda: _("Chair on our side")), "value": _names(session.chair_ours, reader)}
        )
        rows.append(
            {"label": both(lambda: _("Chair on their side")), "value": _names(session.chair_theirs, reader)}
        )
    else:
        engagement = minutes.engagement
        rows.append(
            {
                "label": both(lambda: _("Engagement")),
                "value": {
                    "ar": engagement.title_ar or engagement.title_en,
                    "en": engagement.title_en or engagement.title_ar,
                },
            }
        )
        rows.append({"label": both(lambda: _("When")), "value": both(engagement.when)})
        if engagement.location_city:
            rows.append(
                {
                    "label": both(lambda: _("Place")),
                    "value": {"ar": engagement.location_city, "en": engagement.location_city},
                }
            )
    return rows


def _item(item: MinuteItem, reader) -> dict:
    found = {
        "number": item.position,
        "classification": both(item.get_classification_display),
        "text": {"ar": item.text_ar, "en": item.text_en},
        "details": [],
    }
    if item.kind == MinuteItem.Kind.COMMITMENT:
        found["details"] = [
            {"label": both(lambda: _("Responsible side")), "value": _names(item.owner_side, reader)},
            {"label": both(lambda: _("Owner (person)")), "value": _names(item.owner_person, reader)},
            {"label": both(lambda: _("Due on")), "value": _date(item.due_on)},
        ]
        if item.from_decision is not None:
            number = str(item.from_decision)
            found["details"].append(
                {"label": both(lambda: _("From decision no.")), "value": {"ar": number, "en": number}}
            )
    return found


def _in_order(value, order: list[str]):
    """Every text given in both languages ({"ar": ..., "en": ...}) as a list in the reader's order,
    each with its language and direction, for the template to lay out side by side."""
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return [
            {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "text": value[lang]} for lang in order
        ]
    if isinstance(value, dict):
        return {key: _in_order(item, order) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_order(item, order) for item in value]
    return value


def context(minutes: Minutes, *, reader, items: list[MinuteItem], first: str = "ar") -> dict:
    first = first if first in LANGUAGES else "ar"
    order = [first, *(language for language in LANGUAGES if language != first)]
    held = max([minutes.classification, *(item.classification for item in items)], key=level)
    marking = Classification(held)
    sections = []
    for kind, heading in (
        (MinuteItem.Kind.DECISION, lambda: _("Decisions")),
        (MinuteItem.Kind.RECOMMENDATION, lambda: _("Recommendations")),
        (MinuteItem.Kind.COMMITMENT, lambda: _("Commitments")),
    ):
        of_kind = [_item(item, reader) for item in items if item.kind == kind]
        if of_kind:
            sections.append({"heading": both(heading), "items": of_kind})
    approval = (
        minutes.approvals.filter(reopened_at__isnull=True).order_by("-approved_at").first()
        if minutes.is_approved
        else None
    )
    if approval is not None:
        approver = approval.approved_by
        name = (approver.get_full_name() or approver.get_username()) if approver else "—"
        status = both(
            lambda: (
                _("Approved by %(name)s on %(date)s")
                % {"name": name, "date": dates.gregorian(approval.approved_at.date())}
            )
        )
    else:
        status = both(lambda: _("Draft: not approved"))
    document = {
        "title": both(lambda: str(minutes)),
        "marking": both(lambda: marking.label),
        "marking_level": marking.value,
        "rows": _rows(minutes, reader),
        "summary": {"ar": minutes.summary_ar, "en": minutes.summary_en},
        "summary_label": both(lambda: _("Summary")),
        "sections": sections,
        "status": status,
        "text_hash": approval.text_hash if approval else "",
        "hash_label": both(lambda: _("SHA-256 of the approved text")),
        "empty": both(lambda: _("Nothing to include at this classification.")),
    }
    return {
        **_in_order(document, order),
        "first": order[0],
        "first_dir": "rtl" if order[0] == "ar" else "ltr",
    }


def render(minutes: Minutes, *, reader, items: list[MinuteItem], first: str = "ar") -> bytes:
    html = render_to_string(
        "minutes/minutes_pdf.html", context(minutes, reader=reader, items=items, first=first)
    )
    return html_to_pdf(html)
