"""WhatsApp: phone numbers, keywords, and the Cloud API's webhook."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.messaging.channels.base import PhoneChannelType
from vecinos.messaging.channels.whatsapp.transport import WhatsAppSettings, WhatsAppTransport


class WhatsAppType(PhoneChannelType):
    kind = "whatsapp"
    label = "WhatsApp"
    settings_class = WhatsAppSettings
    transport_class = WhatsAppTransport
    variables = {
        "WHATSAPP_ACCESS_TOKEN": "",
        "WHATSAPP_PHONE_NUMBER_ID": "",
        "WHATSAPP_APP_SECRET": "",
        "WHATSAPP_VERIFY_TOKEN": "",
        "WHATSAPP_TEMPLATE": WhatsAppSettings.template,
        "WHATSAPP_CODE_TEMPLATE": WhatsAppSettings.code_template,
        "WHATSAPP_API_BASE": WhatsAppSettings.api_base,
    }
    offered_on_forms = True
    takes_keywords = True
    fake = "vecinos.fakes.whatsapp.FakeWhatsApp"

    @classmethod
    def webhooks(cls) -> list[URLPattern]:
        from vecinos.messaging.channels.whatsapp.inbound import webhook

        return [path("whatsapp", webhook, name="hook-whatsapp")]
