"""What every channel shares: the contract, its errors, and HTTP error mapping.

A channel knows nothing of alerts or incidents: it gets an address, a message and
an idempotency key, and either returns (sent), or raises TransportError — permanent
(give up) or not (try again, no sooner than ``retry_after`` seconds).
"""

from __future__ import annotations

import base64
import email.utils
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar
from urllib.parse import urlencode

from vecinos.messaging.channels.http import HttpError, HttpRequest, Response, client


@dataclass(frozen=True)
class Message:
    text: str
    language: str
    ttl_seconds: int = 3600


class TransportError(Exception):
    def __init__(self, message: str, permanent: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


class Transport:
    kind: ClassVar[str]
    settings_class: ClassVar[type]

    def __init__(self, settings: object) -> None:
        self.settings = settings

    @classmethod
    def from_env(cls) -> Transport | None:
        """The transport with settings from the environment, or None where not configured."""
        settings = cls.settings_class.from_env()
        return None if settings is None else cls(settings)

    def send(self, address: str, message: Message, idempotency_key: str) -> None:
        raise NotImplementedError


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After is either seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


# Providers' error texts may quote the address they refused: it must not be stored.
_ADDRESS_LIKE = re.compile(r"\+?\d[\d\s().-]{5,}\d|[^\s@]+@[^\s@]+|https?://\S+")


def scrubbed(text: str) -> str:
    """``text`` without anything that looks like a phone number, an email or a URL."""
    return _ADDRESS_LIKE.sub("…", text)


class HttpTransport(Transport):
    """A channel that is one HTTP request per message: it builds the request and reads
    the answer; sending is the shared client's job (see http.py)."""

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        raise NotImplementedError

    def send(self, address: str, message: Message, idempotency_key: str) -> None:
        request = self.request(address, message, idempotency_key)
        try:
            response = client().fetch(request)
        except HttpError as error:
            raise TransportError(str(error)) from error
        self.raise_for_response(response)

    async def send_on_loop(self, address: str, message: Message, idempotency_key: str) -> None:
        """``send``, for a caller already on the shared client's loop (the sender's batches)."""
        request = self.request(address, message, idempotency_key)
        try:
            response = await client().send(request)
        except HttpError as error:
            raise TransportError(str(error)) from error
        self.raise_for_response(response)

    @staticmethod
    def build(
        url: str,
        *,
        form: dict[str, str] | None = None,
        json_body: object = None,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        basic_auth: tuple[str, str] | None = None,
    ) -> HttpRequest:
        headers = dict(headers or {})
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        if basic_auth is not None:
            token = base64.b64encode(":".join(basic_auth).encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        return HttpRequest("POST", url, headers, body)

    def error_detail(self, response: Response) -> str:
        return response.text[:150]

    def raise_for_response(self, response: Response) -> None:
        if 200 <= response.status < 300:
            return
        detail = f"{response.status} {scrubbed(self.error_detail(response))}".strip()
        if response.status == 429 or response.status >= 500:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            raise TransportError(detail, retry_after=retry_after)
        raise TransportError(detail, permanent=True)
