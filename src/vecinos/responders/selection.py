"""Choosing whom to ask: nearest first, ring by ring.

Selection (``candidates``): active responders who are available, hold a current
training for the role, cover a cell within MAX_RING of the incident and were not
asked about it yet; nearest by H3 grid distance between their cells and the
incident's (both at geo.NEIGHBOR), then the one with more current trainings,
then the one dispatched least in the last RECENT_DAYS.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from vecinos import geo
from vecinos.reports.models import Incident
from vecinos.responders.models import (
    Availability,
    Dispatch,
    Responder,
    ResponderArea,
    Stage,
    Training,
)

MAX_RING = 6  # at geo.NEIGHBOR, about 5 km from the incident's cell
RECENT_DAYS = 7


@dataclass(frozen=True)
class Candidate:
    responder_id: int
    ring: int


def _rings(center: str) -> dict[int, int]:
    """Each responder covering a cell near ``center``, with the grid distance of the nearest
    one. Read by the cell index alone: joined to the responders' own filters, SQLite
    walked every active responder instead."""
    rows = ResponderArea.objects.filter(cell__in=geo.disk(center, MAX_RING)).values_list(
        "responder_id", "cell"
    )
    rings: dict[int, int] = {}
    for responder_id, cell in rows:
        ring = geo.grid_distance(center, cell)
        if ring is not None and ring < rings.get(responder_id, MAX_RING + 1):
            rings[responder_id] = ring
    return rings


def _eligible(incident: Incident, skill: str, responder_ids: list[int]) -> set[int]:
    today = timezone.localdate()
    trained = Training.objects.filter(responder=OuterRef("pk"), skill=skill).filter(
        Q(expires_on=None) | Q(expires_on__gte=today)
    )
    asked = Dispatch.objects.filter(callout__incident=incident).values("responder_id")
    eligible = Responder.objects.filter(
        pk__in=responder_ids,
        network_id=incident.network_id,
        stage=Stage.ACTIVE,
        availability=Availability.AVAILABLE,
        contact__stopped_at=None,
    ).filter(Exists(trained), ~Q(pk__in=asked))
    return set(eligible.order_by().values_list("pk", flat=True))


def candidates(incident: Incident, skill: str, count: int) -> list[Candidate]:
    """The ``count`` best responders to ask now, nearest first (see the module's docstring)."""
    if count <= 0:
        return []
    rings = _rings(geo.coarsen(incident.cell, geo.NEIGHBOR))
    contenders: list[int] = []
    # Ring by ring outwards, each one whole (so ties at the last ring are all weighed),
    # until enough are found: most incidents never look past the first rings.
    for ring in range(MAX_RING + 1):
        if len(contenders) >= count:
            break
        in_ring = [responder_id for responder_id, r in rings.items() if r == ring]
        if in_ring:
            contenders += sorted(_eligible(incident, skill, in_ring))
    order = _tie_breaks(contenders) if contenders else {}
    chosen = sorted(contenders, key=lambda r: (rings[r], *order[r], r))[:count]
    return [Candidate(r, rings[r]) for r in chosen]


def _tie_breaks(responder_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(fewer current trainings first — negated, so more sorts first; recent dispatches)."""
    today, since = timezone.localdate(), timezone.now() - timedelta(days=RECENT_DAYS)
    trainings = Counter(
        dict(
            Training.objects.filter(responder_id__in=responder_ids)
            .filter(Q(expires_on=None) | Q(expires_on__gte=today))
            .values_list("responder_id")
            .annotate(n=Count("id"))
        )
    )
    recent = Counter(
        dict(
            Dispatch.objects.filter(responder_id__in=responder_ids, asked_at__gte=since)
            .values_list("responder_id")
            .annotate(n=Count("id"))
        )
    )
    return {r: (-trainings[r], recent[r]) for r in responder_ids}
