"""Two-factor login (TOTP) for everyone who can publish to a city: dispatchers and
coordinators. Only `vecinos demo`, whose data is synthetic, turns it off."""

from __future__ import annotations

import base64
import math
from typing import Protocol, cast

import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import MAX_THROTTLE_DELAY_SECONDS
from django_otp.plugins.otp_totp.models import TOTPDevice

from vecinos.networks.auth import SignedInRequest
from vecinos.networks.services import is_staff_member


class _OTPUser(Protocol):
    """What django_otp's middleware adds to each request's user, signed in or not."""

    def is_verified(self) -> bool: ...


def required() -> bool:
    return settings.REQUIRE_TWO_FACTOR


def needs_second_factor(user: User | AnonymousUser) -> bool:
    return required() and is_staff_member(user) and not cast(_OTPUser, user).is_verified()


def device_for(user: User) -> TOTPDevice:
    """The user's authenticator; a new, unconfirmed one until its first code is entered."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps want it typed (base32)."""
    return base64.b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URL as an SVG QR code, inline so no request or script is needed."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1a1a1a")


def seconds_to_wait(user: User) -> int:
    """After wrong codes, django_otp refuses even a right one for a while (1, 2, 4 … s):
    how long that is now, so the page can say so instead of "wrong" again."""
    device = device_for(user)
    allowed, _details = device.verify_is_allowed()
    if allowed or device.throttling_failure_timestamp is None:
        return 0
    delay = device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1)
    elapsed = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
    return max(1, math.ceil(min(delay, MAX_THROTTLE_DELAY_SECONDS) - elapsed))


def verify(request: SignedInRequest, token: str) -> bool:
    device = device_for(request.user)
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True
