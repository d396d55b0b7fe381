"""Intake of reports, clustering into incidents, and the incident's life.

Clustering rule: a new report joins an open incident of the same network whose
first report lies in the same resolution-9 cell or one of its six neighbors
(about 500 m across) and whose latest report was observed at most
CLUSTER_WINDOW before this one. Of several such incidents the most recently
active wins. Anything else opens a new incident. Dispatchers merge and split
by hand when the rule gets it wrong.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.networks.models import Network
from vecinos.networks.services import area_for_cell, network_for_cell
from vecinos.reports.models import (
    OPEN_STATUSES,
    VERIFICATION_OUTCOMES,
    Event,
    Incident,
    Report,
    Source,
    Status,
    TimelineEntry,
)
from vecinos.reports.signals import incident_opened, incident_verified, report_received

REPORT_WINDOW_SECONDS = 10 * 60
TOO_MANY_REPORTS = _(
    "Too many reports from this device in a few minutes. If it is urgent, call your "
    "rapid response hotline."
)
CLUSTER_RINGS = 1
CLUSTER_WINDOW = timedelta(minutes=90)
MAX_REPORT_AGE = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=5)
# Incidents that were settled this long ago are closed and their details purged.
CLOSE_AFTER = timedelta(hours=24)

TOO_MANY_IN_AREA = _(
    "Many reports from this block arrived in the last minutes: volunteers are on it. "
    "If it is urgent, call your rapid response hotline."
)
SOURCE_TAG_LENGTH = 12
# settings.FLOOD_INCIDENTS from one source in this time are shown as a possible flood.
FLOOD_WINDOW = timedelta(minutes=60)

PLACE_NOT_UNDERSTOOD = _("The place could not be understood. Choose it again on the map.")

log = logging.getLogger("vecinos.reports")


class IncidentError(ValueError):
    """A request about a report or incident that cannot be done; the message says why."""


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
    observed_at: datetime | None = None
    entered_by: User | None = None
    source_tag: str = ""


def record(incident: Incident, event: Event, actor: User | None = None, note: str = "") -> None:
    TimelineEntry.objects.create(
        incident=incident, at=timezone.now(), actor=actor, event=event, note=note[:500]
    )


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


def matching_incident(network: Network, cell: str, observed_at: datetime) -> Incident | None:
    """The open incident a report at ``cell`` and ``observed_at`` belongs to, by the rule above."""
    return (
        Incident.objects.filter(
            network=network,
            status__in=OPEN_STATUSES,
            cell__in=geo.disk(cell, CLUSTER_RINGS),
            last_observed_at__gte=observed_at - CLUSTER_WINDOW,
            opened_at__lte=observed_at + CLUSTER_WINDOW,
        )
        .order_by("-last_observed_at")
        .first()
    )


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
            transaction.on_commit(lambda: _announce(incident_opened, incident=incident))
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
            observed_at=observed_at,
            language=data.language,
            entered_by=data.entered_by,
            source_tag=data.source_tag[:SOURCE_TAG_LENGTH],
        )
        transaction.on_commit(lambda: _announce(report_received, report=report))
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


@dataclass(frozen=True)
class Flood:
    """Open incidents that one source reported, too many to be independent sightings."""

    incidents: list[Incident]
    reports: int
    since: datetime


def floods(incidents: list[Incident], now: datetime | None = None) -> list[Flood]:
    """Among ``incidents``, those sharing a source that reported FLOOD_INCIDENTS or more of
    them within FLOOD_WINDOW, grouped: the console shows each group as one cluster."""
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


def _announce(signal: Signal, **about: object) -> None:
    # What it announces is stored already: a failing receiver must not turn that into an error.
    for receiver, result in signal.send_robust(Incident, **about):
        if isinstance(result, Exception):
            log.error("%s failed after %s", receiver.__name__, about, exc_info=result)


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def ensure_claim(incident: Incident, user: User) -> None:
    """Acting on an incident claims it; acting on someone else's claim is refused."""
    if incident.claimed_by_id not in (None, user.pk):
        raise IncidentError(
            _("%(name)s is working on this incident. Take it over first.")
            % {"name": cast(User, incident.claimed_by).username}
        )
    if incident.claimed_by_id is None:
        incident.claimed_by = user
        incident.claimed_at = timezone.now()
        record(incident, Event.CLAIMED, user)
    if incident.status == Status.REPORTED:
        incident.status = Status.VERIFYING
        incident.status_changed_at = timezone.now()


@transaction.atomic
def claim_incident(incident: Incident, user: User, take_over: bool = False) -> Incident:
    incident = _locked(incident)
    if incident.status == Status.CLOSED:
        raise IncidentError(_("This incident is closed."))
    if take_over and incident.claimed_by_id not in (None, user.pk):
        note = f"from {cast(User, incident.claimed_by).username}"
        incident.claimed_by = None
        record(incident, Event.RELEASED, user, note)
    ensure_claim(incident, user)
    incident.save()
    return incident


