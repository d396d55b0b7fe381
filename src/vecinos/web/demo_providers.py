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


def _environment(kind: str, fake: object) -> dict[str, str]:
    return {
        "sms": lambda f: {
            "VECINOS_SMS_PROVIDER": "twilio",
            "VECINOS_TWILIO_ACCOUNT_SID": f.account_sid,
            "VECINOS_TWILIO_AUTH_TOKEN": f.auth_token,
            "VECINOS_TWILIO_FROM": "+13235550199",
            "VECINOS_TWILIO_API_BASE": f.url,
        },
        "whatsapp": lambda f: {
            "VECINOS_WHATSAPP_ACCESS_TOKEN": f.token,
            "VECINOS_WHATSAPP_PHONE_NUMBER_ID": f.phone_number_id,
            "VECINOS_WHATSAPP_APP_SECRET": f.app_secret,
            "VECINOS_WHATSAPP_API_BASE": f.url + "/v21.0",
        },
        "signal": lambda f: {"VECINOS_SIGNAL_API_BASE": f.url, "VECINOS_SIGNAL_NUMBER": f.number},
        "telegram": lambda f: {
            "VECINOS_TELEGRAM_BOT_TOKEN": f.token,
            "VECINOS_TELEGRAM_API_BASE": f.url,
        },
        "email": lambda f: {
            "VECINOS_SMTP_URL": f.url,
            "VECINOS_EMAIL_FROM": "demo@vecinos.invalid",
        },
    }[kind](fake)


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
        os.environ.update(_environment(kind, fake))
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
