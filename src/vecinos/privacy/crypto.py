"""Encryption of contact points at rest, and keyed hashes to find them (DESIGN.md rule 2).

Two different keys, neither stored in the database: one encrypts (AES-256-GCM), one
keys the blind index (HMAC-SHA256). Each comes from the ``ENCRYPTION_KEY`` /
``INDEX_KEY`` setting (``VECINOS_ENCRYPTION_KEY`` / ``VECINOS_INDEX_KEY``, or their
``_FILE`` variants), else from a file generated once in the data directory's ``keys/``
folder. A database dump alone decrypts nothing.
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


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def key_folder() -> Path:
    folder = Path(settings.DATA_DIR) / "keys"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def keys_from_environment() -> bool:
    return bool(settings.ENCRYPTION_KEY or settings.INDEX_KEY)


def _decoded(raw: str, name: str) -> bytes:
    key = base64.urlsafe_b64decode(raw)
    if len(key) != 32:
        raise SealError(f"the {name} key must be 32 bytes, base64-encoded")
    return key


@cache
def _key(name: str) -> bytes:
    raw = getattr(settings, f"{name.upper()}_KEY") or config.generated_secret(
        key_folder() / f"{name}.key", new_key
    )
    return _decoded(raw, name)


@cache
def _previous_key() -> bytes | None:
    """The encryption key before the last rotation, while values sealed with it remain
    (see rotation.py): the PREVIOUS_ENCRYPTION_KEY setting, or keys/encryption.previous.key."""
    raw = settings.PREVIOUS_ENCRYPTION_KEY
    path = key_folder() / "encryption.previous.key"
    if not raw and path.exists():
        raw = path.read_text(encoding="utf-8").strip()
    return _decoded(raw, "previous encryption") if raw else None


def forget_keys() -> None:
    """Read the keys again (after a rotation changed them)."""
    _key.cache_clear()
    _previous_key.cache_clear()


def seal(plaintext: str) -> str:
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(_key("encryption")).encrypt(nonce, plaintext.encode(), None)
    return f"{VERSION}:{base64.urlsafe_b64encode(nonce + ciphertext).decode()}"


def unseal(sealed: str) -> str:
    version, _, payload = sealed.partition(":")
    if version != VERSION:
        raise SealError("unknown seal version")
    data = base64.urlsafe_b64decode(payload)
    for key in (_key("encryption"), _previous_key()):
        if key is None:
            break
        try:
            return AESGCM(key).decrypt(data[:12], data[12:], None).decode()
        except InvalidTag:
            continue
    raise SealError("sealed with another key")


def blind_index(kind: str, value: str) -> str:
    """A keyed hash to find ``value`` of ``kind`` without storing it; equal in, equal out."""
    message = f"{kind}\0{value}".encode()
    return hmac.new(_key("index"), message, hashlib.sha256).hexdigest()
