"""The worker loop: jobs derived from the database's state, run on a schedule.

In the embedded default it runs as a thread beside the web server; at scale as
any number of `vecinos worker` processes. Every job must be safe to run twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db import close_old_connections, connections

from vecinos.messaging import wakeup
from vecinos.messaging.channels.signal.inbound import poll as poll_signal
from vecinos.messaging.channels.signal.transport import SignalSettings
from vecinos.messaging.sender import Sender
from vecinos.privacy.retention import purge_job
from vecinos.reports.closing import close_settled_incidents
from vecinos.responders.callouts import timers

log = logging.getLogger("vecinos.worker")
# An idle worker polls the outbox every IDLE_SECONDS and its timers every TIMER_SECONDS:
# together a little under one query a second.
IDLE_SECONDS = 1.1
TIMER_SECONDS = 15.0


@dataclass
class Job:
    name: str
    run: Callable[[], int]
    every_seconds: float
    next_at: float = field(default=0.0)


def default_jobs() -> list[Job]:
    jobs = [
        Job("send messages", Sender().run_once, every_seconds=0),
        Job("escalate dispatches, flag missed check-ins", timers, every_seconds=TIMER_SECONDS),
        Job("close settled incidents", close_settled_incidents, every_seconds=60),
        Job("purge what is past its retention", purge_job, every_seconds=3600),
    ]
    signal = SignalSettings.from_env()
    if signal is not None:
        jobs.append(Job("receive Signal messages", partial(poll_signal, signal), every_seconds=5))
    return jobs


class Worker:
    def __init__(self, jobs: list[Job] | None = None, idle_sleep: float = IDLE_SECONDS) -> None:
        self.jobs = default_jobs() if jobs is None else jobs
        self.idle_sleep = idle_sleep
        self.stopping = threading.Event()

    def tick(self, now: float | None = None) -> dict[str, int]:
        """Run every job that is due; returns how much each one did."""
        now = time.monotonic() if now is None else now
        done = {}
        for job in self.jobs:
            if job.next_at > now:
                continue
            job.next_at = now + job.every_seconds
            try:
                done[job.name] = job.run()
            except Exception:
                # One failing job must not stop alerts from going out; it is retried next time.
                log.exception("job %r failed", job.name)
        return done

    def run(self) -> None:
        log.info("worker started")
        while not self.stopping.is_set():
            close_old_connections()
            done = self.tick()
            for name, count in done.items():
                if count:
                    log.debug("%s: %d", name, count)
            # Busy: go straight on. Idle: one round of queries a second at most.
            if not any(done.values()):
                wakeup.wait(self.idle_sleep, self.stopping)
        # This thread's database connection would otherwise stay open until collected.
        connections.close_all()
        log.info("worker stopped")

    def stop(self) -> None:
        self.stopping.set()
        wakeup.wake()
