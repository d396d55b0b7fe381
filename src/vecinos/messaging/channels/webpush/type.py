"""Web Push: a browser's subscription as the address; the subscribe page has its own button."""

from __future__ import annotations

import base64
import binascii
import json
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from vecinos.messaging.channels.addresses import InvalidAddress
from vecinos.messaging.channels.base import ChannelType
from vecinos.messaging.channels.webpush.transport import WebPushSettings, WebPushTransport

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _base64url_bytes(value: object) -> int:
    if not isinstance(value, str):
        return -1
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return -1


def _secure_or_local(scheme: str, host: str | None) -> bool:
    """Real push services are https; plain http is only a push service on this machine."""
    return bool(host) and (scheme == "https" or (scheme == "http" and host in LOOPBACK))


class WebPushType(ChannelType):
    kind = "webpush"
    label = _("Notifications in this browser")
    settings_class = WebPushSettings
    transport_class = WebPushTransport
    variables = {
        "WEBPUSH_VAPID_PRIVATE_KEY": "",
        "WEBPUSH_SUBJECT": "mailto:vecinos@localhost",
        "WEBPUSH_PUBLIC_KEY": "",
    }
    fake = "vecinos.fakes.push.FakePushService"
    # A browser subscribes at its own push service, which a fake on this machine is not.
    fake_in_demo = False

    @classmethod
    def normalize(cls, raw: str) -> str:
        """A browser's PushSubscription as JSON: an https endpoint and its two keys."""
        try:
            subscription = json.loads(raw)
            endpoint = subscription["endpoint"]
            keys = subscription["keys"]
            p256dh, auth = keys["p256dh"], keys["auth"]
        except (ValueError, TypeError, KeyError) as error:
            raise InvalidAddress(_("This is not a push subscription.")) from error
        parts = urlsplit(endpoint) if isinstance(endpoint, str) else None
        valid = (
            parts is not None
            and _secure_or_local(parts.scheme, parts.hostname)
            and len(endpoint) <= 1000
            and _base64url_bytes(p256dh) == 65
            and _base64url_bytes(auth) == 16
        )
        if not valid:
            raise InvalidAddress(_("This is not a push subscription."))
        return json.dumps({"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}})

    @classmethod
    def index_value(cls, normalized: str) -> str:
        """A push subscription is known by its endpoint alone."""
        return json.loads(normalized)["endpoint"]

    @classmethod
    def public_key(cls) -> str:
        """Given on its own, a web process needs no VAPID private key (workers send)."""
        variables = cls.configuration()
        if variables.get("WEBPUSH_PUBLIC_KEY"):
            return variables["WEBPUSH_PUBLIC_KEY"]
        push = cls.transport_settings(variables)
        return push.public_key if push else ""
