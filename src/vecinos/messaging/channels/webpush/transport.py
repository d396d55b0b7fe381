"""Web Push: RFC 8291 message encryption (aes128gcm) and RFC 8292 VAPID, over HTTP."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from vecinos.messaging.channels.base import HttpTransport, Message
from vecinos.messaging.channels.http import HttpRequest

RECORD_SIZE = 4096


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class WebPushSettings:
    vapid_private_key_pem: str
    subject: str

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> WebPushSettings | None:
        key = variables.get("WEBPUSH_VAPID_PRIVATE_KEY")
        if not key:
            return None
        return cls(key, variables["WEBPUSH_SUBJECT"])

    @property
    def public_key(self) -> str:
        """The applicationServerKey a browser subscribes with."""
        return b64url(
            Vapid02.from_pem(self.vapid_private_key_pem.encode()).public_key.public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )


def generate_vapid_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class WebPushTransport(HttpTransport):
    settings: WebPushSettings

    def __init__(self, settings: WebPushSettings) -> None:
        super().__init__(settings)
        self.vapid = Vapid02.from_pem(settings.vapid_private_key_pem.encode())

    def _encrypt(self, subscription: dict, payload: bytes) -> bytes:
        return http_ece.encrypt(
            payload,
            private_key=ec.generate_private_key(ec.SECP256R1()),
            dh=b64url_decode(subscription["keys"]["p256dh"]),
            auth_secret=b64url_decode(subscription["keys"]["auth"]),
            version="aes128gcm",
            rs=RECORD_SIZE,
        )

    def _vapid_headers(self, endpoint: str) -> dict[str, str]:
        parts = urlsplit(endpoint)
        claims = {
            "aud": f"{parts.scheme}://{parts.netloc}",
            "exp": int(time.time()) + 12 * 3600,
            "sub": self.settings.subject,
        }
        return self.vapid.sign(claims)

    def request(self, address: str, message: Message, idempotency_key: str) -> HttpRequest:
        subscription = json.loads(address)
        payload = json.dumps({"body": message.text, "lang": message.language}).encode()
        headers = {
            **self._vapid_headers(subscription["endpoint"]),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(max(0, message.ttl_seconds)),
            "Urgency": "high",
            # A newer message with the same topic replaces one the browser has not fetched.
            "Topic": b64url(idempotency_key.encode())[:32],
        }
        # 404 and 410 (the browser unsubscribed) are permanent, as for any 4xx.
        return self.build(
            subscription["endpoint"],
            body=self._encrypt(subscription, payload),
            headers=headers,
        )
