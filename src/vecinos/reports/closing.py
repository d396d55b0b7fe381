"""Closing incidents: their precise details erased, by hand or once settled long enough."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports.errors import IncidentError
from vecinos.reports.lifecycle import locked
from vecinos.reports.models import Event, Incident, Status, TimelineEntry
from vecinos.reports.timeline import record

# Incidents that were settled this long ago are closed and their details purged.
CLOSE_AFTER = timedelta(hours=24)


def _purge_details(incident: Incident) -> None:
    """DESIGN.md rule 4: a closed incident keeps only coarse, anonymous facts."""
    incident.reports.update(
        uniform="", equipment="", why_immigration="", details="", landmark="", source_tag=""
    )
    for report in incident.reports.all():
        report.cell = geo.coarsen(report.cell, geo.NEIGHBOR)
        report.save(update_fields=["cell"])
    incident.cell = geo.coarsen(incident.cell, geo.NEIGHBOR)
    incident.finding = incident.where_note = ""
    TimelineEntry.objects.filter(incident=incident).update(note="")


def refusal(incident: Incident) -> IncidentError | None:
    """Why ``incident`` cannot be closed now, or None when it can."""
    if incident.is_closed:
        return IncidentError(_("This incident is closed."))
    if incident.is_open:
        return IncidentError(_("Record a verification outcome or end the incident first."))
    return None


@dataclass(frozen=True)
class Erasure:
    """What closing an incident erases, counted for the dispatcher who is about to."""

    reports: int
    notes: int


def erasure(incident: Incident) -> Erasure:
    return Erasure(
        reports=incident.reports.count(),
        notes=TimelineEntry.objects.filter(incident=incident).exclude(note="").count(),
    )


@transaction.atomic
def close_incident(incident: Incident, user: User | None) -> Incident:
    incident = locked(incident)
    if error := refusal(incident):
        raise error
    _purge_details(incident)
    incident.status = Status.CLOSED
    incident.closed_at = incident.status_changed_at = timezone.now()
    incident.claimed_by = None
    incident.save()
    record(incident, Event.CLOSED, user)
    audit(user, Action.INCIDENT_CLOSED, f"#{incident.pk}")
    return incident


def close_settled_incidents(now: datetime | None = None) -> int:
    """Close incidents settled longer than CLOSE_AFTER ago; the worker calls this."""
    cutoff = (now or timezone.now()) - CLOSE_AFTER
    settled = Incident.objects.filter(
        status__in=[Status.UNFOUNDED, Status.UNVERIFIABLE, Status.ENDED],
        status_changed_at__lt=cutoff,
    )
    closed = 0
    for incident in settled:
        close_incident(incident, None)
        closed += 1
    return closed
