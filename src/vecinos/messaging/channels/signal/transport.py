"""Signal through the signal-cli REST API, which the network runs next to Vecinos."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vecinos.messaging.channels.base import HttpTransport, Message
from vecinos.messaging.channels.http import HttpRequest


@dataclass(frozen=True)
class SignalSettings:
    api_base: str
    number: str

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> SignalSettings | None:
        base = variables.get("SIGNAL_API_BASE")
        if not base:
            return None
        return cls(api_base=base.rstrip("/"), number=variables["SIGNAL_NUMBER"])


class SignalTransport(HttpTransport):
    settings: SignalSettings

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        return self.build(
            f"{self.settings.api_base}/v2/send",
            json_body={
                "message": message.text,
                "number": self.settings.number,
                "recipients": [address],
            },
        )
