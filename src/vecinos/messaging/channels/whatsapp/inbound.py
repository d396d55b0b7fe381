"""WhatsApp Cloud API's webhook: the verification handshake, and X-Hub-Signature-256."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from vecinos.messaging.channels.whatsapp.type import WhatsAppType
from vecinos.messaging.inbound import receive


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


def _text_messages(payload: dict) -> list[tuple[str, str]]:
    found = []
    for entry in payload.get("entry", []):
        for change in entry.get("changes", []):
            for message in change.get("value", {}).get("messages", []):
                if message.get("type") == "text":
                    found.append(("+" + message["from"], message["text"]["body"]))
    return found


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
        messages = _text_messages(json.loads(request.body))
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponseBadRequest()
    for sender, text in messages:
        receive(WhatsAppType.kind, sender, text)
    return HttpResponse()
