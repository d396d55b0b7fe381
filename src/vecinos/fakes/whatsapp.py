"""WhatsApp Cloud API: Bearer token, template messages, Graph-style errors."""

from __future__ import annotations

import hashlib
import hmac
import json

from vecinos.fakes.base import FakeServer, Reply, Request


class FakeWhatsApp(FakeServer):
    def __init__(
        self,
        token: str = "EAAG-fake",
        phone_number_id: str = "1055551234",
        app_secret: str = "app-secret",
    ) -> None:
        super().__init__()
        self.token, self.phone_number_id, self.app_secret = token, phone_number_id, app_secret
        self.verify_token = "verify-me"
        self.messages: list[dict] = []

    def environment(self) -> dict[str, str]:
        return {
            "VECINOS_WHATSAPP_ACCESS_TOKEN": self.token,
            "VECINOS_WHATSAPP_PHONE_NUMBER_ID": self.phone_number_id,
            "VECINOS_WHATSAPP_APP_SECRET": self.app_secret,
            "VECINOS_WHATSAPP_VERIFY_TOKEN": self.verify_token,
            "VECINOS_WHATSAPP_API_BASE": self.url + "/v21.0",
        }

    def respond(self, request: Request) -> Reply:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return Reply.json(
                401, {"error": {"message": "Invalid OAuth access token.", "code": 190}}
            )
        if not request.path.endswith(f"/{self.phone_number_id}/messages"):
            return Reply.json(400, {"error": {"message": "Unsupported post request.", "code": 100}})
        body = request.json()
        template = body.get("template", {})
        valid = (
            body.get("messaging_product") == "whatsapp"
            and str(body.get("to", "")).isdigit()
            and body.get("type") == "template"
            and template.get("name")
            and template.get("language", {}).get("code")
        )
        if not valid:
            return Reply.json(400, {"error": {"message": "Invalid parameter", "code": 100}})
        self.messages.append(body)
        return Reply.json(
            200,
            {"messaging_product": "whatsapp", "messages": [{"id": f"wamid.{len(self.messages)}"}]},
        )

    def signed_webhook(self, payload: dict) -> tuple[bytes, str]:
        body = json.dumps(payload).encode()
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        return body, f"sha256={digest}"

    def inbox(self) -> list[tuple[str, str]]:
        return [
            ("+" + m["to"], m["template"]["components"][0]["parameters"][0]["text"])
            for m in self.messages
        ]
