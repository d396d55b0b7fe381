"""Pacing each channel's sends: at most R messages (or SMS segments) in any one second.

A sliding window, not a token bucket with a burst: providers count in windows, and a
burst after an idle spell is exactly what gets a sender throttled. The window is
kept in the worker process, so with several workers give each its share of the
provider's limit (VECINOS_<CHANNEL>_RATE is per worker). What one message costs is
its channel's to say (an SMS costs its segments).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque

from vecinos.messaging.channels import channel_type

# A little longer than a second, so network jitter cannot squeeze R+1 sends into one.
WINDOW_SECONDS = 1.02


class Clock:
    """Where a window reads the time and how it waits; a test passes one that only pretends."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def sleep_on_loop(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


MONOTONIC = Clock()


class SlidingWindow:
    def __init__(self, rate: float, clock: Clock = MONOTONIC) -> None:
        self.rate = rate
        self.clock = clock
        self.spent: deque[tuple[float, float]] = deque()  # (when, amount)
        self.total = 0.0
        self.lock = threading.Lock()

    def take(self, amount: float = 1.0) -> None:
        """Wait until ``amount`` more fits in the last window, then count it."""
        while (wait := self.reserve(amount)) > 0:
            self.clock.sleep(wait)

    async def take_on_loop(self, amount: float = 1.0) -> None:
        """``take`` for a coroutine: the loop goes on with other sends while this one waits."""
        while (wait := self.reserve(amount)) > 0:
            await self.clock.sleep_on_loop(wait)

    def reserve(self, amount: float) -> float:
        """Count ``amount`` and return 0 if it fits now, else how long to wait to ask again."""
        amount = min(amount, self.rate)  # a message longer than the limit still goes, alone
        with self.lock:
            now = self.clock.now()
            while self.spent and self.spent[0][0] <= now - WINDOW_SECONDS:
                self.total -= self.spent.popleft()[1]
            if self.total + amount <= self.rate:
                self.spent.append((now, amount))
                self.total += amount
                return 0.0
            return max(self.spent[0][0] + WINDOW_SECONDS - now, 0.001)


def window_for(kind: str) -> SlidingWindow | None:
    raw = channel_type(kind).configuration().get(f"{kind.upper()}_RATE")
    return SlidingWindow(float(raw)) if raw else None
