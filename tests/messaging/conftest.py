"""Every provider as a local fake, wired to the real channel code through settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from vecinos.fakes.push import FakePushService
from vecinos.fakes.signal import FakeSignal
from vecinos.fakes.smtp import FakeSmtp
from vecinos.fakes.telegram import FakeTelegram
from vecinos.fakes.twilio import FakeTwilio
from vecinos.fakes.whatsapp import FakeWhatsApp
from vecinos.messaging import channels
from vecinos.messaging.channels import configured


@pytest.fixture(autouse=True)
def fresh_channels() -> Iterator[None]:
    configured.cache_clear()
    yield
    configured.cache_clear()


def running(kind: str, settings: Any) -> Iterator[object]:
    fake = channels.TYPES[kind].fake_class()().start()
    settings.CHANNELS = {
        **settings.CHANNELS,
        kind: channels.read_variables(fake.environment())[kind],
    }
    yield fake
    fake.stop()


@pytest.fixture
def twilio(settings: Any) -> Iterator[FakeTwilio]:
    yield from running("sms", settings)


@pytest.fixture
def telegram(settings: Any) -> Iterator[FakeTelegram]:
    yield from running("telegram", settings)


@pytest.fixture
def signal(settings: Any) -> Iterator[FakeSignal]:
    yield from running("signal", settings)


@pytest.fixture
def whatsapp(settings: Any) -> Iterator[FakeWhatsApp]:
    yield from running("whatsapp", settings)


@pytest.fixture
def smtp(settings: Any) -> Iterator[FakeSmtp]:
    yield from running("email", settings)


@pytest.fixture
def push_service(settings: Any) -> Iterator[FakePushService]:
    yield from running("webpush", settings)
