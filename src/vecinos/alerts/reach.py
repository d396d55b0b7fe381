"""How many people an alert would reach: what the dispatcher is told before it goes."""

from __future__ import annotations

from django.db.models import Q

from vecinos import geo
from vecinos.alerts.models import CORRECTIONS
from vecinos.alerts.publishing import topic
from vecinos.messaging import services as messaging
from vecinos.messaging.models import Status
from vecinos.neighbors.models import ContactPoint
from vecinos.reports.models import Incident


def area_cells(incident: Incident, rings: int) -> list[str]:
    """The cells an alert of ``incident`` with ``rings`` rings covers, as publishing draws them."""
    return geo.disk(geo.coarsen(incident.cell, geo.NEIGHBOR), rings)


def people_reached(incident: Incident, rings: int) -> int:
    """Contact points an alert would be queued for, each counted once: everyone in its area,
    and everyone an earlier alert of the incident reached (corrections follow their alarm)."""
    in_area = ContactPoint.objects.filter(
        areas__cell__in=area_cells(incident, rings),
        confirmed_at__isnull=False,
        stopped_at=None,
        is_test=False,
    )
    earlier = [topic(alert) for alert in incident.alerts.filter(is_exercise=False)]
    reached = ContactPoint.objects.filter(
        deliveries__broadcast__topic__in=earlier,
        deliveries__status__in=[Status.SENT, Status.SENDING],
        stopped_at=None,
    )
    return ContactPoint.objects.filter(
        Q(pk__in=in_area.values("pk")) | Q(pk__in=reached.values("pk"))
    ).count()


def waits_for_second_dispatcher(incident: Incident, kind: str, rings: int) -> bool:
    """Whether publishing would hold the alert for another dispatcher (publish_alert's rule)."""
    if kind in CORRECTIONS:
        return False
    return messaging.reach(area_cells(incident, rings)) > incident.network.confirm_above
