from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vecinos.messaging import channels
from vecinos.neighbors.services import AreaRequest
from vecinos.networks.models import Area, Network


class AreasForm(forms.Form):
    """Where: named areas, a ZIP code, or near the device's (rounded) location."""

    areas = forms.ModelMultipleChoiceField(
        label=_("Neighborhoods"),
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    zip_code = forms.RegexField(
        label=_("Or a ZIP code"), regex=r"^\d{5}$", required=False, max_length=5
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        channel, address = cleaned.get("channel"), cleaned.get("address")
        if channel and address:
            try:
                channels.normalize(channel, address)
            except channels.InvalidAddress as error:
                self.add_error("address", str(error))
        if not self.area_requests():
            raise forms.ValidationError(
                _("Choose a neighborhood, write a ZIP code or use your location.")
            )
        return cleaned

    def area_requests(self) -> list[AreaRequest]:
        data = self.cleaned_data
        requests = [AreaRequest(area=area.pk) for area in data.get("areas") or []]
        if data.get("zip_code"):
            requests.append(AreaRequest(zip=data["zip_code"]))
        if data.get("latitude") is not None and data.get("longitude") is not None:
            requests.append(
                AreaRequest(
                    latitude=round(data["latitude"], 3), longitude=round(data["longitude"], 3)
                )
            )
        return requests


class ContactForm(AreasForm):
    """How to reach someone (checked with a real phone-number library), and where."""

    channel = forms.ChoiceField(
        label=_("How should alerts reach you?"),
        # Called each time, so a channel registered later is offered too.
        choices=lambda: channels.choices(on_forms=True),
        widget=forms.RadioSelect,
        initial="sms",
    )
    address = forms.CharField(
        label=_("Phone number or email"),
        help_text=_("Stored encrypted. Never shown to anyone, never shared."),
        max_length=200,
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class SubscribeForm(ContactForm):
    heads_up = forms.BooleanField(
        label=_("Also send me unverified heads-ups"),
        help_text=_("Fast, but not yet checked by volunteers. Clearly labeled."),
        required=False,
    )

    field_order = ["channel", "address", "language", "areas", "zip_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offering what the network never sends would be a promise nobody keeps.
        if not Network.objects.filter(heads_up_sources__gt=0).exists():
            del self.fields["heads_up"]

    @property
    def offers_heads_up(self) -> bool:
        return "heads_up" in self.fields


class ResendForm(forms.Form):
    """Which sign-up wants another code: carried, hidden, by the code page."""

    channel = forms.ChoiceField(choices=channels.choices, widget=forms.HiddenInput)
    address = forms.CharField(max_length=2000, widget=forms.HiddenInput)


class ConfirmForm(ResendForm):
    code = forms.RegexField(
        label=_("The 6-digit code we sent you"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
