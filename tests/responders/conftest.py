"""Responders placed around the incident, each trained and active, reachable by SMS."""

from __future__ import annotations

from datetime import timedelta

import h3
import pytest
from django.utils import timezone

from tests.messaging.conftest import fresh_channels, twilio  # noqa: F401 (fixtures)
from vecinos import geo
from vecinos.neighbors.services import AreaRequest
from vecinos.responders import services
from vecinos.responders.models import Skill


def ring_cell(here_cell: str, ring: int) -> str:
    """A neighbor-resolution cell exactly ``ring`` steps from the incident's."""
    center = geo.coarsen(here_cell, geo.NEIGHBOR)
    return sorted(h3.grid_ring(center, ring))[0] if ring else center


def sign_up(network, alias, number, cell, language="en", skills=(Skill.VERIFIER,)):
    return services.sign_up(
        services.SignUp(
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
    services.vet(responder, coordinator)
    completed = timezone.localdate() - timedelta(days=completed_days_ago)
    services.record_training(responder, skill, completed, None, coordinator)
    return services.activate(responder, coordinator)


@pytest.fixture
def responder_at(network, here_cell, coordinator):
    def build(alias, ring, number=None, language="en", skill=Skill.VERIFIER):
        number = number or f"+1323556{abs(hash(alias)) % 10000:04d}"
        signed_up = sign_up(network, alias, number, ring_cell(here_cell, ring), language)
        return make_active(signed_up, coordinator, skill)

    return build
