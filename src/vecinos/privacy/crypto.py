"""Encryption of contact points at rest, and keyed hashes to find them (DESIGN.md rule 2).

Two different keys, neither stored in the database: one encrypts (AES-256-GCM), one
keys the blind index (HMAC-SHA256). Each comes from ``VECINOS_ENCRYPTION_KEY`` /
``VECINOS_INDEX_KEY`` (or their ``_FILE`` variants), else from a file generated once
in the data directory's ``keys/`` folder. A database dump alone decrypts nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from vecinos import config

VERSION = "v1"


class SealError(ValueError):
    """A sealed value that cannot be opened with the current key."""


def _new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@cache
def _key(name: str) -> bytes:
    folder = Path(settings.DATA_DIR) / "keys"
    folder.mkdir(mode=0o700, exist_ok=True)
    raw = config.env_str(f"{name.upper()}_KEY") or config.generated_secret(
        folder / f"{name}.key", _new_key
    )
    key = base64.urlsafe_b64decode(raw)
    if len(key) != 32:
        raise SealError(f"the {name} key must be 32 bytes, base64-encoded")
    return key


def seal(plaintext: str) -> str:
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(_key("encryption")).encrypt(nonce, plaintext.encode(), None)
    return f"{VERSION}:{base64.urlsafe_b64encode(nonce + ciphertext).decode()}"


def unseal(sealed: str) -> str:
    version, _, payload = sealed.partition(":")
    if version != VERSION:
        raise SealError("unknown seal version")
    data = base64.urlsafe_b64decode(payload)
    try:
        return AESGCM(_key("encryption")).decrypt(data[:12], data[12:], None).decode()
    except InvalidTag as error:
        raise SealError("sealed with another key") from error


def blind_index(kind: str, value: str) -> str:
    """A keyed hash to find ``value`` of ``kind`` without storing it; equal in, equal out."""
    message = f"{kind}\0{value}".encode()
    return hmac.new(_key("index"), message, hashlib.sha256).hexdigest()
