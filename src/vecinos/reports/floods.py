"""Floods: one source behind many open incidents, flagged on each of them for the dispatcher."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from vecinos.reports.models import OPEN_STATUSES, Incident, Report

# One source behind this many open incidents in this time is shown as a possible flood.
FLOOD_WINDOW = timedelta(minutes=60)


@dataclass(frozen=True)
class Flood:
    """Open incidents that one source reported, too many to be independent sightings."""

    incidents: list[Incident]
    reports: int
    since: datetime


def floods(incidents: list[Incident], now: datetime | None = None) -> list[Flood]:
    """Among ``incidents``, those sharing a source that reported FLOOD_INCIDENTS or more of
    them within FLOOD_WINDOW, grouped. The console flags each incident of a group and
    keeps it in the queue: a flood never hides live work."""
    since = (now or timezone.now()) - FLOOD_WINDOW
    rows = (
        Report.objects.filter(incident__in=incidents, received_at__gte=since)
        .exclude(source_tag="")
        .values_list("source_tag", "incident_id", "received_at")
    )
    by_source: dict[str, dict[int, datetime]] = {}
    for tag, incident_id, received_at in rows:
        seen = by_source.setdefault(tag, {})
        seen[incident_id] = min(received_at, seen.get(incident_id, received_at))
    by_id = {incident.pk: incident for incident in incidents}
    grouped, taken = [], set[int]()
    for seen in by_source.values():
        ids = sorted(set(seen) - taken)
        if len(ids) >= settings.FLOOD_INCIDENTS:
            taken.update(ids)
            count = sum(1 for _, incident_id, _ in rows if incident_id in ids)
            grouped.append(Flood([by_id[i] for i in ids], count, min(seen.values())))
    return grouped


def flood_of(incident: Incident) -> Flood | None:
    """The possible flood ``incident`` is part of, among the open incidents, if any."""
    if not incident.is_open:
        return None
    open_incidents = list(Incident.objects.filter(status__in=OPEN_STATUSES))
    return next((f for f in floods(open_incidents) if incident in f.incidents), None)
