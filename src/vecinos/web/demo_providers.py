"""`vecinos demo` needs no provider account: it runs the fake providers in-process and
points the channels at them, unless the environment already configures a channel."""

from __future__ import annotations

import os

from vecinos.fakes.signal import FakeSignal
from vecinos.fakes.smtp import FakeSmtp
from vecinos.fakes.telegram import FakeTelegram
from vecinos.fakes.twilio import FakeTwilio
from vecinos.fakes.whatsapp import FakeWhatsApp
from vecinos.messaging.channels import TRANSPORTS, configured

# What each running fake received, by channel: read by the demo phone page.
RUNNING: dict[str, FakeTwilio | FakeWhatsApp | FakeSignal | FakeTelegram | FakeSmtp] = {}


FAKES = {
    "sms": FakeTwilio,
    "whatsapp": FakeWhatsApp,
    "signal": FakeSignal,
    "telegram": FakeTelegram,
    "email": FakeSmtp,
}


def start() -> list[str]:
    """Start a fake for every channel the environment leaves unconfigured; returns their kinds."""
    started = []
    for kind, fake_class in FAKES.items():
        if TRANSPORTS[kind].from_env() is not None:
            continue
        fake = fake_class().start()
        os.environ.update(fake.environment())
        RUNNING[kind] = fake
        started.append(kind)
    configured.cache_clear()
    return started


def received() -> list[tuple[str, str, str]]:
    """(channel, address, text) for everything the fakes received, newest first."""
    messages = [
        (kind, address, text) for kind, fake in RUNNING.items() for address, text in fake.inbox()
    ]
    return list(reversed(messages))
