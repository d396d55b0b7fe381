"""Shared personas and places, so every test reads like a story.

Personas: an anonymous neighbor, a dispatcher, a second dispatcher, a coordinator
and an outsider (a logged-in account with no role).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import timedelta

import h3
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import incident_at
from vecinos import geo
from vecinos.neighbors.services import AreaRequest
from vecinos.networks.models import Network, Role
from vecinos.networks.services import create_network, create_staff, create_token
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Incident, Status
from vecinos.responders import pipeline
from vecinos.responders.models import Skill

# Florence-Firestone, South Los Angeles (a public place, not anyone's address).
HERE = (33.960, -118.244)
FAR_AWAY = (40.7128, -74.0060)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that tries to reach beyond this machine fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in ("127.0.0.1", "::1", "localhost")
            and (self.family in (socket.AF_INET, socket.AF_INET6))
        ):
            raise RuntimeError(f"test tried to reach {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Rate-limit buckets live in the cache: every story starts with none."""
    cache.clear()


@pytest.fixture
def wsgi_in_the_test_transaction() -> Iterator[None]:
    """As Django's test client does: calls straight to the WSGI application (schemathesis)
    must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def network(db: None) -> Network:
    areas = {
        "Florence-Firestone": geo.cells_around(*HERE, 1.2, geo.NEIGHBOR),
        "Watts": geo.cells_around(33.940, -118.242, 1.2, geo.NEIGHBOR),
    }
    coverage = geo.cells_around(*HERE, 6, geo.COVERAGE)
    return create_network("Vecinos de prueba", ["es", "en"], coverage, areas)


@pytest.fixture
def here_cell() -> str:
    return geo.snap(*HERE, geo.REPORT)


@pytest.fixture
def block(here_cell: str) -> str:
    """The neighbor-resolution cell a subscriber here chooses."""
    return geo.coarsen(here_cell, geo.NEIGHBOR)


def _staff(username: str, role: Role | None) -> User:
    if role is None:
        return User.objects.create_user(username=username, password=PASSWORD)
    return create_staff(username, role, PASSWORD)


@pytest.fixture
def dispatcher(network: Network) -> User:
    return _staff("ana", Role.DISPATCHER)


@pytest.fixture
def other_dispatcher(network: Network) -> User:
    return _staff("beto", Role.DISPATCHER)


@pytest.fixture
def coordinator(network: Network) -> User:
    return _staff("carmen", Role.COORDINATOR)


@pytest.fixture
def organizer(network: Network) -> User:
    return _staff("olga", Role.ORGANIZER)


@pytest.fixture
def outsider(network: Network) -> User:
    return _staff("otro", None)


@pytest.fixture
def confirmed(network: Network, here_cell: str, dispatcher: User) -> Incident:
    """A report here that a dispatcher confirmed: ready for a verified alert."""
    return verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)


@pytest.fixture
def neighbor() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="es")


def staff_client(user: User) -> Client:
    """A browser where ``user`` logged in with a password and an authenticator code."""
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def dispatcher_client(dispatcher: User) -> Client:
    return staff_client(dispatcher)


@pytest.fixture
def api_dispatcher(dispatcher: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {create_token(dispatcher)}")


# ---- responders, placed around the incident, each trained and active -------------------------


def ring_cell(here_cell: str, ring: int) -> str:
    """A neighbor-resolution cell exactly ``ring`` steps from the incident's."""
    center = geo.coarsen(here_cell, geo.NEIGHBOR)
    return sorted(h3.grid_ring(center, ring))[0] if ring else center


def sign_up(network, alias, number, cell, language="en", skills=(Skill.VERIFIER,)):
    return pipeline.sign_up(
        pipeline.SignUp(
            alias=alias,
            channel="sms",
            address=number,
            language=language,
            languages=[language],
            skills=list(skills),
            usually_free="evenings",
            areas=[AreaRequest(cell=cell)],
        )
    )


def make_active(responder, coordinator, skill=Skill.VERIFIER, completed_days_ago=30):
    """As if they had entered their code, met a coordinator and trained."""
    contact = responder.contact
    contact.confirmed_at = timezone.now()
    contact.save()
    pipeline.vet(responder, coordinator)
    completed = timezone.localdate() - timedelta(days=completed_days_ago)
    pipeline.record_training(responder, skill, completed, None, coordinator)
    return pipeline.activate(responder, coordinator)


@pytest.fixture
def responder_at(network, here_cell, coordinator):
    def build(alias, ring, number=None, language="en", skill=Skill.VERIFIER):
        number = number or f"+1323556{abs(hash(alias)) % 10000:04d}"
        signed_up = sign_up(network, alias, number, ring_cell(here_cell, ring), language)
        return make_active(signed_up, coordinator, skill)

    return build
