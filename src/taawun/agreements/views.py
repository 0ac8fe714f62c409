from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from taawun.agreements import filters, forms
from taawun.agreements.models import ActionItem, JointCommittee, Understanding
from taawun.core.crud import Column, Crud

understanding = Crud(
    model=Understanding,
    form_class=forms.UnderstandingForm,
    filterset_class=filters.UnderstandingFilter,
    queryset=lambda: Understanding.objects.prefetch_related("parties"),
    columns=[
        Column(_("Title"), lambda u: u.title, link=True),
        Column(_("Kind"), lambda u: u.get_kind_display()),
        Column(_("Parties"), lambda u: list(u.parties.all())),
        Column(_("Status"), lambda u: u.get_status_display()),
        Column(_("Signed on"), lambda u: u.signed_on),
        Column(_("Expires on"), lambda u: u.expires_on),
    ],
    detail_context=lambda u, user: {
        "committees": u.committees.visible_to(user),
        "action_items": u.action_items.visible_to(user).select_related("owner_party", "owner_person"),
    },
)

committee = Crud(
    model=JointCommittee,
    form_class=forms.JointCommitteeForm,
    filterset_class=filters.JointCommitteeFilter,
    queryset=lambda: JointCommittee.objects.select_related("chair").prefetch_related("parties"),
    columns=[
        Column(_("Name"), str, link=True),
        Column(_("Parties"), lambda c: list(c.parties.all())),
        Column(_("Chair"), lambda c: c.chair),
        Column(_("Established on"), lambda c: c.established_on),
    ],
    detail_context=lambda c, user: {
        "action_items": c.action_items.visible_to(user).select_related(
            "owner_party", "owner_person", "owner_agency"
        ),
    },
)

action_item = Crud(
    model=ActionItem,
    form_class=forms.ActionItemForm,
    filterset_class=filters.ActionItemFilter,
    queryset=lambda: ActionItem.objects.select_related(
        "owner_party", "owner_person", "owner_agency", "committee"
    ),
    columns=[
        Column(_("Title"), str, link=True),
        Column(_("Responsible side"), lambda a: a.owner_party),
        Column(_("Owner"), lambda a: a.owner_person or a.owner_agency),
        Column(_("Due on"), lambda a: a.due_on),
        Column(_("Status"), lambda a: a.get_status_display()),
        Column(_("Progress"), lambda a: f"{a.progress}%"),
    ],
)

CRUDS = [understanding, committee, action_item]
