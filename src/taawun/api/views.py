"""Pages around the API: its documentation and each user's API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import MaxValueValidator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from taawun.api import docs
from taawun.api.endpoints import RESOURCES, api
from taawun.api.models import ApiToken
from taawun.api.services import api_token_create, api_token_revoke, max_token_days


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the program that uses it."),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        required=False,  # left empty: the longest the installation allows
        help_text=gettext_lazy("The token stops working after this many days; make a new one then."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = self.fields["days"]
        days.max_value = max_token_days()
        days.initial = max_token_days()
        days.validators.append(MaxValueValidator(max_token_days()))
        days.widget.attrs.update({"max": max_token_days(), "dir": "ltr"})


@csrf_exempt  # answers every method, and changes nothing
def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404, like the API's own."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


def root(request):
    return HttpResponseRedirect(reverse("api:docs"))


@login_required
def documentation(request):
    openapi = api.get_openapi_schema()
    titles = {resource.path: resource.model._meta.verbose_name_plural for resource in RESOURCES}
    sections = docs.sections(openapi)
    for section in sections:
        section.title = titles.get(section.tag, section.tag)
    return render(
        request,
        "api/docs.html",
        {"sections": sections, "info": openapi.get("info", {}), "schema_url": reverse("api:openapi-json")},
    )


def _tokens_page(request, form, *, created=None, raw=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "created": created, "raw_token": raw},
        status=status,
    )
    response["Cache-Control"] = "no-store"  # the page may hold a token shown once
    return response


@login_required
def tokens(request):
    """The user's tokens; creating one shows it once, on this response only."""
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            token, raw = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                actor=request.user,
                request=request,
            )
            return _tokens_page(request, TokenForm(), created=token, raw=raw)
        return _tokens_page(request, form, status=400)
    return _tokens_page(request, TokenForm())


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404
    api_token_revoke(token=token, actor=request.user, request=request)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return HttpResponseRedirect(reverse("api:tokens"))
