"""SMS through Twilio's Messages API (or any service that speaks it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vecinos.messaging.channels.base import HttpTransport, Message
from vecinos.messaging.channels.http import HttpRequest, Response


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    from_number: str
    api_base: str = "https://api.twilio.com"

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> TwilioSettings | None:
        if variables.get("SMS_PROVIDER") != "twilio":
            return None
        return cls(
            account_sid=variables["TWILIO_ACCOUNT_SID"],
            auth_token=variables["TWILIO_AUTH_TOKEN"],
            from_number=variables["TWILIO_FROM"],
            api_base=variables["TWILIO_API_BASE"].rstrip("/"),
        )


class SmsTransport(HttpTransport):
    settings: TwilioSettings

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        sid = self.settings.account_sid
        return self.build(
            f"{self.settings.api_base}/2010-04-01/Accounts/{sid}/Messages.json",
            basic_auth=(sid, self.settings.auth_token),
            form={"To": address, "From": self.settings.from_number, "Body": message.text},
        )

    def provider_id(self, response: Response) -> str | None:
        """Twilio's message SID, which its status callbacks name."""
        try:
            sid = response.json().get("sid")
        except ValueError:
            return None
        return sid if isinstance(sid, str) else None

    def error_detail(self, response: Response) -> str:
        try:
            body = response.json()
            return f"{body.get('code', '')} {body.get('message', '')}"
        except ValueError:
            return response.text[:150]
