"""What every channel shares: the contract, its errors, and HTTP error mapping.

A channel knows nothing of alerts or incidents: it gets an address, a message and
an idempotency key, and either returns (sent), or raises TransportError — permanent
(give up) or not (try again, no sooner than ``retry_after`` seconds).
"""

from __future__ import annotations

import email.utils
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

import urllib3


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


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


class HttpTransport(Transport):
    """POSTs with pooled keep-alive connections (urllib3), mapping HTTP errors to TransportError."""

    timeout_seconds: ClassVar[float] = 10.0

    def __init__(self, settings: object, pool: urllib3.PoolManager | None = None) -> None:
        super().__init__(settings)
        self.pool = pool or urllib3.PoolManager(
            num_pools=4,
            maxsize=16,
            timeout=urllib3.Timeout(total=self.timeout_seconds),
            retries=False,
        )

    def post(
        self,
        url: str,
        *,
        form: dict[str, str] | None = None,
        json_body: object = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        basic_auth: tuple[str, str] | None = None,
    ) -> Response:
        headers = dict(headers or {})
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        if basic_auth is not None:
            headers.update(urllib3.make_headers(basic_auth=":".join(basic_auth)))
        try:
            raw = self.pool.request("POST", url, body=body, headers=headers)
        except urllib3.exceptions.TimeoutError as error:
            raise TransportError("timed out") from error
        except urllib3.exceptions.HTTPError as error:
            raise TransportError(f"unreachable: {type(error).__name__}") from error
        response = Response(raw.status, raw.headers, raw.data)
        self.raise_for_response(response)
        return response

    def error_detail(self, response: Response) -> str:
        return response.text[:150]

    def raise_for_response(self, response: Response) -> None:
        if 200 <= response.status < 300:
            return
        detail = f"{response.status} {self.error_detail(response)}".strip()
        if response.status == 429 or response.status >= 500:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            raise TransportError(detail, retry_after=retry_after)
        raise TransportError(detail, permanent=True)
