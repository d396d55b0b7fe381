"""Shared personas and places, so every test reads like a story.

Personas: an anonymous neighbor, a dispatcher, a second dispatcher, a coordinator
and an outsider (a logged-in account with no role).
"""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from vecinos import geo
from vecinos.networks.models import Network, Role
from vecinos.networks.services import create_network, create_staff, create_token

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
def outsider(network: Network) -> User:
    return _staff("otro", None)


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
