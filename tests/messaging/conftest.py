"""Every provider as a local fake, wired to the real channel code through the environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vecinos.fakes.push import FakePushService
from vecinos.fakes.signal import FakeSignal
from vecinos.fakes.smtp import FakeSmtp
from vecinos.fakes.telegram import FakeTelegram
from vecinos.fakes.twilio import FakeTwilio
from vecinos.fakes.whatsapp import FakeWhatsApp
from vecinos.messaging.channels import configured


@pytest.fixture(autouse=True)
def fresh_channels() -> Iterator[None]:
    configured.cache_clear()
    yield
    configured.cache_clear()


def running(fake_class: type, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    fake = fake_class().start()
    for name, value in fake.environment().items():
        monkeypatch.setenv(name, value)
    yield fake
    fake.stop()


@pytest.fixture
def twilio(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTwilio]:
    yield from running(FakeTwilio, monkeypatch)


@pytest.fixture
def telegram(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTelegram]:
    yield from running(FakeTelegram, monkeypatch)


@pytest.fixture
def signal(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSignal]:
    yield from running(FakeSignal, monkeypatch)


@pytest.fixture
def whatsapp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWhatsApp]:
    yield from running(FakeWhatsApp, monkeypatch)


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSmtp]:
    yield from running(FakeSmtp, monkeypatch)


@pytest.fixture
def push_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePushService]:
    yield from running(FakePushService, monkeypatch)
