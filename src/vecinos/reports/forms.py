from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.networks.models import Area
from vecinos.reports.models import Activity, Incident, Status

WHEN_CHOICES = [
    (0, _("Right now")),
    (15, _("About 15 minutes ago")),
    (30, _("About 30 minutes ago")),
    (60, _("About an hour ago")),
    (120, _("About two hours ago")),
]


class ReportForm(forms.Form):
    """What hotlines ask (SALUTE), for neighbors and for dispatchers taking a call.

    The place is a point rounded by the phone (about 100 m) and snapped to a cell
    here, or, without JavaScript or location, a named area.
    """

    activity = forms.ChoiceField(
        label=_("What do you see?"), choices=Activity.choices, widget=forms.RadioSelect
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    area = forms.ModelChoiceField(
        label=_("Or choose the neighborhood"),
        queryset=Area.objects.all(),
        required=False,
        empty_label=_("Choose…"),
    )
    when = forms.TypedChoiceField(label=_("When?"), choices=WHEN_CHOICES, coerce=int, initial=0)
    agents = forms.IntegerField(
        label=_("How many agents?"), required=False, min_value=0, max_value=500
    )
    vehicles = forms.IntegerField(
        label=_("How many vehicles?"), required=False, min_value=0, max_value=200
    )
    why_immigration = forms.CharField(
        label=_("What makes you think they are immigration agents?"),
        help_text=_(
            "Many false alarms are local police, park rangers or other agencies. "
            "For example: 'ICE' or 'ERO' written on their vests."
        ),
        max_length=300,
        required=False,
    )
    uniform = forms.CharField(
        label=_("What are they wearing? Which markings?"), max_length=200, required=False
    )
    equipment = forms.CharField(
        label=_("What do they carry or use?"), max_length=200, required=False
    )
    details = forms.CharField(
        label=_("Anything else"),
        help_text=_("Do not write names of neighbors or of officers."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        area = cleaned.get("area")
        if latitude is not None and longitude is not None:
            # Round again here: a client that forgot to must not make us more precise.
            cleaned["cell"] = geo.snap(round(latitude, 3), round(longitude, 3), geo.REPORT)
        elif area is not None:
            cleaned["cell"] = area.center_cell
        elif not self.has_error("latitude") and not self.has_error("longitude"):
            raise forms.ValidationError(
                _("Tell us where: use your location, tap the map or choose the neighborhood."),
                code="no_place",
            )
        return cleaned

    @property
    def observed_at(self) -> datetime:
        return timezone.now() - timedelta(minutes=self.cleaned_data["when"])


class HotlineForm(ReportForm):
    """A caller describes the place in words a map cannot hold."""

    landmark = forms.CharField(
        label=_("Cross street or landmark"),
        help_text=_("For the responders, e.g. 'Florence and Holmes, by the church'."),
        max_length=200,
        required=False,
    )


class WhereForm(forms.Form):
    where_note = forms.CharField(
        label=_("Where exactly, for the responders"),
        help_text=_("A cross street, a landmark, which door. Erased when the incident closes."),
        max_length=300,
        required=False,
    )


class VerifyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What did verification find?"),
        choices=[
            (Status.CONFIRMED.value, _("Confirmed: immigration agents are there")),
            (Status.UNFOUNDED.value, _("Unfounded: it was not immigration")),
            (Status.UNVERIFIABLE.value, _("Could not be verified")),
        ],
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(
        label=_("What was it really?"),
        help_text=_("Shown in the public rumor check, e.g. 'local police, not immigration'."),
        max_length=300,
        required=False,
    )
    note = forms.CharField(label=_("Note for the timeline"), max_length=300, required=False)


class EndForm(forms.Form):
    people_taken = forms.IntegerField(
        label=_("How many people were taken?"),
        help_text=_("Leave empty if nobody knows yet."),
        min_value=0,
        max_value=1000,
        required=False,
    )


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Merge incident number"), min_value=1)


class SplitForm(forms.Form):
    reports = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each form holds its own copy of the class's fields, so this changes only this one.
        reports = cast(forms.TypedMultipleChoiceField, self.fields["reports"])
        reports.choices = [(r.pk, r.pk) for r in incident.reports.all()]
