"""Twilio's webhooks, each with X-Twilio-Signature checked: inbound SMS and status callbacks."""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vecinos.messaging import receipts
from vecinos.messaging.channels.sms.type import SmsType
from vecinos.messaging.inbound import receive
from vecinos.messaging.models import Receipt

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

# Twilio's MessageStatus words that are a receipt; the others (queued, sending, sent, …)
# are steps on the way.
RECEIPTS = {
    "delivered": Receipt.DELIVERED,
    "read": Receipt.READ,
    "undelivered": Receipt.UNDELIVERED,
    "failed": Receipt.UNDELIVERED,
}


def signature(auth_token: str, url: str, params: dict[str, list[str]]) -> str:
    """Twilio's scheme: HMAC-SHA1 over the URL, then each POST field's name with each of its
    distinct values, names sorted and a repeated name's values sorted (as Twilio's helper
    libraries compute it)."""
    fields = "".join(
        f"{name}{value}" for name in sorted(params) for value in sorted(set(params[name]))
    )
    digest = hmac.new(auth_token.encode(), (url + fields).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signed_by_twilio(request: HttpRequest) -> bool:
    # Twilio signs with the account's auth token: the one sending secret a web process holds.
    auth_token = SmsType.configuration().get("TWILIO_AUTH_TOKEN")
    if not auth_token:
        return False
    # Twilio signs the address it called, which behind a proxy is the public one.
    url = settings.SITE_URL + request.get_full_path()
    expected = signature(auth_token, url, dict(request.POST.lists()))
    return hmac.compare_digest(expected, request.headers.get("X-Twilio-Signature", ""))


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    if not signed_by_twilio(request):
        return HttpResponseForbidden()
    receive(SmsType.kind, request.POST.get("From", ""), request.POST.get("Body", ""))
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")


@csrf_exempt
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """A status callback, at the address the send named (StatusCallback): ``pk`` is the
    delivery's."""
    if not signed_by_twilio(request):
        return HttpResponseForbidden()
    receipt = RECEIPTS.get(request.POST.get("MessageStatus", ""))
    if receipt is not None:
        record(receipt, request.POST.get("MessageSid", ""), pk)
    return HttpResponse(status=204)


def record(receipt: Receipt, message_sid: str, delivery_id: int) -> None:
    # The SID names the message Twilio sent; the address names our delivery, for a send
    # whose answer (and so its SID) was lost before it was stored.
    if not message_sid or not receipts.record(SmsType.kind, receipt, provider_id=message_sid):
        receipts.record(SmsType.kind, receipt, delivery_id=delivery_id)
