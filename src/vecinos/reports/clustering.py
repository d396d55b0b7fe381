"""Clustering reports into incidents, and the dispatcher's merges and splits by hand.

Clustering rule: a new report joins an open incident of the same network whose
first report lies in the same resolution-9 cell or one of its six neighbors
(about 500 m across) and whose latest report was observed at most
CLUSTER_WINDOW before this one. Of several such incidents the most recently
active wins. Anything else opens a new incident. Dispatchers merge and split
by hand when the rule gets it wrong.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.networks.models import Network
from vecinos.networks.services import area_for_cell
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports.errors import IncidentError
from vecinos.reports.lifecycle import ensure_claim, locked
from vecinos.reports.models import OPEN_STATUSES, Event, Incident, MergedIncident, Report
from vecinos.reports.timeline import record

CLUSTER_RINGS = 1
CLUSTER_WINDOW = timedelta(minutes=90)


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


@transaction.atomic
def merge_incidents(target: Incident, source: Incident, user: User) -> Incident:
    """Fold ``source`` into ``target``: its reports, timeline and alerts move over."""
    if target.pk == source.pk:
        raise IncidentError(_("An incident cannot be merged into itself."))
    target, source = locked(target), locked(source)
    if target.network_id != source.network_id:
        raise IncidentError(_("Only incidents of one network can be merged."))
    if target.is_closed or source.is_closed:
        raise IncidentError(_("This incident is closed."))
    ensure_claim(target, user)
    moved = source.reports.update(incident=target)
    source.timeline.update(incident=target)
    source.alerts.update(incident=target)
    target.opened_at = min(target.opened_at, source.opened_at)
    target.last_observed_at = max(target.last_observed_at, source.last_observed_at)
    # A call for help and the words of where exactly must not vanish with the merged one.
    target.help_needed_at = target.help_needed_at or source.help_needed_at
    target.where_note = target.where_note or source.where_note
    target.save()
    record(target, Event.MERGED, user, f"#{source.pk} ({moved})")
    audit(user, Action.INCIDENTS_MERGED, f"#{source.pk} → #{target.pk}")
    source.merged_from.update(incident=target)
    MergedIncident.objects.create(old_pk=source.pk, incident=target)
    source.delete()
    return target


@transaction.atomic
def split_incident(incident: Incident, report_ids: list[int], user: User) -> Incident:
    """Move the chosen reports out into a new incident of their own."""
    incident = locked(incident)
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
    audit(user, Action.INCIDENT_SPLIT, f"#{incident.pk} → #{new.pk}")
    return new
