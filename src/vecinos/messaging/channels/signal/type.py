"""Signal: phone numbers, keywords, and polling signal-cli, which has no webhook."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from vecinos.messaging.channels.addresses import phone
from vecinos.messaging.channels.base import ChannelType
from vecinos.messaging.channels.signal.transport import SignalSettings, SignalTransport


class SignalType(ChannelType):
    kind = "signal"
    label = "Signal"
    transport_class = SignalTransport
    variables = {"SIGNAL_API_BASE": "", "SIGNAL_NUMBER": ""}
    offered_on_forms = True
    takes_keywords = True
    fake = "vecinos.fakes.signal.FakeSignal"

    @classmethod
    def normalize(cls, raw: str) -> str:
        return phone(raw)

    @classmethod
    def transport_settings(cls, variables: Mapping[str, str]) -> SignalSettings | None:
        return SignalSettings.from_variables(variables)

    @classmethod
    def poller(cls) -> Callable[[], int] | None:
        from vecinos.messaging.channels.signal.inbound import poll

        settings = cls.transport_settings(cls.configuration())
        return None if settings is None else partial(poll, settings)
