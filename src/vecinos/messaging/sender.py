"""The worker's sending step: claim a batch, send it all at once, record each answer as it comes.

HTTP channels share one asynchronous client (a bounded pool of keep-alive
connections); the others (SMTP) run on a small pool of threads. Each channel is
paced by its sliding window before its message is handed over.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

from vecinos.messaging import segments
from vecinos.messaging.channels import TRANSPORTS, TransportError
from vecinos.messaging.channels.base import HttpTransport
from vecinos.messaging.channels.http import client
from vecinos.messaging.ratelimit import SlidingWindow, window_for
from vecinos.messaging.services import (
    Outcome,
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


class Sender:
    def __init__(self, batch_size: int = 200, threads: int = 4) -> None:
        self.batch_size = batch_size
        self.threads = ThreadPoolExecutor(threads, thread_name_prefix="vecinos-send")
        self.windows: dict[str, SlidingWindow | None] = {
            kind: window_for(kind) for kind in TRANSPORTS
        }

    def wait_for_rate(self, outgoing: Outgoing) -> None:
        window = self.windows.get(outgoing.delivery.channel)
        if window is not None:
            # An SMS provider counts segments, not messages.
            sms = outgoing.delivery.channel == "sms"
            window.take(segments.count(outgoing.message.text).segments if sms else 1)

    def _start(self, outgoing: Outgoing) -> Future:
        transport, key = outgoing.transport, outgoing.delivery.idempotency_key
        if isinstance(transport, HttpTransport):
            return client().submit(transport.request(outgoing.address, outgoing.message, key))
        return self.threads.submit(transport.send, outgoing.address, outgoing.message, key)

    @staticmethod
    def _error(outgoing: Outgoing, answer: Future) -> TransportError | None:
        try:
            if isinstance(outgoing.transport, HttpTransport):
                outgoing.transport.check(answer)
            else:
                answer.result()
        except TransportError as error:
            return error
        return None

    def _record_answers(self, in_flight: dict[Future, Outgoing]) -> None:
        """Record answers as they arrive, a few rows per statement: a commit per message
        would cost more than sending it."""
        answered: list[Outcome] = []
        for answer in as_completed(in_flight):
            delivery = in_flight[answer].delivery
            try:
                answered.append(outcome(delivery, self._error(in_flight[answer], answer)))
            except Exception:
                # A bug, not a provider's answer: the row stays leased and is retried later.
                log.exception("delivery %d failed unexpectedly", delivery.pk)
            if len(answered) >= RECORD_EVERY:
                write_outcomes(answered)
                answered.clear()
        write_outcomes(answered)

    def run_once(self) -> int:
        """Send one batch; returns how many deliveries it handled."""
        deliveries = load_claimed(claim(self.batch_size))
        in_flight: dict[Future, Outgoing] = {}
        for delivery in deliveries:
            outgoing = prepare(delivery)
            if isinstance(outgoing, Outgoing):
                self.wait_for_rate(outgoing)
                in_flight[self._start(outgoing)] = outgoing
        self._record_answers(in_flight)
        return len(deliveries)
