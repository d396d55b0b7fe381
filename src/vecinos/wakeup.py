"""A nudge from whoever queues messages to a worker in the same process.

In the embedded default the worker sleeps up to a second between idle rounds; an
alert must not wait for that. Workers in other processes still poll each second.
"""

from __future__ import annotations

import threading

queued = threading.Event()


def wake() -> None:
    queued.set()


def wait(timeout: float, stopping: threading.Event) -> None:
    """Sleep until work is queued, the worker is stopping, or ``timeout`` passes."""
    if stopping.is_set():
        return
    queued.wait(timeout)
    queued.clear()
