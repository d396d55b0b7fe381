from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vecinos.alerts import drafting, publishing
from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import AlertTemplate, Certainty


class PublishForm(forms.Form):
    """The alert a dispatcher is about to publish, with its text in every network language."""

    rings = forms.IntegerField(
        label=_("Area: rings of about 800 m around the incident"),
        min_value=0,
        max_value=publishing.MAX_RINGS,
        initial=publishing.DEFAULT_RINGS,
    )
    expires_in_minutes = forms.IntegerField(
        label=_("Expires after (minutes)"),
        min_value=publishing.MIN_EXPIRY_MINUTES,
        max_value=publishing.MAX_EXPIRY_MINUTES,
        initial=publishing.DEFAULT_EXPIRY_MINUTES,
    )
    certainty = forms.ChoiceField(
        label=_("Certainty"),
        choices=[
            (Certainty.OBSERVED, Certainty.OBSERVED.label),
            (Certainty.LIKELY, Certainty.LIKELY.label),
        ],
        required=False,
    )
    people_taken = forms.IntegerField(
        label=_("How many people were taken?"),
        help_text=_("Leave empty if nobody knows yet."),
        min_value=0,
        max_value=1000,
        required=False,
    )

    def __init__(self, *args: Any, languages: list[str], drafts: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = languages
        for code in languages:
            draft = drafts.get(code, {"headline": "", "body": ""})
            self.fields[f"headline_{code}"] = forms.CharField(
                label=_("Headline (%(code)s)") % {"code": code},
                max_length=drafting.HEADLINE_MAX,
                initial=draft["headline"],
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text (%(code)s)") % {"code": code},
                max_length=drafting.BODY_MAX,
                initial=draft["body"],
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def texts(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            code: {"headline": data[f"headline_{code}"], "body": data[f"body_{code}"]}
            for code in self.languages
        }


class TemplateForm(forms.ModelForm):
    class Meta:
        model = AlertTemplate
        fields = ["headline", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for field in ("headline", "body"):
            try:
                drafting.check_template_text(cleaned.get(field, ""))
            except AlertError as error:
                self.add_error(field, str(error))
        return cleaned


class RetractForm(forms.Form):
    """What a false alarm really was: the correction tells the neighbors it reached."""

    finding = forms.CharField(
        label=_("What it really was"),
        help_text=_(
            "For example: local police, a utility crew. Neighbors read it in the correction."
        ),
        max_length=300,
        error_messages={
            "required": _("Write what it really was: the correction tells the neighbors.")
        },
    )
