"""SMS: phone numbers, keywords, Twilio's webhook, and pacing counted in segments."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from vecinos.messaging import segments
from vecinos.messaging.channels.base import PhoneChannelType
from vecinos.messaging.channels.sms.transport import SmsTransport, TwilioSettings


class SmsType(PhoneChannelType):
    kind = "sms"
    label = _("Text message (SMS)")
    settings_class = TwilioSettings
    transport_class = SmsTransport
    variables = {
        "SMS_PROVIDER": "",
        "TWILIO_ACCOUNT_SID": "",
        "TWILIO_AUTH_TOKEN": "",
        "TWILIO_FROM": "",
        "TWILIO_API_BASE": TwilioSettings.api_base,
    }
    offered_on_forms = True
    takes_keywords = True
    fake = "vecinos.fakes.twilio.FakeTwilio"

    @classmethod
    def webhooks(cls) -> list[URLPattern]:
        from vecinos.messaging.channels.sms.inbound import status, webhook

        return [
            path("twilio/sms", webhook, name="hook-sms"),
            path("twilio/status/<int:pk>", status, name="hook-sms-status"),
        ]

    @classmethod
    def cost(cls, text: str) -> float:
        # An SMS provider counts segments, not messages.
        return segments.count(text).segments

    @classmethod
    def fitted(cls, text: str, fold_accents: bool) -> str:
        return segments.cheapest(text, fold_accents)
