"""Inbound webhooks, one per channel that has one, under /hooks/."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.messaging.channels.sms import inbound as sms
from vecinos.messaging.channels.telegram import inbound as telegram
from vecinos.messaging.channels.whatsapp import inbound as whatsapp


def hook_patterns() -> list[URLPattern]:
    return [
        path("twilio/sms", sms.webhook, name="hook-sms"),
        path("telegram", telegram.webhook, name="hook-telegram"),
        path("whatsapp", whatsapp.webhook, name="hook-whatsapp"),
    ]
