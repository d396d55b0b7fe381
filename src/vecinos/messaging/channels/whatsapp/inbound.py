"""WhatsApp Cloud API's webhook: the verification handshake, X-Hub-Signature-256, and
the "messages" field's changes — what neighbors write, and the statuses of what we sent."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from vecinos.messaging import receipts
from vecinos.messaging.channels.whatsapp.type import WhatsAppType
from vecinos.messaging.inbound import receive
from vecinos.messaging.models import Receipt

# Meta's statuses that are receipts; "sent" only says Meta's servers have it.
RECEIPTS = {"delivered": Receipt.DELIVERED, "read": Receipt.READ, "failed": Receipt.UNDELIVERED}


def signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def _verify_subscription(request: HttpRequest) -> HttpResponse:
    expected = WhatsAppType.configuration().get("WHATSAPP_VERIFY_TOKEN")
    token = request.GET.get("hub.verify_token", "")
    if request.GET.get("hub.mode") != "subscribe" or not expected:
        return HttpResponseForbidden()
    if not hmac.compare_digest(expected, token):
        return HttpResponseForbidden()
    return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")


def _values(payload: dict) -> Iterator[dict]:
    """The value of each "messages" change to our number; other fields (template reviews,
    account updates) and the app's other numbers are none of ours."""
    ours = WhatsAppType.configuration().get("WHATSAPP_PHONE_NUMBER_ID")
    for entry in payload.get("entry", []):
        for change in entry.get("changes", []):
            value = change.get("value", {})
            number = value.get("metadata", {}).get("phone_number_id")
            if change.get("field") == "messages" and (not ours or number == ours):
                yield value


def _text_messages(values: list[dict]) -> list[tuple[str, str]]:
    return [
        ("+" + message["from"], message["text"]["body"])
        for value in values
        for message in value.get("messages", [])
        if message.get("type") == "text" and isinstance(message["text"]["body"], str)
    ]


def _receipts(values: list[dict]) -> list[tuple[Receipt, str]]:
    return [
        (RECEIPTS[status["status"]], str(status["id"]))
        for value in values
        for status in value.get("statuses", [])
        if status.get("status") in RECEIPTS
    ]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest) -> HttpResponse:
    # The app secret alone: a web process needs no access token (workers send).
    app_secret = WhatsAppType.configuration().get("WHATSAPP_APP_SECRET")
    if not app_secret:
        return HttpResponseForbidden()
    if request.method == "GET":
        return _verify_subscription(request)
    given = request.headers.get("X-Hub-Signature-256", "")
    if not hmac.compare_digest(signature(app_secret, request.body), given):
        return HttpResponseForbidden()
    try:
        values = list(_values(json.loads(request.body)))
        messages, statuses = _text_messages(values), _receipts(values)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return HttpResponseBadRequest()
    for sender, text in messages:
        receive(WhatsAppType.kind, sender, text)
    for receipt, message_id in statuses:
        receipts.record(WhatsAppType.kind, receipt, provider_id=message_id)
    return HttpResponse()
