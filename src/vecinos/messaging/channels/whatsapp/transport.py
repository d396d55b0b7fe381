"""WhatsApp through Meta's Cloud API.

Messages a business starts must use an approved template; ours has one body
parameter that carries the whole text, one template per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
    def from_variables(cls, variables: Mapping[str, str]) -> WhatsAppSettings | None:
        token = variables.get("WHATSAPP_ACCESS_TOKEN")
        if not token:
            return None
        return cls(
            access_token=token,
            phone_number_id=variables["WHATSAPP_PHONE_NUMBER_ID"],
            app_secret=variables["WHATSAPP_APP_SECRET"],
            verify_token=variables["WHATSAPP_VERIFY_TOKEN"],
            template=variables["WHATSAPP_TEMPLATE"],
            api_base=variables["WHATSAPP_API_BASE"].rstrip("/"),
        )


class WhatsAppTransport(HttpTransport):
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
