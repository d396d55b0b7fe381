"""Intake: a report checked, limited and stored, and attached to its incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.networks.models import Network
from vecinos.networks.services import area_for_cell, network_for_cell
from vecinos.reports.clustering import matching_incident
from vecinos.reports.errors import IncidentError
from vecinos.reports.models import Event, Incident, Report, Source
from vecinos.reports.signals import announce, incident_opened, report_received
from vecinos.reports.timeline import record

# A neighbor may report the same raid several times as it unfolds; a script may not.
REPORT_WINDOW_SECONDS = 10 * 60
TOO_MANY_REPORTS = _(
    "Too many reports from this device in a few minutes. If it is urgent, call your "
    "rapid response hotline."
)
MAX_REPORT_AGE = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=5)

# Anonymous reports one block (a resolution-8 cell) takes in REPORT_WINDOW_SECONDS.
TOO_MANY_IN_AREA = _(
    "Many reports from this block arrived in the last minutes: volunteers are on it. "
    "If it is urgent, call your rapid response hotline."
)
SOURCE_TAG_LENGTH = 12

PLACE_NOT_UNDERSTOOD = _("The place could not be understood. Choose it again on the map.")


@dataclass(frozen=True)
class ReportInput:
    activity: str
    cell: str
    source: Source
    language: str
    agents: int | None = None
    vehicles: int | None = None
    uniform: str = ""
    equipment: str = ""
    why_immigration: str = ""
    details: str = ""
    landmark: str = ""
    observed_at: datetime | None = None
    entered_by: User | None = None
    source_tag: str = ""


def _checked_time(observed_at: datetime | None, now: datetime) -> datetime:
    if observed_at is None:
        return now
    if timezone.is_naive(observed_at):
        observed_at = timezone.make_aware(observed_at)
    if observed_at > now + CLOCK_SKEW:
        raise IncidentError(_("The time of the sighting is in the future."))
    if observed_at < now - MAX_REPORT_AGE:
        raise IncidentError(_("Only sightings from the last 24 hours can be reported."))
    return min(observed_at, now)


def _network_for(cell: str) -> Network:
    network = network_for_cell(cell)
    if network is None:
        raise IncidentError(_("That place is outside the area this network covers."))
    return network


def submit_report(data: ReportInput) -> Report:
    """Store a report and attach it to its incident, opening one when none matches."""
    now = timezone.now()
    cell = geo.parse_cell(data.cell, geo.REPORT)
    network = _network_for(cell)
    observed_at = _checked_time(data.observed_at, now)
    if data.entered_by is None:
        _check_area_limit(cell, now)
    with transaction.atomic():
        incident = matching_incident(network, cell, observed_at)
        if incident is None:
            incident = Incident.objects.create(
                network=network,
                activity=data.activity,
                cell=cell,
                area=area_for_cell(network, cell),
                opened_at=observed_at,
                last_observed_at=observed_at,
                status_changed_at=now,
            )
            record(incident, Event.OPENED, data.entered_by)
            transaction.on_commit(lambda: announce(incident_opened, incident=incident))
        else:
            incident.last_observed_at = max(incident.last_observed_at, observed_at)
            incident.save(update_fields=["last_observed_at"])
            record(incident, Event.REPORT_JOINED, data.entered_by)
        report = Report.objects.create(
            network=network,
            incident=incident,
            source=data.source,
            activity=data.activity,
            cell=cell,
            agents=data.agents,
            vehicles=data.vehicles,
            uniform=data.uniform,
            equipment=data.equipment,
            why_immigration=data.why_immigration,
            details=data.details,
            landmark=data.landmark,
            observed_at=observed_at,
            language=data.language,
            entered_by=data.entered_by,
            source_tag=data.source_tag[:SOURCE_TAG_LENGTH],
        )
        transaction.on_commit(lambda: announce(report_received, report=report))
        return report


def _check_area_limit(cell: str, now: datetime) -> None:
    """So many anonymous reports from one block in a few minutes add nothing a dispatcher
    can use, and are how a flood looks: refuse more (a hotline report is never refused)."""
    block = geo.children(geo.coarsen(cell, geo.NEIGHBOR), geo.REPORT)
    recent = Report.objects.filter(
        cell__in=block,
        entered_by=None,
        received_at__gte=now - timedelta(seconds=REPORT_WINDOW_SECONDS),
    )
    if recent.count() >= settings.REPORTS_PER_AREA:
        raise IncidentError(TOO_MANY_IN_AREA)
