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
from vecinos.messaging.channels.webpush.transport import generate_vapid_key


@pytest.fixture(autouse=True)
def fresh_channels() -> Iterator[None]:
    configured.cache_clear()
    yield
    configured.cache_clear()


@pytest.fixture
def twilio(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTwilio]:
    fake = FakeTwilio().start()
    monkeypatch.setenv("VECINOS_SMS_PROVIDER", "twilio")
    monkeypatch.setenv("VECINOS_TWILIO_ACCOUNT_SID", fake.account_sid)
    monkeypatch.setenv("VECINOS_TWILIO_AUTH_TOKEN", fake.auth_token)
    monkeypatch.setenv("VECINOS_TWILIO_FROM", "+13235550199")
    monkeypatch.setenv("VECINOS_TWILIO_API_BASE", fake.url)
    yield fake
    fake.stop()


@pytest.fixture
def telegram(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTelegram]:
    fake = FakeTelegram().start()
    monkeypatch.setenv("VECINOS_TELEGRAM_BOT_TOKEN", fake.token)
    monkeypatch.setenv("VECINOS_TELEGRAM_WEBHOOK_SECRET", "hook-secret")
    monkeypatch.setenv("VECINOS_TELEGRAM_API_BASE", fake.url)
    yield fake
    fake.stop()


@pytest.fixture
def signal(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSignal]:
    fake = FakeSignal().start()
    monkeypatch.setenv("VECINOS_SIGNAL_API_BASE", fake.url)
    monkeypatch.setenv("VECINOS_SIGNAL_NUMBER", fake.number)
    yield fake
    fake.stop()


@pytest.fixture
def whatsapp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWhatsApp]:
    fake = FakeWhatsApp().start()
    monkeypatch.setenv("VECINOS_WHATSAPP_ACCESS_TOKEN", fake.token)
    monkeypatch.setenv("VECINOS_WHATSAPP_PHONE_NUMBER_ID", fake.phone_number_id)
    monkeypatch.setenv("VECINOS_WHATSAPP_APP_SECRET", fake.app_secret)
    monkeypatch.setenv("VECINOS_WHATSAPP_VERIFY_TOKEN", "verify-me")
    monkeypatch.setenv("VECINOS_WHATSAPP_API_BASE", fake.url + "/v21.0")
    yield fake
    fake.stop()


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSmtp]:
    fake = FakeSmtp().start()
    monkeypatch.setenv("VECINOS_SMTP_URL", fake.url)
    monkeypatch.setenv("VECINOS_EMAIL_FROM", "alertas@vecinos.example")
    yield fake
    fake.stop()


@pytest.fixture
def push_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePushService]:
    fake = FakePushService().start()
    monkeypatch.setenv("VECINOS_WEBPUSH_VAPID_PRIVATE_KEY", generate_vapid_key())
    monkeypatch.setenv("VECINOS_WEBPUSH_SUBJECT", "mailto:alertas@vecinos.example")
    yield fake
    fake.stop()
