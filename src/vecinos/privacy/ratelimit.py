"""Rate limits per source, with no address kept anywhere.

A request's source is an HMAC of its address under a salt that lives a day in the
cache and is then gone: buckets cannot be linked back to an address, nor across days.
The address itself is read from the request and never stored or logged. A report keeps
a short prefix of its source's tag until its incident closes, so that a flood from one
source can be recognized (reports.floods.floods).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

SALT_KEY = "vecinos:ratelimit:salt"
DAY = 24 * 3600


def _salt() -> str:
    cache.add(SALT_KEY, secrets.token_hex(16), DAY)
    return cache.get(SALT_KEY) or ""


def _client_address(request: HttpRequest) -> str:
    """Behind a reverse proxy that sets X-Forwarded-For, trust its first hop (only if told)."""
    if settings.TRUST_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def tag(value: str) -> str:
    """A keyed hash of ``value`` under today's salt: equal within a day, unlinkable after."""
    return hmac.new(_salt().encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def source(request: HttpRequest) -> str:
    return tag(_client_address(request))


def allow(request: HttpRequest, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one more request of ``scope`` from this source; False once over ``limit``."""
    key = f"vecinos:ratelimit:{scope}:{source(request)}"
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.set(key, 1, window_seconds)
        return True
