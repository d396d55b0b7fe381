"""A synthetic demo network in South Los Angeles. Every record here is invented.

Area outlines are rough circles around approximate neighborhood centers, for
demonstration only; a real network draws its areas from ZIP codes or by hand.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from vecinos import geo
from vecinos.alerts.publishing import AlertRequest, publish_alert
from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import AreaRequest, enroll_confirmed, mark_for_exercises
from vecinos.networks.models import Network, Role
from vecinos.networks.services import create_network, create_staff
from vecinos.reports.intake import ReportInput, submit_report
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Incident, Report, Source, Status
from vecinos.responders import callouts, pipeline
from vecinos.responders.models import Skill

NAME = "Vecinos Sur de Los Ángeles (DEMO · datos sintéticos)"
CENTER = (33.975, -118.255)
COVERAGE_KM = 7.0
AREAS = {
    "Florence-Firestone": (33.960, -118.244),
    "Huntington Park": (33.982, -118.225),
    "Watts": (33.940, -118.242),
    "Historic South-Central": (34.008, -118.259),
    "Vermont Square": (34.003, -118.293),
    "Walnut Park": (33.968, -118.222),
}
AREA_KM = 1.2
LOGINS_FILE = "demo-logins.txt"
# Fictional numbers (555-01xx) and reserved domains: nobody real is ever written to.
SUBSCRIBERS = [
    ("sms", "+13235550111", "es", "Florence-Firestone"),
    ("sms", "+13235550112", "en", "Florence-Firestone"),
    ("whatsapp", "+13235550113", "es", "Historic South-Central"),
    ("signal", "+13235550114", "es", "Watts"),
    ("telegram", "700001", "es", "Huntington Park"),
    ("email", "vecina@demo.invalid", "es", "Historic South-Central"),
    ("sms", "+13235550119", "es", "Florence-Firestone"),
]
# Gets the exercises (and no real alert): try "Practice with an exercise" in the console.
TEST_SUBSCRIBER = "+13235550119"
DEMO = "[DEMO] "
# (alias, number, language, area, trained for; None: only signed up so far)
RESPONDERS = [
    ("Lupe [DEMO]", "+13235550121", "es", "Florence-Firestone", Skill.VERIFIER),
    ("Toño [DEMO]", "+13235550122", "es", "Florence-Firestone", Skill.LEGAL_OBSERVER),
    ("Sam [DEMO]", "+13235550123", "en", "Watts", Skill.VERIFIER),
    ("Rosa [DEMO]", "+13235550124", "es", "Walnut Park", None),
]


def logins_file() -> Path:
    return settings.DATA_DIR / LOGINS_FILE


def _point(name: str, north_m: float = 0, east_m: float = 0) -> str:
    latitude, longitude = AREAS[name]
    return geo.snap(latitude + north_m / 111_000, longitude + east_m / 92_500, geo.REPORT)


def _report(cell: str, activity: str, minutes_ago: int, **fields: Any) -> Report:
    return submit_report(
        ReportInput(
            activity=activity,
            cell=cell,
            source=Source.WEB,
            language="es",
            observed_at=timezone.now() - timedelta(minutes=minutes_ago),
            **fields,
        )
    )


def _seed_subscribers(network: Network) -> None:
    for channel, address, language, area_name in SUBSCRIBERS:
        cells = network.areas.get(name=area_name).cells
        enroll_confirmed(network, channel, address, language, cells)
    mark_for_exercises(TEST_SUBSCRIBER, is_test=True)


def _seed_reports(dispatcher: User) -> None:
    door = _point("Florence-Firestone")
    for minutes, agents in ((25, 6), (18, 7), (9, None)):
        _report(
            door,
            "home_door",
            minutes,
            agents=agents,
            vehicles=2,
            why_immigration=DEMO + "chalecos con 'POLICE ICE'",
            details=DEMO + "Reporte sintético de demostración.",
        )
    _report(
        _point("Watts", 300, 200),
        "vehicle_stop",
        12,
        agents=2,
        details=DEMO + "Reporte sintético de demostración.",
    )
    rumor = _report(
        _point("Huntington Park"),
        "checkpoint",
        50,
        details=DEMO + "Reporte sintético de demostración.",
    )
    verify_incident(
        rumor.incident, dispatcher, Status.UNFOUNDED, finding=DEMO + "policía local, no inmigración"
    )
    confirmed = _report(
        _point("Historic South-Central"),
        "workplace",
        40,
        agents=12,
        vehicles=5,
        details=DEMO + "Reporte sintético de demostración.",
    )
    verify_incident(confirmed.incident, dispatcher, Status.CONFIRMED, note=DEMO + "verificado")
    publish_alert(confirmed.incident, dispatcher, AlertRequest(kind="verified"))


def _seed_responders(network: Network, coordinator: User) -> None:
    for alias, number, language, area_name, skill in RESPONDERS:
        area = network.areas.get(name=area_name)
        responder = pipeline.sign_up(
            pipeline.SignUp(
                alias=alias,
                channel="sms",
                address=number,
                language=language,
                languages=[language],
                skills=[skill or Skill.VERIFIER],
                usually_free=DEMO + "tardes",
                areas=[AreaRequest(area=area.pk)],
            )
        )
        if skill is None:
            continue
        ContactPoint.objects.filter(pk=responder.contact_id).update(confirmed_at=timezone.now())
        responder.contact.refresh_from_db()
        pipeline.vet(responder, coordinator)
        pipeline.record_training(responder, skill, timezone.localdate(), None, coordinator)
        pipeline.activate(responder, coordinator)


def _dispatch_to_the_door(dispatcher: User) -> None:
    """The first incident gets its verifier asked; from now on the network asks by itself."""
    door = Incident.objects.filter(activity="home_door").latest("last_observed_at")
    callouts.call_out(door, Skill.VERIFIER, wanted=1, user=dispatcher)
    Network.objects.filter(pk=door.network_id).update(auto_dispatch=True)


@transaction.atomic
def seed() -> dict[str, str]:
    """Create the demo network, staff logins and a few reports; returns the logins."""
    areas = {
        name: geo.cells_around(lat, lng, AREA_KM, geo.NEIGHBOR)
        for name, (lat, lng) in AREAS.items()
    }
    coverage = geo.cells_around(*CENTER, COVERAGE_KM, geo.COVERAGE)
    # A fictional number (555-01xx) stands for the rapid-response line a real network has.
    network = create_network(
        NAME, ["es", "en"], coverage, areas, is_demo=True, hotline="+1 323 555 0105"
    )
    _seed_subscribers(network)
    roles = {
        "demo-dispatcher": Role.DISPATCHER,
        "demo-coordinator": Role.COORDINATOR,
        "demo-organizer": Role.ORGANIZER,
    }
    logins = {username: secrets.token_urlsafe(9) for username in roles}
    staff = {name: create_staff(name, role, logins[name]) for name, role in roles.items()}
    dispatcher, coordinator = staff["demo-dispatcher"], staff["demo-coordinator"]
    _seed_responders(network, coordinator)
    _seed_reports(dispatcher)
    _dispatch_to_the_door(dispatcher)
    path = logins_file()
    path.write_text("".join(f"{user} {password}\n" for user, password in logins.items()))
    path.chmod(0o600)
    return logins


def ensure_seeded() -> tuple[bool, str]:
    """Seed when the data directory has no network yet; returns (seeded now, logins text)."""
    if not Network.objects.exists():
        seed()
        return True, logins_file().read_text()
    path = logins_file()
    return False, path.read_text() if path.exists() else ""
