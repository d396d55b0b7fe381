"""Telegram's webhook, with its secret-token header checked."""

from __future__ import annotations

import hmac
import json

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vecinos.messaging.channels.telegram.type import TelegramType
from vecinos.messaging.inbound import receive


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    # The secret alone: a web process needs no bot token (workers send).
    secret = TelegramType.configuration().get("TELEGRAM_WEBHOOK_SECRET")
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not secret or not hmac.compare_digest(secret, given):
        return HttpResponseForbidden()
    try:
        message = json.loads(request.body).get("message") or {}
        chat, text = message["chat"]["id"], message.get("text", "")
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponseBadRequest()
    # "/start" and "/stop" are how Telegram users begin and end a bot conversation.
    receive(TelegramType.kind, str(chat), text.lstrip("/"))
    return HttpResponse()
