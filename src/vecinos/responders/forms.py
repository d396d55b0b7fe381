from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos.neighbors.forms import ContactForm
from vecinos.networks.models import Network
from vecinos.responders.models import Availability, Finding, Skill


class SignUpForm(ContactForm):
    alias = forms.CharField(
        label=_("Your name or an alias"),
        help_text=_("What the coordinators and dispatchers will call you."),
        max_length=60,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    other_languages = forms.CharField(label=_("Other languages"), max_length=100, required=False)
    skills = forms.MultipleChoiceField(
        label=_("What would you train for?"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    usually_free = forms.CharField(
        label=_("When are you usually free?"),
        help_text=_("For example: weekday evenings, weekends."),
        max_length=200,
        required=False,
    )

    field_order = [
        "alias",
        "channel",
        "address",
        "language",
        "languages",
        "other_languages",
        "skills",
        "usually_free",
        "areas",
        "zip_code",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].label = _("How should we reach you?")
        self.fields["language"].label = _("Messages in")

    def spoken(self) -> list[str]:
        other = self.cleaned_data["other_languages"].replace(";", ",").split(",")
        return [*self.cleaned_data["languages"], *(o.strip() for o in other if o.strip())]


class AvailabilityForm(forms.Form):
    availability = forms.ChoiceField(choices=Availability.choices)


# The browser's date picker speaks ISO dates only, whatever the page's language.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class TrainingForm(forms.Form):
    skill = forms.ChoiceField(label=_("Role"), choices=Skill.choices)
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        help_text=_("Leave empty if it does not need renewing."),
        widget=DATE,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = timezone.localdate()


class CalloutForm(forms.Form):
    skill = forms.ChoiceField(label=_("Role"), choices=Skill.choices, initial=Skill.VERIFIER)
    wanted = forms.IntegerField(label=_("How many"), min_value=1, max_value=20, required=False)


class UpdateForm(forms.Form):
    finding = forms.ChoiceField(
        label=_("What do you see?"), choices=Finding.choices, widget=forms.RadioSelect
    )
    agents = forms.IntegerField(
        label=_("How many agents?"), min_value=0, max_value=500, required=False
    )
    people_taken = forms.IntegerField(
        label=_("How many people were taken?"), min_value=0, max_value=500, required=False
    )
    note = forms.CharField(
        label=_("Anything else the dispatcher should know"),
        help_text=_("What happens, not who the agents are: no names, no badge numbers."),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PolicyForm(forms.ModelForm):
    """How the network dispatches and how much one dispatcher may send alone: the
    coordinator's choice, on the responders page. Corrections are never held back."""

    responders_wanted = forms.IntegerField(
        label=_("Responders to ask for per incident and role"), min_value=1, max_value=20
    )
    dispatch_window_minutes = forms.IntegerField(
        label=_("Minutes to wait for answers before asking the next ring"),
        min_value=1,
        max_value=120,
    )
    checkin_minutes = forms.IntegerField(
        label=_("Minutes after accepting before a responder who has not checked in is flagged"),
        min_value=15,
        max_value=24 * 60,
    )

    class Meta:
        model = Network
        fields = [
            "auto_dispatch",
            "responders_wanted",
            "dispatch_window_minutes",
            "checkin_minutes",
            "confirm_above",
            "alerts_per_hour",
            "heads_up_sources",
        ]
        labels = {
            "auto_dispatch": _("Ask the nearest verifiers as soon as a report comes in"),
            "confirm_above": _(
                "An alert that would reach more subscribers than this waits for a second dispatcher"
            ),
            "alerts_per_hour": _("Alerts one dispatcher may publish in an hour"),
            "heads_up_sources": _(
                "Unverified heads-ups: after how many independent sources (0: never)"
            ),
        }
