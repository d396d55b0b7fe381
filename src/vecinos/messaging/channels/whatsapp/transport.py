"""WhatsApp through Meta's Cloud API.

Messages a business starts must use an approved template; ours has one body
parameter that carries the whole text, one template per language.
"""

from __future__ import annotations

from dataclasses import dataclass

from vecinos import config
from vecinos.messaging.channels.base import HttpTransport, Message
from vecinos.messaging.channels.http import HttpRequest, Response


@dataclass(frozen=True)
class WhatsAppSettings:
    access_token: str
    phone_number_id: str
    app_secret: str
    verify_token: str
    template: str = "vecinos_alert"
    api_base: str = "https://graph.facebook.com/v21.0"

    @classmethod
    def from_env(cls) -> WhatsAppSettings | None:
        token = config.env_str("WHATSAPP_ACCESS_TOKEN")
        if not token:
            return None
        return cls(
            access_token=token,
            phone_number_id=config.env_str("WHATSAPP_PHONE_NUMBER_ID"),
            app_secret=config.env_str("WHATSAPP_APP_SECRET"),
            verify_token=config.env_str("WHATSAPP_VERIFY_TOKEN"),
            template=config.env_str("WHATSAPP_TEMPLATE", cls.template),
            api_base=config.env_str("WHATSAPP_API_BASE", cls.api_base).rstrip("/"),
        )


class WhatsAppTransport(HttpTransport):
    settings_class = WhatsAppSettings
    kind = "whatsapp"

    settings: WhatsAppSettings

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        body = {
            "messaging_product": "whatsapp",
            "to": address.lstrip("+"),
            "type": "template",
            "template": {
                "name": self.settings.template,
                "language": {"code": message.language},
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": message.text}]}
                ],
            },
        }
        return self.build(
            f"{self.settings.api_base}/{self.settings.phone_number_id}/messages",
            json_body=body,
            headers={"Authorization": f"Bearer {self.settings.access_token}"},
        )

    def error_detail(self, response: Response) -> str:
        try:
            error = response.json().get("error", {})
            return f"{error.get('code', '')} {error.get('message', '')}"[:150]
        except ValueError:
            return response.text[:150]
