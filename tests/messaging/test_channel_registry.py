"""A channel is one folder and one registry line: a throwaway channel, registered here and
nowhere else, can be subscribed to, confirmed and sent through like the real ones."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator, Mapping
from datetime import timedelta

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from tests.helpers import send_all
from vecinos.messaging import channels
from vecinos.messaging.channels import ChannelType, Message, Transport
from vecinos.messaging.channels.addresses import InvalidAddress
from vecinos.messaging.inbound import receive
from vecinos.messaging.services import broadcast_to_cells
from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import AreaRequest, confirm, subscribe
from vecinos.worker import default_jobs

SENT: list[tuple[str, str]] = []
HEARD: list[str] = []


class PigeonTransport(Transport):
    def send(self, address: str, message: Message, idempotency_key: str) -> None:
        SENT.append((address, message.text))


class PigeonType(ChannelType):
    kind = "pigeon"
    label = "Carrier pigeon"
    transport_class = PigeonTransport
    offered_on_forms = True
    takes_keywords = True

    @classmethod
    def normalize(cls, raw: str) -> str:
        if not re.fullmatch(r"loft-\d+", raw.strip().lower()):
            raise InvalidAddress("A loft is loft- and a number.")
        return raw.strip().lower()

    @classmethod
    def transport_settings(cls, variables: Mapping[str, str]) -> object:
        return {}

    @classmethod
    def poller(cls):
        def poll() -> int:
            receive("pigeon", "LOFT-7", "ALTO")
            return 1

        return poll


@pytest.fixture
def pigeon() -> Iterator[None]:
    SENT.clear()
    channels.register(PigeonType)
    yield
    channels.unregister("pigeon")


def test_a_registered_channel_is_offered_subscribed_confirmed_and_sent_through(
    network, block, pigeon
):
    assert "pigeon" in Client().get("/es/subscribe/").content.decode()
    subscribe("pigeon", "Loft-7", "es", [AreaRequest(cell=block)])
    send_all()
    code = re.search(r"\b(\d{6})\b", SENT[-1][1]).group(1)
    confirm("pigeon", "loft-7", code)
    broadcast_to_cells("alert:1", {"es": "Inmigración en el barrio"}, [block], _soon())
    send_all()
    assert SENT[-1][0] == "loft-7" and SENT[-1][1].startswith("Inmigración en el barrio")
    assert "ALTO" in SENT[-1][1]  # it takes keywords, so the footer is the word, not a link


def test_a_registered_channel_polls_and_its_keywords_work(network, here_cell, pigeon):
    subscribe("pigeon", "loft-7", "es", [AreaRequest(cell=here_cell)])
    job = next(job for job in default_jobs() if job.name == "receive pigeon messages")
    assert job.run() == 1
    assert ContactPoint.objects.get(channel="pigeon").stopped_at is not None


def test_a_channel_address_rule_is_its_own(network, here_cell, pigeon):
    with pytest.raises(InvalidAddress):
        subscribe("pigeon", "+13235550100", "es", [AreaRequest(cell=here_cell)])


def _hook(request: HttpRequest) -> HttpResponse:
    HEARD.append(request.body.decode())
    return HttpResponse()


def test_a_channel_brings_its_webhook(pigeon, monkeypatch, settings):
    monkeypatch.setattr(PigeonType, "webhooks", classmethod(lambda cls: [path("pigeon", _hook)]))
    # The hooks as vecinos.urls mounts them, built again now that the pigeon is registered.
    urlconf = types.ModuleType("pigeon_urls")
    urlconf.urlpatterns = [path("hooks/", include(channels.webhook_patterns()))]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pigeon_urls", urlconf)
    settings.ROOT_URLCONF = "pigeon_urls"
    assert Client().post("/hooks/pigeon", "coo", content_type="text/plain").status_code == 200
    assert HEARD == ["coo"]


def test_two_channels_cannot_share_a_name(pigeon):
    with pytest.raises(Exception, match="two channels"):
        channels.register(PigeonType)


def _soon():
    from django.utils import timezone

    return timezone.now() + timedelta(hours=1)
