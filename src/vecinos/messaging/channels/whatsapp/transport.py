"""WhatsApp through Meta's Cloud API.

Messages a business starts must use an approved template; ours has one body
parameter that carries the whole text, one template per language (README lists
the text to submit).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from vecinos.messaging.channels.base import (
    HttpTransport,
    Message,
    TransportError,
    retry_after_seconds,
    scrubbed,
)
from vecinos.messaging.channels.http import HttpRequest, Response

# Meta refuses a template whose body, filled in, is longer than this.
BODY_MAX = 1024
# README asks for alert templates whose own text is at most this long…
TEMPLATE_TEXT_MAX = 64
# …so that a parameter this long always fits.
PARAMETER_MAX = BODY_MAX - TEMPLATE_TEXT_MAX
# Where a line ended: a parameter may not hold a newline (error 132018).
LINE_BREAK = " · "
# A confirmation code is the only 6-digit number in its message.
_CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")


@dataclass(frozen=True)
class WhatsAppSettings:
    access_token: str
    phone_number_id: str
    app_secret: str
    verify_token: str
    template: str = "vecinos_alert"
    code_template: str = "vecinos_code"
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
            code_template=variables["WHATSAPP_CODE_TEMPLATE"],
            api_base=variables["WHATSAPP_API_BASE"].rstrip("/"),
        )


def one_line(text: str) -> str:
    """``text`` as Meta takes a template parameter: no newline, tab or run of spaces
    (error 132018). A line that ends a sentence needs no mark where it ended."""
    joined = ""
    for line in filter(None, (" ".join(line.split()) for line in text.splitlines())):
        if joined:
            joined += " " if joined[-1] in ".!?:;…" else LINE_BREAK
        joined += line
    return joined


def _cut(text: str, room: int) -> str:
    """The longest start of ``text`` that ends on a whole word and fits in ``room``."""
    if len(text) <= room:
        return text
    words = text[: room + 1].rsplit(" ", 1)[0] if " " in text[:room] else text[:room]
    return words.rstrip(" ·,;:")


def parameter(text: str, link: str, limit: int = PARAMETER_MAX) -> str:
    """The message as one parameter within ``limit``. A longer text is cut on a word and
    points to ``link`` for the rest; its last line, how to stop, is kept whole."""
    whole = one_line(text)
    if len(whole) <= limit:
        return whole
    head, _, last = text.rpartition("\n")
    last = one_line(last)
    more = f"… {link}" if link else "…"
    room = limit - len(more) - len(LINE_BREAK + last)
    if not head or room < limit // 2:
        return _cut(whole, limit - len(more)) + more
    return one_line(f"{_cut(one_line(head), room)}{more}\n{last}")


def confirmation_code(message: Message) -> str | None:
    """The code a "code:…" message carries, or None where its text holds no single one."""
    if not message.topic.startswith("code:"):
        return None
    found = _CODE.findall(message.text)
    return found[0] if len(found) == 1 else None


def _text(text: str) -> dict[str, str]:
    return {"type": "text", "text": text}


class WhatsAppTransport(HttpTransport):
    settings: WhatsAppSettings

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        name, components = self.template(message)
        body = {
            "messaging_product": "whatsapp",
            "to": address.lstrip("+"),
            "type": "template",
            "template": {
                "name": name,
                "language": {"code": message.language},
                "components": components,
            },
        }
        return self.build(
            f"{self.settings.api_base}/{self.settings.phone_number_id}/messages",
            json_body=body,
            headers={"Authorization": f"Bearer {self.settings.access_token}"},
        )

    def template(self, message: Message) -> tuple[str, list[dict]]:
        """Which template, filled in how: a code goes through the authentication template
        (Meta's own text, and the button that copies it), everything else as an alert."""
        code = confirmation_code(message)
        if code is None:
            text = parameter(message.text, message.link)
            return self.settings.template, [{"type": "body", "parameters": [_text(text)]}]
        return self.settings.code_template, [
            {"type": "body", "parameters": [_text(code)]},
            {"type": "button", "sub_type": "url", "index": "0", "parameters": [_text(code)]},
        ]

    def provider_id(self, response: Response) -> str | None:
        """The "wamid…" id its status webhooks name."""
        try:
            return str(response.json()["messages"][0]["id"])
        except (ValueError, KeyError, IndexError, TypeError):
            return None

    def raise_for_response(self, response: Response) -> None:
        # Meta says which errors pass (throughput, a hiccup), whatever the HTTP status.
        if response.status >= 300 and _error(response).get("is_transient") is True:
            detail = f"{response.status} {scrubbed(self.error_detail(response))}"
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            raise TransportError(detail, retry_after=retry_after)
        super().raise_for_response(response)

    def error_detail(self, response: Response) -> str:
        error = _error(response)
        if not error:
            return response.text[:150]
        code = error.get("code", "")
        # Its message repeats the code: "(#132018) There was an issue…".
        title = str(error.get("message", "")).removeprefix(f"(#{code}) ")
        return f"{code} {title}"[:150]


def _error(response: Response) -> dict:
    """Meta's error object, or {} where the answer has none."""
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}
