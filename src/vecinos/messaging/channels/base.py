"""What every channel shares: its type, the transport contract, errors, HTTP error mapping.

A channel knows nothing of alerts or incidents: it gets an address, a message and
an idempotency key, and either returns (sent), or raises TransportError — permanent
(give up) or not (try again, no sooner than ``retry_after`` seconds).

Everything else about a channel is on its ``ChannelType``: how an address is checked,
whether the forms offer it, whether neighbors can answer it with a keyword, its webhook
routes, its polling job, how its sends are counted for pacing, and its fake.
"""

from __future__ import annotations

import base64
import email.utils
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.conf import settings
from django.urls import URLPattern
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from vecinos.messaging.channels.addresses import InvalidAddress, phone
from vecinos.messaging.channels.http import HttpError, HttpRequest, Response, client


@dataclass(frozen=True)
class Message:
    text: str
    language: str
    ttl_seconds: int = 3600
    # What it is about ("alert:42", "code:7"): a channel may send codes its own way.
    topic: str = ""
    # The public page with the whole text, for a channel that must shorten it.
    link: str = ""
    # The signed page that stops this recipient's messages (email's List-Unsubscribe).
    stop_link: str = ""
    # Our delivery's id, for a provider that calls back with its status.
    delivery_id: int = 0


class TransportError(Exception):
    def __init__(self, message: str, permanent: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


class Transport:
    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def send(self, address: str, message: Message, idempotency_key: str) -> str | None:
        """Send, or raise TransportError; returns the provider's id for the message, where
        it gives one (its delivery receipts name it)."""
        raise NotImplementedError


class ChannelType:
    """One channel, all in one class; the registry (``__init__.py``) lists one per folder."""

    kind: ClassVar[str]  # the slug stored on contact points and deliveries
    label: ClassVar[str | Promise]
    transport_class: ClassVar[type[Transport]]
    # Its typed sending settings: ``from_variables(variables)`` gives them, or None where
    # sending is not set up.
    settings_class: ClassVar[Any]
    # Its VECINOS_* variables (without the prefix) and their defaults; settings.py reads them.
    variables: ClassVar[dict[str, str]] = {}
    # The subscribe and sign-up forms offer it (channels that need an app or a browser
    # API to get an address, like push, have their own way in).
    offered_on_forms: ClassVar[bool] = False
    # Neighbors can answer on it with a word (STOP, SI); elsewhere messages carry a link.
    takes_keywords: ClassVar[bool] = False
    # Dotted path of the local fake provider the demo and the tests run in its place.
    fake: ClassVar[str] = ""
    fake_in_demo: ClassVar[bool] = True

    @classmethod
    def normalize(cls, raw: str) -> str:
        raise NotImplementedError

    @classmethod
    def index_value(cls, normalized: str) -> str:
        """What the blind index covers: the normalized address, unless said otherwise."""
        return normalized

    @classmethod
    def configuration(cls) -> dict[str, str]:
        """This channel's variables as settings.py read them."""
        return settings.CHANNELS.get(cls.kind, {})

    @classmethod
    def transport_settings(cls, variables: Mapping[str, str]) -> Any:
        return cls.settings_class.from_variables(variables)

    @classmethod
    def transport(cls) -> Transport | None:
        typed = cls.transport_settings(cls.configuration())
        return None if typed is None else cls.transport_class(typed)

    @classmethod
    def webhooks(cls) -> list[URLPattern]:
        """Its inbound routes under /hooks/."""
        return []

    @classmethod
    def poller(cls) -> Callable[[], int] | None:
        """A job that fetches what neighbors sent, for providers that have no webhook."""
        return None

    @classmethod
    def cost(cls, text: str) -> float:
        """How much of the provider's rate one message takes."""
        return 1.0

    @classmethod
    def fitted(cls, text: str, fold_accents: bool) -> str:
        """The text as it is best sent on this channel."""
        return text

    @classmethod
    def fake_class(cls) -> type:
        return import_string(cls.fake)


class PhoneChannelType(ChannelType):
    """A channel whose address is a phone number (SMS, WhatsApp, Signal)."""

    @classmethod
    def normalize(cls, raw: str) -> str:
        return phone(raw)


def checked(raw: object) -> str:
    """The raw address, refused when it is no address at all."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 2000:
        raise InvalidAddress(_("Enter the address to send alerts to."))
    return raw


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

    def send(self, address: str, message: Message, idempotency_key: str) -> str | None:
        request = self.request(address, message, idempotency_key)
        try:
            response = client().fetch(request)
        except HttpError as error:
            raise TransportError(str(error)) from error
        self.raise_for_response(response)
        return self.provider_id(response)

    async def send_on_loop(
        self, address: str, message: Message, idempotency_key: str
    ) -> str | None:
        """``send``, for a caller already on the shared client's loop (the sender's batches)."""
        request = self.request(address, message, idempotency_key)
        try:
            response = await client().send(request)
        except HttpError as error:
            raise TransportError(str(error)) from error
        self.raise_for_response(response)
        return self.provider_id(response)

    def provider_id(self, response: Response) -> str | None:
        """The provider's id for the message it accepted, when its receipts need it."""
        return None

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
