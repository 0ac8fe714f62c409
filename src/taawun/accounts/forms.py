from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from taawun.access.policy import clearance_within
from taawun.accounts.models import User


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return token


class ReauthForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}),
    )


class _ClearanceWithinActor:
    """An administrator grants no clearance above their own (and so never raises their own): the
    levels above it are not offered, and posting one is refused like any other invalid choice."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["clearance"]
        field.choices = [(value, label) for value, label in field.choices if clearance_within(actor, value)]


class UserCreateForm(_ClearanceWithinActor, forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "clearance"]


class UserAccessForm(_ClearanceWithinActor, forms.ModelForm):
    """Role, clearance and whether the account may log in: the sensitive part of a user."""

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "email",
            "role",
            "clearance",
            "is_active",
            "supervisor",
            "is_coordinator",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A supervisor is another active user: no one supervises themselves.
        others = User.objects.filter(is_active=True).exclude(pk=self.instance.pk)
        self.fields["supervisor"].queryset = others.order_by("first_name", "last_name", "username")


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password, self.user)
        return password
