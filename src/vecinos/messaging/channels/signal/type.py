"""Signal: phone numbers, keywords, and polling signal-cli, which has no webhook."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from vecinos.messaging.channels.base import PhoneChannelType
from vecinos.messaging.channels.signal.transport import SignalSettings, SignalTransport


class SignalType(PhoneChannelType):
    kind = "signal"
    label = "Signal"
    settings_class = SignalSettings
    transport_class = SignalTransport
    variables = {"SIGNAL_API_BASE": "", "SIGNAL_NUMBER": ""}
    offered_on_forms = True
    takes_keywords = True
    fake = "vecinos.fakes.signal.FakeSignal"

    @classmethod
    def poller(cls) -> Callable[[], int] | None:
        from vecinos.messaging.channels.signal.inbound import poll

        settings = cls.transport_settings(cls.configuration())
        return None if settings is None else partial(poll, settings)
