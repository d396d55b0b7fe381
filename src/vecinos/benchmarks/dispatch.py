"""`vecinos bench dispatch`: choosing responders for one incident, beside the bare indexed query.

It seeds synthetic responders over a metropolitan area (most trained as verifiers,
some busy, some resting) and incidents that already have responders asked and on
the way, then times ``candidates`` for incidents picked at random, and the bare
query it starts from (the responder areas in the same disk of cells, by index).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from vecinos import geo
from vecinos.neighbors.models import ContactPoint
from vecinos.networks.services import create_network
from vecinos.privacy.crypto import blind_index, seal
from vecinos.reports.models import Activity, Incident
from vecinos.responders.models import (
    Availability,
    Callout,
    Dispatch,
    DispatchStatus,
    Responder,
    ResponderArea,
    Skill,
    Stage,
    Training,
)
from vecinos.responders.selection import MAX_RING, candidates

CENTER = (34.00, -118.25)
RADIUS_KM = 15
SAMPLES = 300


def seed(responders: int, incidents: int, rng: random.Random) -> list[Incident]:
    cells = sorted(geo.cells_around(*CENTER, RADIUS_KM, geo.NEIGHBOR))
    coverage = geo.cells_around(*CENTER, RADIUS_KM + 3, geo.COVERAGE)
    network = create_network("Bench (synthetic)", ["es", "en"], coverage)
    sealed, now, today = seal("+13235550100"), timezone.now(), timezone.localdate()
    contacts = ContactPoint.objects.bulk_create(
        ContactPoint(
            network=network,
            channel="sms",
            address_sealed=sealed,
            address_index=blind_index("sms", f"responder-{n}"),
            language="es",
            confirmed_at=now,
        )
        for n in range(responders)
    )
    people = Responder.objects.bulk_create(
        Responder(
            network=network,
            alias=f"Synthetic {n}",
            contact=contact,
            stage=Stage.ACTIVE if rng.random() < 0.9 else Stage.RESTING,
            availability=Availability.AVAILABLE if rng.random() < 0.7 else Availability.BUSY,
        )
        for n, contact in enumerate(contacts)
    )
    ResponderArea.objects.bulk_create(
        ResponderArea(responder=person, cell=cell)
        for person in people
        for cell in set(rng.sample(cells, rng.randint(1, 3)))
    )
    Training.objects.bulk_create(
        Training(
            responder=person,
            skill=Skill.VERIFIER if rng.random() < 0.8 else Skill.LEGAL_OBSERVER,
            completed_on=today - timedelta(days=rng.randint(1, 300)),
        )
        for person in people
    )
    return _incidents_under_way(network, cells, people, incidents, rng)


def _incidents_under_way(network, cells, people, count, rng) -> list[Incident]:  # noqa: ANN001
    now = timezone.now()
    incidents = Incident.objects.bulk_create(
        Incident(
            network=network,
            activity=Activity.HOME_DOOR,
            cell=geo.center_child(rng.choice(cells), geo.REPORT),
            opened_at=now,
            last_observed_at=now,
            status_changed_at=now,
        )
        for _ in range(count)
    )
    callouts = Callout.objects.bulk_create(
        Callout(incident=incident, skill=Skill.VERIFIER, wanted=2) for incident in incidents
    )
    Dispatch.objects.bulk_create(
        Dispatch(
            callout=callout,
            responder=person,
            ring=1,
            asked_at=now,
            status=DispatchStatus.ACCEPTED,
        )
        for callout in callouts
        for person in rng.sample(people, 2)
    )
    return incidents


def _median_and_p99(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def time_choosing(incidents: list[Incident], rng: random.Random) -> list[float]:
    timings = []
    for incident in rng.sample(incidents, min(SAMPLES, len(incidents))):
        started = time.perf_counter()
        candidates(incident, Skill.VERIFIER, 2)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_floor(incidents: list[Incident], rng: random.Random) -> list[float]:
    """The same disk of cells read from the cell index, nothing else."""
    table = ResponderArea._meta.db_table
    timings = []
    for incident in rng.sample(incidents, min(SAMPLES, len(incidents))):
        started = time.perf_counter()
        cells = geo.disk(geo.coarsen(incident.cell, geo.NEIGHBOR), MAX_RING)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT responder_id, cell FROM {table} "  # noqa: S608
                f"WHERE cell IN ({', '.join(['%s'] * len(cells))})",
                cells,
            )
            cursor.fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def run(responders: int, incidents: int) -> dict[str, float]:
    rng = random.Random(7)  # noqa: S311 (synthetic data, not secrets)
    seeded = seed(responders, incidents, rng)
    median_ms, p99_ms = _median_and_p99(time_choosing(seeded, rng))
    floor_median_ms, floor_p99_ms = _median_and_p99(time_floor(seeded, rng))
    return {
        "responders": responders,
        "incidents": incidents,
        "median_ms": round(median_ms, 2),
        "p99_ms": round(p99_ms, 2),
        "floor_median_ms": round(floor_median_ms, 2),
        "floor_p99_ms": round(floor_p99_ms, 2),
    }


def table(f: dict) -> str:
    ratio = f["median_ms"] / f["floor_median_ms"] if f["floor_median_ms"] else 0
    return "\n".join(
        [
            f"responders               {f['responders']:>9,}",
            f"incidents under way      {f['incidents']:>9,}",
            f"choose for one incident  {f['median_ms']:>9.2f} ms median, {f['p99_ms']:.2f} ms p99",
            f"floor (bare index read)  {f['floor_median_ms']:>9.2f} ms median, "
            f"{f['floor_p99_ms']:.2f} ms p99: {ratio:.2f}×",
        ]
    )
