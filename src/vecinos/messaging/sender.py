"""The worker's sending step: claim a batch, send it all at once, record the answers as they come.

A batch runs as one task on the shared HTTP client's loop (see http.py): a few
lanes take its messages in turn, so handing a batch over costs one wake-up of
the loop, not one per message. HTTP channels send on the loop, over a bounded pool
of keep-alive connections; the others (SMTP) on a small pool of threads. Each
channel is paced by its sliding window just before its message goes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Empty, SimpleQueue
from typing import Any

from vecinos.messaging.channels import TYPES, TransportError, channel_type
from vecinos.messaging.channels.base import HttpTransport
from vecinos.messaging.channels.http import CONNECTIONS, client
from vecinos.messaging.ratelimit import SlidingWindow, window_for
from vecinos.messaging.services import (
    LEASE,
    Outgoing,
    claim,
    load_claimed,
    outcome,
    prepare,
    write_outcomes,
)

log = logging.getLogger("vecinos.messaging")
# Answers recorded per transaction. A worker killed in between re-sends at most these,
# with the same idempotency keys.
RECORD_EVERY = 25
# Messages in flight at once: as many as the HTTP client keeps connections.
LANES = CONNECTIONS
# How long one run of the sending job may go on while there is more to send.
RUN_SECONDS = 5.0


class Unexpected(Exception):
    """A bug, not a provider's answer: the row stays leased and is retried later."""


# A send's answer: the error, if any, and the provider's id for the message, if it gave one.
Answer = tuple[Outgoing, TransportError | Unexpected | None, str]


class Sender:
    def __init__(self, batch_size: int = 200, threads: int = 4) -> None:
        self.batch_size = batch_size
        self.threads = ThreadPoolExecutor(threads, thread_name_prefix="vecinos-send")
        self.windows: dict[str, SlidingWindow | None] = {kind: window_for(kind) for kind in TYPES}

    async def _send(self, outgoing: Outgoing) -> str | None:
        channel, transport = outgoing.claimed.channel, outgoing.transport
        window = self.windows.get(channel)
        if window is not None:
            await window.take_on_loop(channel_type(channel).cost(outgoing.message.text))
        arguments = (outgoing.address, outgoing.message, outgoing.claimed.idempotency_key)
        if isinstance(transport, HttpTransport):
            return await transport.send_on_loop(*arguments)
        return await asyncio.get_running_loop().run_in_executor(
            self.threads, transport.send, *arguments
        )

    async def _send_all(self, batch: list[Outgoing], answers: SimpleQueue[list[Answer]]) -> None:
        """Send ``batch`` over a few lanes; put the answers in ``answers``, a group at a time."""
        waiting = iter(batch)
        answered: list[Answer] = []

        async def lane() -> None:
            for outgoing in waiting:
                try:
                    provider_id = await self._send(outgoing)
                except TransportError as error:
                    answered.append((outgoing, error, ""))
                except Exception:
                    log.exception("delivery %d failed unexpectedly", outgoing.claimed.id)
                    answered.append((outgoing, Unexpected(), ""))
                else:
                    answered.append((outgoing, None, provider_id or ""))
                if len(answered) >= RECORD_EVERY:
                    answers.put(answered[:])
                    answered.clear()

        await asyncio.gather(*(lane() for _ in range(min(LANES, len(batch)))))
        answers.put(answered)

    def batch_size_now(self) -> int:
        """Small enough that the slowest paced channel sends a batch well within its lease:
        a lease that ran out mid-batch would let another worker send the same rows."""
        rates = [window.rate for window in self.windows.values() if window is not None]
        if not rates:
            return self.batch_size
        return max(1, min(self.batch_size, int(min(rates) * LEASE.total_seconds() / 4)))

    def run_once(self) -> int:
        """Send what is due, a batch at a time, each batch claimed while the one before is
        still in flight; returns how many deliveries it handled. Returns within about
        RUN_SECONDS, every answer recorded, so the worker's other jobs get their turn."""
        flight, handled = Flight(), 0
        deadline = time.monotonic() + RUN_SECONDS
        batch_size = self.batch_size_now()
        while time.monotonic() < deadline:
            deliveries = load_claimed(claim(batch_size))
            if not deliveries:
                break
            handled += len(deliveries)
            ready = [o for o in map(prepare, deliveries) if isinstance(o, Outgoing)]
            if ready:
                flight.take_off(self._send_all(ready, flight.answers), len(ready))
            flight.record(until=batch_size // 2)
        flight.record(until=0)
        return handled


class Flight:
    """Batches handed to the loop whose answers are not all recorded yet."""

    def __init__(self) -> None:
        self.answers: SimpleQueue[list[Answer]] = SimpleQueue()
        self.expected = 0
        self.sending: list[Future] = []

    def take_off(self, sending: Coroutine[Any, Any, None], count: int) -> None:
        self.sending.append(client().run(sending))
        self.expected += count

    def record(self, until: int) -> None:
        """Record answers as they arrive, a few rows per statement (a commit per message
        would cost more than sending it), until at most ``until`` are still awaited."""
        while self.expected > until:
            try:
                group = self.answers.get(timeout=1.0)
            except Empty:
                for sending in self.sending:
                    if sending.done():
                        sending.result()  # a bug that ended a batch: raise it, not wait forever
                continue
            while not self.answers.empty():  # answers that piled up meanwhile: one statement
                group += self.answers.get()
            self.expected -= len(group)
            write_outcomes(
                [
                    outcome(o.claimed, e, provider_id)
                    for o, e, provider_id in group
                    if not isinstance(e, Unexpected)
                ]
            )
        self.sending = [sending for sending in self.sending if not sending.done()]
