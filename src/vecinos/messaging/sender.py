"""The worker's sending step: claim a batch, send it on a bounded pool, pace each channel."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections

from vecinos.messaging import segments
from vecinos.messaging.channels import TRANSPORTS
from vecinos.messaging.models import Delivery
from vecinos.messaging.ratelimit import SlidingWindow, window_for
from vecinos.messaging.services import claim, deliver, load_claimed

log = logging.getLogger("vecinos.messaging")


class Sender:
    def __init__(self, batch_size: int = 100, threads: int = 8) -> None:
        self.batch_size = batch_size
        self.pool = (
            ThreadPoolExecutor(threads, thread_name_prefix="vecinos-send") if threads > 1 else None
        )
        self.windows: dict[str, SlidingWindow | None] = {
            kind: window_for(kind) for kind in TRANSPORTS
        }

    def wait_for_rate(self, kind: str, text: str) -> None:
        window = self.windows.get(kind)
        if window is not None:
            # An SMS provider counts segments, not messages.
            window.take(segments.count(text).segments if kind == "sms" else 1)

    def _deliver(self, delivery: Delivery) -> None:
        try:
            deliver(delivery, self.wait_for_rate)
        except Exception:
            # The row stays leased and is retried when the lease runs out.
            log.exception("delivery %d failed unexpectedly", delivery.pk)
        finally:
            if self.pool is not None:
                close_old_connections()

    def run_once(self) -> int:
        """Send one batch; returns how many deliveries it handled."""
        deliveries = load_claimed(claim(self.batch_size))
        if self.pool is None:
            for delivery in deliveries:
                self._deliver(delivery)
        else:
            list(self.pool.map(self._deliver, deliveries))
        return len(deliveries)
