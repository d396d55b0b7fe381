"""Token buckets that pace each channel's sends (messages, or SMS segments, per second).

They live in the worker process: with several workers, give each a share of the
provider's limit (VECINOS_<CHANNEL>_RATE is per worker).
"""

from __future__ import annotations

import threading
import time

from vecinos import config


class TokenBucket:
    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.capacity = burst if burst is not None else max(1.0, rate)
        self.tokens = 0.0
        self.updated = time.monotonic()
        self.lock = threading.Lock()

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def take(self, amount: float = 1.0) -> None:
        """Wait until ``amount`` tokens are there, then spend them."""
        while True:
            with self.lock:
                now = time.monotonic()
                self._refill(now)
                if self.tokens >= amount or (
                    amount > self.capacity and self.tokens >= self.capacity
                ):
                    self.tokens -= amount
                    return
                wait = (min(amount, self.capacity) - self.tokens) / self.rate
            time.sleep(wait)


def bucket_for(kind: str) -> TokenBucket | None:
    raw = config.env_str(f"{kind.upper()}_RATE")
    return TokenBucket(float(raw)) if raw else None
