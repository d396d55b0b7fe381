"""What every channel shares: the contract, its errors, and HTTP error mapping.

A channel knows nothing of alerts or incidents: it gets an address, a message and
an idempotency key, and either returns (sent), or raises TransportError — permanent
(give up) or not (try again, no sooner than ``retry_after`` seconds).
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import httpx


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


class HttpTransport(Transport):
    timeout_seconds: ClassVar[float] = 10.0

    def __init__(self, settings: object, client: httpx.Client | None = None) -> None:
        super().__init__(settings)
        self.client = client or httpx.Client(timeout=self.timeout_seconds)

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self.client.post(url, **kwargs)
        except httpx.TimeoutException as error:
            raise TransportError("timed out") from error
        except httpx.TransportError as error:
            raise TransportError(f"unreachable: {type(error).__name__}") from error
        self.raise_for_response(response)
        return response

    def error_detail(self, response: httpx.Response) -> str:
        return response.text[:150]

    def raise_for_response(self, response: httpx.Response) -> None:
        if response.is_success:
            return
        detail = f"{response.status_code} {self.error_detail(response)}".strip()
        if response.status_code == 429 or response.status_code >= 500:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            raise TransportError(detail, retry_after=retry_after)
        raise TransportError(detail, permanent=True)
