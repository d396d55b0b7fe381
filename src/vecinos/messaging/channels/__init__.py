"""The registry: one line per channel. Adding a channel is one folder and one line here."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ImproperlyConfigured

from vecinos.messaging.channels.base import Message, Transport, TransportError
from vecinos.messaging.channels.email.transport import EmailTransport
from vecinos.messaging.channels.signal.transport import SignalTransport
from vecinos.messaging.channels.sms.transport import SmsTransport
from vecinos.messaging.channels.telegram.transport import TelegramTransport
from vecinos.messaging.channels.webpush.transport import WebPushTransport
from vecinos.messaging.channels.whatsapp.transport import WhatsAppTransport


def _registry(*transports: type[Transport]) -> dict[str, type[Transport]]:
    registry: dict[str, type[Transport]] = {}
    for transport in transports:
        if transport.kind in registry:
            raise ImproperlyConfigured(f"two channels are named {transport.kind!r}")
        registry[transport.kind] = transport
    return registry


TRANSPORTS = _registry(
    SmsTransport,
    WhatsAppTransport,
    SignalTransport,
    TelegramTransport,
    EmailTransport,
    WebPushTransport,
)

__all__ = ["TRANSPORTS", "Message", "Transport", "TransportError", "configured"]


@cache
def configured() -> dict[str, Transport]:
    """The channels this process has credentials for, built once from the environment."""
    found = {kind: transport.from_env() for kind, transport in TRANSPORTS.items()}
    return {kind: transport for kind, transport in found.items() if transport is not None}
