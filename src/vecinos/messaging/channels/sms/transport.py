"""SMS through Twilio's Messages API (or any service that speaks it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.urls import reverse

from vecinos.messaging.channels.base import (
    HttpTransport,
    Message,
    TransportError,
    retry_after_seconds,
    scrubbed,
)
from vecinos.messaging.channels.http import HttpRequest, Response

# Twilio's code for "too many requests": a pause, not a refusal, whatever the HTTP status.
TOO_MANY_REQUESTS = 20429

# Create Message's ValidityPeriod accepts 1 to 36,000 seconds.
VALIDITY_SECONDS = (1, 36_000)


def validity_period(ttl_seconds: int) -> int:
    """How long Twilio may hold the message in its queue: never past the message's expiry,
    so a stale alarm is dropped rather than delivered late."""
    shortest, longest = VALIDITY_SECONDS
    return min(max(ttl_seconds, shortest), longest)


def status_callback(delivery_id: int) -> str:
    """Where Twilio reports what became of the message (delivered, undelivered, …)."""
    return f"{settings.SITE_URL}{_status_path()}{delivery_id}"


@cache
def _status_path() -> str:
    # Resolved once: reversing a URL for every message of a fan-out costs a tenth of a send.
    return reverse("hook-sms-status", args=[0]).removesuffix("0")


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
        form = {
            "To": address,
            "From": self.settings.from_number,
            "Body": message.text,
            "ValidityPeriod": str(validity_period(message.ttl_seconds)),
        }
        if message.delivery_id:
            form["StatusCallback"] = status_callback(message.delivery_id)
        return self.build(
            f"{self.settings.api_base}/2010-04-01/Accounts/{sid}/Messages.json",
            basic_auth=(sid, self.settings.auth_token),
            form=form,
        )

    def provider_id(self, response: Response) -> str | None:
        """Twilio's message SID, which its status callbacks name."""
        try:
            sid = response.json().get("sid")
        except ValueError:
            return None
        return sid if isinstance(sid, str) else None

    def raise_for_response(self, response: Response) -> None:
        if (
            400 <= response.status < 500
            and self.error_body(response).get("code") == TOO_MANY_REQUESTS
        ):
            detail = f"{response.status} {scrubbed(self.error_detail(response))}"
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            raise TransportError(detail, retry_after=retry_after)
        super().raise_for_response(response)

    @staticmethod
    def error_body(response: Response) -> dict:
        try:
            body = response.json()
        except ValueError:
            return {}
        return body if isinstance(body, dict) else {}

    def error_detail(self, response: Response) -> str:
        """Twilio's code and message: the code is what its error pages and our delivery
        view name."""
        body = self.error_body(response)
        if not body:
            return response.text[:150]
        return f"{body.get('code', '')} {body.get('message', '')}"
