"""A Web Push service: it checks the VAPID JWT, refuses what push services refuse (more than
4,096 bytes, more than one record) and, holding the browser's keys, decrypts."""

from __future__ import annotations

import base64
import json
import secrets

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from vecinos.fakes.base import FakeServer, Reply, Request


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


BODY_LIMIT = 4096


HEADER_START = 21  # salt, record size, key id length (RFC 8188 §2.1)


def _too_large(body: bytes) -> bool:
    """More than 4,096 bytes, or more than one aes128gcm record: one record is at most the
    record size its header gives."""
    record_size, key_id_length = int.from_bytes(body[16:20]), body[20]
    return len(body) > BODY_LIMIT or len(body) - HEADER_START - key_id_length > record_size


class FakePushService(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.browsers: dict[str, tuple[ec.EllipticCurvePrivateKey, bytes]] = {}
        self.gone: set[str] = set()
        self.notifications: list[dict] = []

    def new_subscription(self) -> str:
        """What a browser's PushSubscription.toJSON() would give, as a JSON string."""
        browser_id = secrets.token_hex(8)
        key, auth = ec.generate_private_key(ec.SECP256R1()), secrets.token_bytes(16)
        self.browsers[browser_id] = (key, auth)
        public = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return json.dumps(
            {
                "endpoint": f"{self.url}/push/{browser_id}",
                "keys": {"p256dh": b64url(public), "auth": b64url(auth)},
            }
        )

    def environment(self) -> dict[str, str]:
        """A fresh VAPID key for the sender: the push service checks whatever key signs."""
        from vecinos.messaging.channels.webpush.transport import generate_vapid_key

        return {
            "VECINOS_WEBPUSH_VAPID_PRIVATE_KEY": generate_vapid_key(),
            "VECINOS_WEBPUSH_SUBJECT": "mailto:alertas@vecinos.invalid",
        }

    def _vapid_valid(self, request: Request) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("vapid "):
            return False
        fields = dict(part.strip().split("=", 1) for part in header[6:].split(","))
        token, key = fields.get("t", ""), fields.get("k", "")
        try:
            signing_input, _, signature = token.rpartition(".")
            claims = json.loads(unb64url(signing_input.split(".")[1]))
            public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
            raw = unb64url(signature)
            der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
            public.verify(der, signing_input.encode(), ec.ECDSA(hashes.SHA256()))
        except (ValueError, InvalidSignature, IndexError):
            return False
        return claims.get("aud") == self.url and claims.get("sub", "").startswith(
            ("mailto:", "https://")
        )

    @staticmethod
    def too_large() -> Reply:
        return Reply(413)

    def respond(self, request: Request) -> Reply:
        browser_id = request.path.rsplit("/", 1)[-1]
        if browser_id in self.gone or browser_id not in self.browsers:
            return Reply(410)
        if not self._vapid_valid(request):
            return Reply(403)
        if request.headers.get("Content-Encoding") != "aes128gcm" or "TTL" not in request.headers:
            return Reply(400)
        if len(request.body) < HEADER_START:
            return Reply(400)
        if _too_large(request.body):
            return self.too_large()
        key, auth = self.browsers[browser_id]
        plain = http_ece.decrypt(
            request.body, private_key=key, auth_secret=auth, version="aes128gcm"
        )
        self.notifications.append({"browser": browser_id, **json.loads(plain)})
        return Reply(201)
