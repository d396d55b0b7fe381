"""The registry: one line per channel. Adding a channel is one folder and one line here."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _

from vecinos import config
from vecinos.messaging.channels.addresses import InvalidAddress
from vecinos.messaging.channels.base import (
    ChannelType,
    Message,
    Transport,
    TransportError,
    checked,
)
from vecinos.messaging.channels.email.type import EmailType
from vecinos.messaging.channels.signal.type import SignalType
from vecinos.messaging.channels.sms.type import SmsType
from vecinos.messaging.channels.telegram.type import TelegramType
from vecinos.messaging.channels.webpush.type import WebPushType
from vecinos.messaging.channels.whatsapp.type import WhatsAppType

TYPES: dict[str, type[ChannelType]] = {}


@cache
def configured() -> dict[str, Transport]:
    """The channels this process has sending credentials for, built once from settings."""
    found = {kind: channel.transport() for kind, channel in TYPES.items()}
    return {kind: transport for kind, transport in found.items() if transport is not None}


def register(channel: type[ChannelType]) -> type[ChannelType]:
    if channel.kind in TYPES:
        raise ImproperlyConfigured(f"two channels are named {channel.kind!r}")
    TYPES[channel.kind] = channel
    configured.cache_clear()
    return channel


def unregister(kind: str) -> None:
    TYPES.pop(kind)
    configured.cache_clear()


register(SmsType)
register(WhatsAppType)
register(SignalType)
register(TelegramType)
register(EmailType)
register(WebPushType)

__all__ = [
    "TYPES",
    "ChannelType",
    "InvalidAddress",
    "Message",
    "Transport",
    "TransportError",
    "channel_type",
    "configure",
    "configured",
    "read_variables",
]


def channel_type(kind: str) -> type[ChannelType]:
    try:
        return TYPES[kind]
    except KeyError:
        raise InvalidAddress(_("Choose how to get alerts.")) from None


def normalize(kind: str, raw: object) -> str:
    """The address as its channel stores and indexes it; InvalidAddress says why not."""
    return channel_type(kind).normalize(checked(raw))


def index_value(kind: str, normalized: str) -> str:
    return channel_type(kind).index_value(normalized)


def choices(*, on_forms: bool = False) -> list[tuple[str, str]]:
    return [
        (kind, str(channel.label))
        for kind, channel in TYPES.items()
        if channel.offered_on_forms or not on_forms
    ]


def read_variables(environ: Mapping[str, str] | None = None) -> dict[str, dict[str, str]]:
    """Every channel's variables, for settings.py (or from ``environ``, as a fake gives them)."""
    return {
        kind: config.env_group({**channel.variables, f"{kind.upper()}_RATE": ""}, environ)
        for kind, channel in TYPES.items()
    }


def configure(kind: str, environ: Mapping[str, str]) -> None:
    """Point one channel at the provider ``environ`` describes in VECINOS_* variables, as
    the demo does with its fakes."""
    settings.CHANNELS = {**settings.CHANNELS, kind: read_variables(environ)[kind]}
    configured.cache_clear()


def webhook_patterns() -> list[URLPattern]:
    return [pattern for channel in TYPES.values() for pattern in channel.webhooks()]


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: object) -> None:
    if setting == "CHANNELS":
        configured.cache_clear()
