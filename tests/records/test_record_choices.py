"""Every choice of a record, in every form and list filter of the project, offers and accepts only
the records the form's user may see (issue 16, H2).

The forms and filters are found by walking the project's classes, not listed by hand, so a new
form is checked the day it is written.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured

import taawun
from taawun.ingest.models import Draft, FeedSubscription
from taawun.records import catalog
from taawun.records.forms import RecordChoiceField, RecordForm, is_classified_model
from taawun.records.visibility import restrict_choices
from taawun.registry.models import Party, Person
from tests.personas import make_user

pytestmark = pytest.mark.django_db

SECRET_NAME = "منظمة سرية للغاية"


def _import_project() -> None:
    for module in pkgutil.walk_packages(taawun.__path__, "taawun."):
        name = module.name
        if ".migrations" in name or ".management" in name or name.endswith(("wsgi", "gunicorn", "__main__")):
            continue
        importlib.import_module(name)


def _subclasses(base) -> set[type]:
    found, todo = set(), [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class of the project, with the forms of its inline formsets."""
    _import_project()
    classes = {cls for cls in _subclasses(forms.BaseForm) if cls.__module__.startswith("taawun.")}
    classes |= {formset.form for crud in catalog.all_records() for formset in crud.formsets}
    return sorted(classes, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def project_filtersets() -> list[type[django_filters.FilterSet]]:
    _import_project()
    classes = _subclasses(django_filters.FilterSet)
    return sorted(
        (cls for cls in classes if cls.__module__.startswith("taawun.")),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _name(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def record_fields(form_class) -> dict[str, forms.ModelChoiceField]:
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField) and is_classified_model(field.queryset.model)
    }


def test_the_walk_finds_the_forms_that_offer_records():
    names = {cls.__name__ for cls in project_forms() if record_fields(cls)}
    assert {"UploadForm", "DraftForm", "EngagementForm", "SearchForm", "CalendarTokenForm"} <= names


@pytest.mark.parametrize("form_class", project_forms(), ids=_name)
def test_every_record_choice_of_a_form_is_a_record_choice_field(form_class):
    for name, field in record_fields(form_class).items():
        assert isinstance(field, RecordChoiceField | forms.ModelMultipleChoiceField), name
        assert hasattr(field, "show_to"), f"{_name(form_class)}.{name} offers records without a user"


@pytest.mark.parametrize("filterset_class", project_filtersets(), ids=_name)
def test_every_record_filter_of_a_list_is_a_record_choice_filter(filterset_class):
    for name, list_filter in filterset_class.base_filters.items():
        if isinstance(
            list_filter, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
        ):
            model = list_filter.queryset.model
            if is_classified_model(model):
                assert hasattr(list_filter.field_class, "show_to"), f"{_name(filterset_class)}.{name}"


# --- what each form offers a user cleared for public records --------------------------------


@pytest.fixture
def hidden_and_shown(make):
    """A secret record of every kind a form may offer, and a public one beside it."""
    Party.objects.filter(code__in=["SY", "SA"]).update(classification="public")
    secret_party = Party.objects.create(
        code="XSECRET",
        kind=Party.Kind.ORGANISATION,
        name_ar=SECRET_NAME,
        name_en="Secret body",
        classification="secret",
    )
    records = {"party": secret_party}
    records["agency"] = make.agency("SY", name_ar=SECRET_NAME, classification="secret")
    records["person"] = make.person("SY", name_ar=SECRET_NAME, classification="secret")
    records["engagement"] = make.engagement("SY", ["SA"], title_ar=SECRET_NAME, classification="secret")
    make.engagement("XSECRET", ["SY"], title_ar=SECRET_NAME, classification="secret")  # the party has dates
    records["source"] = make.source(title=SECRET_NAME)
    type(records["source"]).objects.filter(pk=records["source"].pk).update(classification="secret")
    records["understanding"] = make.understanding(title_ar=SECRET_NAME, classification="secret")
    records["jointcommittee"] = make.committee(name_ar=SECRET_NAME, classification="secret")
    records["committeesession"] = make.session(records["jointcommittee"], classification="secret")
    records["actionitem"] = make.action_item("SY", title=SECRET_NAME, classification="secret")
    records["trainingprogram"] = make.training(title_ar=SECRET_NAME, classification="secret")
    records["knowledgeitem"] = make.knowledge(title_ar=SECRET_NAME, classification="secret")
    records["draft"] = Draft.objects.create(source=make.source(), classification="secret")
    records["feedsubscription"] = FeedSubscription.objects.create(
        title=SECRET_NAME, url="https://secret.example/feed", classification="secret"
    )
    return records


def build(form_class, user, data=None):
    """The form as its page builds it, for `user` (a filter form: as the list binds it)."""
    parameters = inspect.signature(form_class.__init__).parameters
    if "user" in parameters or issubclass(form_class, RecordForm):
        return form_class(data=data, user=user)
    form = form_class(data=data)
    restrict_choices(form, user)
    return form


def posted(field, record):
    key = getattr(record, field.to_field_name or "pk")
    return [key] if isinstance(field, forms.ModelMultipleChoiceField) else key


@pytest.mark.parametrize("form_class", [cls for cls in project_forms() if record_fields(cls)], ids=_name)
def test_no_form_offers_or_accepts_a_record_above_the_clearance(
    form_class, hidden_and_shown, django_user_model
):
    user = make_user(django_user_model, "low_clearance")
    form = build(form_class, user)
    for name, field in record_fields(form_class).items():
        if name not in form.fields:
            continue
        hidden = hidden_and_shown[field.queryset.model._meta.model_name]
        rendered = str(form[name])
        assert SECRET_NAME not in rendered, name
        assert f'value="{posted(field, hidden)}"' not in rendered, name
        refused = build(form_class, user, data={name: posted(field, hidden)})
        refused.is_valid()
        assert name in refused.errors, name


@pytest.mark.parametrize("filterset_class", project_filtersets(), ids=_name)
def test_no_list_filter_offers_or_accepts_a_record_above_the_clearance(
    filterset_class, hidden_and_shown, django_user_model
):
    user = make_user(django_user_model, "low_clearance")
    for name, list_filter in filterset_class.base_filters.items():
        if not isinstance(list_filter, django_filters.ModelChoiceFilter):
            continue
        model = list_filter.queryset.model
        if not is_classified_model(model):
            continue
        hidden = hidden_and_shown[model._meta.model_name]
        filterset = filterset_class(data={name: hidden.pk}, queryset=model._default_manager.none())
        restrict_choices(filterset.form, user)
        assert SECRET_NAME not in str(filterset.form[name])
        assert not filterset.form.is_valid() and name in filterset.form.errors


def test_the_upload_form_offers_a_low_clearance_officer_no_secret_party(hidden_and_shown, low_clearance):
    from taawun.ingest.forms import UploadForm

    home = str(UploadForm(user=low_clearance)["home"])
    assert SECRET_NAME not in home and "XSECRET" not in home
    assert 'value="SY"' in home  # the public partner is offered


# --- a record choice cannot be used without its user ------------------------------------------


class PersonPicker(forms.Form):
    person = RecordChoiceField(model=Person)


def test_a_record_choice_refuses_to_list_records_without_a_user(make):
    make.person("SY")
    with pytest.raises(ImproperlyConfigured):
        str(PersonPicker()["person"])


def test_a_record_choice_refuses_to_accept_a_record_without_a_user(make):
    person = make.person("SY")
    with pytest.raises(ImproperlyConfigured):
        PersonPicker(data={"person": person.pk}).is_valid()


def test_a_record_choice_refuses_a_queryset_set_by_hand(make):
    form = PersonPicker()
    with pytest.raises(ImproperlyConfigured):
        form.fields["person"].queryset = Person.objects.all()


def test_a_record_choice_refuses_a_filtered_queryset():
    with pytest.raises(ImproperlyConfigured):
        RecordChoiceField(queryset=Person.objects.filter(party="SY"))


def test_a_plain_model_choice_of_classified_records_is_refused(low_clearance):
    class Careless(forms.Form):
        person = forms.ModelChoiceField(queryset=Person.objects.all())

    with pytest.raises(ImproperlyConfigured):
        restrict_choices(Careless(), low_clearance)


def test_a_record_choice_given_its_user_offers_what_the_user_may_see(make, low_clearance):
    shown = make.person("SY", name_ar="ظاهر", classification="public")
    make.person("SY", name_ar=SECRET_NAME, classification="secret")
    form = PersonPicker()
    restrict_choices(form, low_clearance)
    assert list(form.fields["person"].queryset) == [shown]
