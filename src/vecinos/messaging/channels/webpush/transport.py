"""Web Push: RFC 8291 message encryption (aes128gcm) and RFC 8292 VAPID, over HTTP."""

from __future__ import annotations

import base64
import json
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from vecinos.messaging.channels.base import HttpTransport, Message
from vecinos.messaging.channels.http import HttpRequest

RECORD_SIZE = 4096
# Push services need take no more than 4,096 bytes (RFC 8030 §7.2), in one aes128gcm record
# (RFC 8291 §4). Less the header (16-byte salt, 4-byte record size, 1-byte key id length,
# our 65-byte public key as key id), the padding delimiter and the 16-byte tag, that
# leaves 3,993 bytes for the JSON.
BODY_LIMIT = 4096
HEADER_BYTES = 16 + 4 + 1 + 65
PAYLOAD_LIMIT = BODY_LIMIT - HEADER_BYTES - 1 - 16
ZERO_WIDTH_JOINER = "\u200d"


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
        payload = notification(message)
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


def notification(message: Message) -> bytes:
    """The JSON the service worker shows, its text shortened when it would not fit one record."""

    def encoded(text: str) -> bytes:
        # UTF-8 as it is: \u escapes would take six bytes for every accent.
        body = {"body": text, "lang": message.language}
        return json.dumps(body, ensure_ascii=False).encode()

    whole = encoded(message.text)
    if len(whole) <= PAYLOAD_LIMIT:
        return whole
    return encoded(shortened(message, lambda text: len(encoded(text)) <= PAYLOAD_LIMIT))


def shortened(message: Message, fits: Callable[[str], bool]) -> str:
    """The longest start of the text that ``fits`` with "…", the link to the whole text and
    the line that says how to stop (which ends the text when it carries the stop link)."""
    text, _, last = message.text.rpartition("\n")
    if not (message.stop_link and message.stop_link in last):
        text, last = message.text, ""
    ending = "…" + "".join(f"\n{line}" for line in (message.link, last) if line)
    low, high = 0, len(text)
    while low < high:  # bisect: a longer start never takes fewer bytes
        middle = (low + high + 1) // 2
        if fits(text[:middle] + ending):
            low = middle
        else:
            high = middle - 1
    return text[: _letter_boundary(text, low)].rstrip() + ending


def _letter_boundary(text: str, cut: int) -> int:
    """``cut``, or before it, so that no accent or joined emoji is parted from its letter."""
    while 0 < cut < len(text) and (
        unicodedata.category(text[cut]).startswith("M")
        or ZERO_WIDTH_JOINER in (text[cut], text[cut - 1])
    ):
        cut -= 1
    return cut
