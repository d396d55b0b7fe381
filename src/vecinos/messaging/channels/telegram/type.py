"""Telegram: chat ids, keywords, and the Bot API's webhook."""

from __future__ import annotations

import re

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from vecinos.messaging.channels.addresses import InvalidAddress
from vecinos.messaging.channels.base import ChannelType
from vecinos.messaging.channels.telegram.transport import TelegramSettings, TelegramTransport

CHAT_ID = re.compile(r"-?\d{1,20}")


class TelegramType(ChannelType):
    kind = "telegram"
    label = "Telegram"
    settings_class = TelegramSettings
    transport_class = TelegramTransport
    variables = {
        "TELEGRAM_BOT_TOKEN": "",
        "TELEGRAM_WEBHOOK_SECRET": "",
        "TELEGRAM_API_BASE": TelegramSettings.api_base,
    }
    takes_keywords = True
    fake = "vecinos.fakes.telegram.FakeTelegram"

    @classmethod
    def normalize(cls, raw: str) -> str:
        chat = raw.strip()
        if not CHAT_ID.fullmatch(chat):
            raise InvalidAddress(_("A Telegram chat id is a number."))
        return chat

    @classmethod
    def webhooks(cls) -> list[URLPattern]:
        from vecinos.messaging.channels.telegram.inbound import webhook

        return [path("telegram", webhook, name="hook-telegram")]
