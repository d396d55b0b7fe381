"""Telegram through the Bot API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vecinos.messaging.channels.base import HttpTransport, Message, TransportError
from vecinos.messaging.channels.http import HttpRequest, Response


@dataclass(frozen=True)
class TelegramSettings:
    bot_token: str
    webhook_secret: str
    api_base: str = "https://api.telegram.org"

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> TelegramSettings | None:
        token = variables.get("TELEGRAM_BOT_TOKEN")
        if not token:
            return None
        return cls(
            bot_token=token,
            webhook_secret=variables["TELEGRAM_WEBHOOK_SECRET"],
            api_base=variables["TELEGRAM_API_BASE"].rstrip("/"),
        )


class TelegramTransport(HttpTransport):
    settings: TelegramSettings

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        return self.build(
            f"{self.settings.api_base}/bot{self.settings.bot_token}/sendMessage",
            json_body={
                "chat_id": address,
                "text": message.text,
                # Bot API 7.0 replaced disable_web_page_preview with this object.
                "link_preview_options": {"is_disabled": True},
            },
        )

    def raise_for_response(self, response: Response) -> None:
        # Telegram puts the wait in the body, not in a Retry-After header.
        if response.status == 429:
            try:
                wait = response.json().get("parameters", {}).get("retry_after")
            except ValueError:
                wait = None
            raise TransportError("429 Too Many Requests", retry_after=wait)
        super().raise_for_response(response)

    def error_detail(self, response: Response) -> str:
        try:
            return str(response.json().get("description", ""))[:150]
        except ValueError:
            return response.text[:150]
