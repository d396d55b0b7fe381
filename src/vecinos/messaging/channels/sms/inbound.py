"""Twilio's inbound SMS webhook, with X-Twilio-Signature checked."""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vecinos.messaging.channels.sms.type import SmsType
from vecinos.messaging.inbound import receive

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def signature(auth_token: str, url: str, params: dict[str, list[str]]) -> str:
    """Twilio's scheme: HMAC-SHA1 over the URL and every POST field, sorted by name."""
    payload = url + "".join(f"{name}{value}" for name in sorted(params) for value in params[name])
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    # Twilio signs with the account's auth token: the one sending secret a web process holds.
    auth_token = SmsType.configuration().get("TWILIO_AUTH_TOKEN")
    if not auth_token:
        return HttpResponseForbidden()
    # Twilio signs the address it called, which behind a proxy is the public one.
    url = settings.SITE_URL + request.get_full_path()
    expected = signature(auth_token, url, dict(request.POST.lists()))
    given = request.headers.get("X-Twilio-Signature", "")
    if not hmac.compare_digest(expected, given):
        return HttpResponseForbidden()
    receive(SmsType.kind, request.POST.get("From", ""), request.POST.get("Body", ""))
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")
