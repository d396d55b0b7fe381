"""WhatsApp Cloud API: Bearer token, template messages, Graph-style errors.

It knows the templates README asks a network to submit, as Meta approved them, and
refuses what Meta refuses when it fills them in: a parameter with a newline, a tab or
more than four spaces in a row (132018), a body longer than 1,024 characters (132005).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass

from vecinos.fakes.base import FakeServer, Reply, Request

BODY_MAX = 1024
_REFUSED_IN_PARAMETERS = re.compile(r"[\n\t]| {5}")


@dataclass(frozen=True)
class Template:
    body: str  # Meta's text, with {{1}} where the parameter goes
    copy_code: bool = False  # an authentication template's button, which takes the code too


APPROVED = {
    ("vecinos_alert", "es"): Template("Aviso de la red Vecinos: {{1}} Fin del aviso."),
    ("vecinos_alert", "en"): Template("Vecinos network alert: {{1}} End of alert."),
    ("vecinos_code", "es"): Template(
        "*{{1}}* es tu código de verificación. Por tu seguridad, no lo compartas.", True
    ),
    ("vecinos_code", "en"): Template(
        "*{{1}}* is your verification code. For your security, do not share this code.", True
    ),
}


def error(status: int, code: int, title: str, details: str = "", **extra: object) -> Reply:
    """Meta's error object; ``extra`` adds fields such as ``is_transient``."""
    body = {
        "message": f"(#{code}) {title}",
        "type": "OAuthException",
        "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details or title},
        **extra,
        "fbtrace_id": "AbCdEfGhIjK",
    }
    return Reply.json(status, {"error": body})


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
        refused = self._refusal(template)
        if refused is not None:
            return refused
        self.messages.append(body)
        return Reply.json(
            200,
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": f"wamid.HBgL{len(self.messages):08d}"}],
            },
        )

    def _refusal(self, template: dict) -> Reply | None:
        """Meta's answer to a template it cannot fill in, or None."""
        approved = APPROVED.get((template["name"], template["language"]["code"]))
        if approved is None:
            return error(404, 132001, "Template name does not exist in the translation")
        body, button = _parameters(template.get("components", []))
        if len(body) != 1 or len(button) != int(approved.copy_code):
            return error(400, 132000, "Number of parameters does not match the expected number")
        if any(_REFUSED_IN_PARAMETERS.search(text) for text in body + button):
            return error(
                400,
                132018,
                "There was an issue with the parameters in your template.",
                "Param text cannot have new-line/tab characters or more than 4 consecutive spaces",
            )
        if len(approved.body.replace("{{1}}", body[0])) > BODY_MAX:
            return error(400, 132005, "Translated text too long")
        return None

    def signed_webhook(self, payload: dict) -> tuple[bytes, str]:
        body = json.dumps(payload).encode()
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        return body, f"sha256={digest}"

    def status_update(self, message_id: str, status: str) -> dict:
        """The webhook Meta posts when a message it accepted is sent, delivered, read or
        failed (a failure carries its error)."""
        entry: dict = {
            "id": message_id,
            "status": status,
            "timestamp": "1750857384",
            "recipient_id": "13235550142",
        }
        if status == "failed":
            entry["errors"] = [{"code": 131026, "title": "Message undeliverable"}]
        value = {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": "13235550199",
                "phone_number_id": self.phone_number_id,
            },
            "statuses": [entry],
        }
        change = {"field": "messages", "value": value}
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [change]}],
        }

    def inbox(self) -> list[tuple[str, str]]:
        """(address, text) as the phones show them: each template filled in."""
        found = []
        for message in self.messages:
            template = message["template"]
            approved = APPROVED[(template["name"], template["language"]["code"])]
            body, _ = _parameters(template["components"])
            found.append(("+" + message["to"], approved.body.replace("{{1}}", body[0])))
        return found


def _parameters(components: list[dict]) -> tuple[list[str], list[str]]:
    """The texts given to the body, and to the buttons."""
    body: list[str] = []
    button: list[str] = []
    for component in components:
        texts = [str(p.get("text", "")) for p in component.get("parameters", [])]
        (button if component.get("type") == "button" else body).extend(texts)
    return body, button
