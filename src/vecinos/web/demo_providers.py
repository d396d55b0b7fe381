"""`vecinos demo` needs no provider account: it runs each channel's fake provider
in-process and points the channel at it, unless the environment configures that channel."""

from __future__ import annotations

from typing import Any

from vecinos.messaging import channels

# What each running fake received, by channel: read by the demo phone page.
RUNNING: dict[str, Any] = {}


def start() -> list[str]:
    """Start a fake for every channel the environment leaves unconfigured; returns their kinds."""
    for kind, channel in channels.TYPES.items():
        if not channel.fake_in_demo or channel.transport() is not None:
            continue
        fake = channel.fake_class()().start()
        channels.configure(kind, fake.environment())
        RUNNING[kind] = fake
    return list(RUNNING)


def received() -> list[tuple[str, str, str]]:
    """(channel, address, text) for everything the fakes received, newest first."""
    messages = [
        (kind, address, text) for kind, fake in RUNNING.items() for address, text in fake.inbox()
    ]
    return list(reversed(messages))