@transaction.atomic
def release_incident(incident: Incident, user: User) -> Incident:
    incident = _locked(incident)
    if incident.claimed_by_id != user.pk:
        raise IncidentError(_("You have not claimed this incident."))
    incident.claimed_by = None
    incident.claimed_at = None
    incident.save()
    record(incident, Event.RELEASED, user)
    return incident


@transaction.atomic
def verify_incident(
    incident: Incident, user: User, outcome: str, note: str = "", finding: str = ""
) -> Incident:
    """Record what verification found: confirmed, unfounded or unverifiable."""
    incident = _locked(incident)
    if outcome not in VERIFICATION_OUTCOMES:
        raise IncidentError(_("Choose confirmed, unfounded or could not be verified."))
    if incident.status in (Status.ENDED, Status.CLOSED):
        raise IncidentError(_("This incident has ended; it can no longer be verified."))
    ensure_claim(incident, user)
    incident.status = outcome
    incident.status_changed_at = timezone.now()
    incident.finding = finding.strip()[:300]
    incident.save()
    record(incident, Event.VERIFIED, user, f"{outcome}: {note}".strip(": "))
    transaction.on_commit(lambda: _announce(incident_verified, incident=incident))
    return incident


@transaction.atomic
def end_incident(incident: Incident, user: User | None, people_taken: int | None) -> Incident:
    """The agents have left. ``people_taken`` is the honest count, when known."""
    incident = _locked(incident)
    if incident.status in (Status.ENDED, Status.CLOSED):
        raise IncidentError(_("This incident has already ended."))
    incident.status = Status.ENDED
    incident.status_changed_at = timezone.now()
    incident.people_taken = people_taken
    incident.save()
    record(incident, Event.ENDED, user, "" if people_taken is None else str(people_taken))
    return incident


def _purge_details(incident: Incident) -> None:
    """DESIGN.md rule 4: a closed incident keeps only coarse, anonymous facts."""
    incident.reports.update(uniform="", equipment="", why_immigration="", details="", source_tag="")
    for report in incident.reports.all():
        report.cell = geo.coarsen(report.cell, geo.NEIGHBOR)
        report.save(update_fields=["cell"])
    incident.cell = geo.coarsen(incident.cell, geo.NEIGHBOR)
    incident.finding = ""
    TimelineEntry.objects.filter(incident=incident).update(note="")


@transaction.atomic
def close_incident(incident: Incident, user: User | None) -> Incident:
    incident = _locked(incident)
    if incident.status == Status.CLOSED:
        raise IncidentError(_("This incident is closed."))
    if incident.is_open:
        raise IncidentError(_("Record a verification outcome or end the incident first."))
    _purge_details(incident)
    incident.status = Status.CLOSED
    incident.closed_at = incident.status_changed_at = timezone.now()
    incident.claimed_by = None
    incident.save()
    record(incident, Event.CLOSED, user)
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


@transaction.atomic
def merge_incidents(target: Incident, source: Incident, user: User) -> Incident:
    """Fold ``source`` into ``target``: its reports, timeline and alerts move over."""
    if target.pk == source.pk:
        raise IncidentError(_("An incident cannot be merged into itself."))
    target, source = _locked(target), _locked(source)
    if target.network_id != source.network_id:
        raise IncidentError(_("Only incidents of one network can be merged."))
    if Status.CLOSED in (target.status, source.status):
        raise IncidentError(_("This incident is closed."))
    ensure_claim(target, user)
    moved = source.reports.update(incident=target)
    source.timeline.update(incident=target)
    source.alerts.update(incident=target)
    target.opened_at = min(target.opened_at, source.opened_at)
    target.last_observed_at = max(target.last_observed_at, source.last_observed_at)
    target.save()
    record(target, Event.MERGED, user, f"#{source.pk} ({moved})")
    source.delete()
    return target


@transaction.atomic
def split_incident(incident: Incident, report_ids: list[int], user: User) -> Incident:
    """Move the chosen reports out into a new incident of their own."""
    incident = _locked(incident)
    reports = list(incident.reports.filter(pk__in=report_ids).order_by("observed_at"))
    if not reports:
        raise IncidentError(_("Choose the reports to move to a new incident."))
    if len(reports) == incident.reports.count():
        raise IncidentError(_("At least one report must stay with this incident."))
    ensure_claim(incident, user)
    incident.save()
    first = reports[0]
    now = timezone.now()
    new = Incident.objects.create(
        network=incident.network,
        activity=first.activity,
        cell=first.cell,
        area=area_for_cell(incident.network, first.cell),
        opened_at=first.observed_at,
        last_observed_at=reports[-1].observed_at,
        status_changed_at=now,
    )
    Report.objects.filter(pk__in=[report.pk for report in reports]).update(incident=new)
    remaining = incident.reports.all()
    incident.opened_at = remaining.earliest("observed_at").observed_at
    incident.last_observed_at = remaining.latest("observed_at").observed_at
    incident.save()
    record(incident, Event.SPLIT, user, f"→ #{new.pk} ({len(reports)})")
    record(new, Event.SPLIT, user, f"← #{incident.pk} ({len(reports)})")
    return new
