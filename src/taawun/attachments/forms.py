"""The upload form: the file, a title, a classification (its record's by default, never lower)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawun.access.policy import Classification, clearance_within
from taawun.attachments import content


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300, required=False)
    classification = forms.ChoiceField(label=gettext_lazy("Classification"))

    def __init__(self, *args, user, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["classification"].choices = [
            (value, label) for value, label in Classification.choices if clearance_within(user, value)
        ]
        self.fields["classification"].initial = record.classification
        self.fields["classification"].help_text = _(
            "At least the record's own classification (%(level)s)."
        ) % {"level": Classification(record.classification).label}
        self.fields["file"].widget.attrs["accept"] = content.ACCEPT
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument text, PNG, JPEG or plain text; at most %(limit)s MB."
        ) % {"limit": content.limit_mb()}
        self.fields["title"].help_text = _("By default, the file's name.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > content.readers.max_bytes():
            raise content.too_large(upload.name).error_dict["file"][0]
        return upload
