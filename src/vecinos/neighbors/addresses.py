"""Checking and normalizing an address for each channel, before it is sealed.

A normalized address is what the blind index is computed over, so two spellings of
one phone number find the same subscription.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from urllib.parse import urlsplit

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from vecinos import config

DEFAULT_REGION = "US"
TELEGRAM_CHAT = re.compile(r"-?\d{1,20}")


class InvalidAddress(ValueError):
    """An address that its channel cannot reach; the message says why, in the user's language."""


def phone(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidAddress(_("This is not a phone number.")) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidAddress(_("This phone number does not exist."))
    # Codes to far-away premium numbers are how SMS pumping costs a network money.
    if phonenumbers.region_code_for_number(number) not in config.env_list(
        "PHONE_COUNTRIES", ["US"]
    ):
        raise InvalidAddress(_("This network does not send to numbers of that country."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(raw: str) -> str:
    address = raw.strip()
    try:
        validate_email(address)
    except ValidationError as error:
        raise InvalidAddress(_("This is not an email address.")) from error
    local, _at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def telegram(raw: str) -> str:
    chat = raw.strip()
    if not TELEGRAM_CHAT.fullmatch(chat):
        raise InvalidAddress(_("A Telegram chat id is a number."))
    return chat


def _base64url_bytes(value: object) -> int:
    if not isinstance(value, str):
        return -1
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return -1


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _secure_or_local(scheme: str, host: str | None) -> bool:
    """Real push services are https; plain http is only a push service on this machine."""
    return bool(host) and (scheme == "https" or (scheme == "http" and host in LOOPBACK))


def webpush(raw: str) -> str:
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


NORMALIZERS = {
    "sms": phone,
    "whatsapp": phone,
    "signal": phone,
    "telegram": telegram,
    "email": email,
    "webpush": webpush,
}


def normalize(channel: str, raw: str) -> str:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 2000:
        raise InvalidAddress(_("Enter the address to send alerts to."))
    return NORMALIZERS[channel](raw)


def index_value(channel: str, normalized: str) -> str:
    """What the blind index covers: a push subscription is known by its endpoint alone."""
    if channel == "webpush":
        return json.loads(normalized)["endpoint"]
    return normalized
