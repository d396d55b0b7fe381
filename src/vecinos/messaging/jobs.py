"""The outbox's sender, and a polling job for each configured channel that needs one."""

from __future__ import annotations

from vecinos import worker
from vecinos.messaging import channels
from vecinos.messaging.sender import Sender


def jobs() -> list[worker.Job]:
    found = [worker.Job("send messages", Sender().run_once, every_seconds=0)]
    for kind, channel in channels.TYPES.items():
        poll = channel.poller()
        if poll is not None:
            found.append(worker.Job(f"receive {kind} messages", poll, every_seconds=5))
    return found


worker.register_provider(jobs)
