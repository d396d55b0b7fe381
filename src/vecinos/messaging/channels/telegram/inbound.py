"""Telegram's webhook, with its secret-token header checked.

Telegram posts every kind of update a bot is subscribed to and re-sends any it does not
get a 2xx for, so every update is answered; only a new text message and the bot being
blocked are acted on.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vecinos.messaging.channels.telegram.type import TelegramType
from vecinos.messaging.inbound import blocked, receive


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    # The secret alone: a web process needs no bot token (workers send).
    secret = TelegramType.configuration().get("TELEGRAM_WEBHOOK_SECRET")
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not secret or not hmac.compare_digest(secret, given):
        return HttpResponseForbidden()
    try:
        update = json.loads(request.body)
        if not isinstance(update, dict):
            raise TypeError("an update is a JSON object")
        if "message" in update:
            _message(update["message"])
        elif "my_chat_member" in update:
            _membership(update["my_chat_member"])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return HttpResponseBadRequest()
    return HttpResponse()


def _message(message: dict[str, Any]) -> None:
    text = message.get("text")
    if isinstance(text, str):  # a photo or a sticker has no words to act on
        receive(TelegramType.kind, str(message["chat"]["id"]), _as_keyword(text))


def _as_keyword(text: str) -> str:
    """ "/start" and "/stop" are how Telegram users begin and end a bot conversation; in a
    group the command names the bot ("/stop@VecinosBot")."""
    if not text.startswith("/"):
        return text
    command, _, rest = text[1:].partition(" ")
    return f"{command.split('@', 1)[0]} {rest}".strip()


def _membership(change: dict[str, Any]) -> None:
    # "kicked" in the bot's own chat: the neighbor blocked it, and every send would fail.
    if change["new_chat_member"]["status"] == "kicked":
        blocked(TelegramType.kind, str(change["chat"]["id"]))
