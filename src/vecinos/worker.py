"""The worker loop: jobs derived from the database's state, run on a schedule.

In the embedded default it runs as a thread beside the web server; at scale as
any number of `vecinos worker` processes. Every job must be safe to run twice.
Each app registers its jobs when it is ready (``register``); this module knows none.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.db import close_old_connections, connections

from vecinos import wakeup

log = logging.getLogger("vecinos.worker")
# An idle worker polls the outbox every IDLE_SECONDS and its timers every 15 s:
# together a little under one query a second.
IDLE_SECONDS = 1.1


@dataclass
class Job:
    name: str
    run: Callable[[], int]
    every_seconds: float
    next_at: float = field(default=0.0)


_registered: dict[str, Job] = {}
_providers: list[Callable[[], list[Job]]] = []


def register(name: str, every_seconds: float) -> Callable[[Callable[[], int]], Callable[[], int]]:
    """Decorator: run the function every ``every_seconds`` (0: whenever the worker loops)."""

    def registering(run: Callable[[], int]) -> Callable[[], int]:
        _registered[name] = Job(name, run, every_seconds)
        return run

    return registering


def register_provider(provider: Callable[[], list[Job]]) -> None:
    """Jobs that depend on configuration (a channel to poll), asked for when a worker starts."""
    _providers.append(provider)


def default_jobs() -> list[Job]:
    jobs = [replace(job) for job in _registered.values()]
    return jobs + [job for provider in _providers for job in provider()]


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
