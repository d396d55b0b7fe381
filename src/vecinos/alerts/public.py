"""What the public sees: the alerts that went out, those in force and where, and the
rumors put to rest."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from vecinos import geo
from vecinos.alerts.models import CORRECTIONS, Alert
from vecinos.reports.models import Incident, Status


def sent_alerts() -> QuerySet[Alert]:
    """Real alerts that went out: not exercises, not the ones waiting for a second
    dispatcher."""
    sent = Q(needs_confirmation=False) | Q(confirmed_at__isnull=False)
    return Alert.objects.filter(sent, is_exercise=False)


def active_alerts(now: datetime | None = None) -> QuerySet[Alert]:
    """Alerts sent and neither replaced nor taken down nor expired: expiry needs no job."""
    return sent_alerts().filter(ended_at=None, expires_at__gt=now or timezone.now())


def alarms_in_force(now: datetime | None = None) -> QuerySet[Alert]:
    """Active alerts that warn of agents: not the all-clears and retractions."""
    return active_alerts(now).exclude(kind__in=CORRECTIONS)


def taken_down_alerts(now: datetime | None = None) -> QuerySet[Alert]:
    """Sent alerts taken down that would not have expired yet: their Cancel is still news."""
    return sent_alerts().filter(taken_down=True, expires_at__gt=now or timezone.now())


def alerts_covering(cell: str, now: datetime | None = None) -> list[Alert]:
    return [alert for alert in active_alerts(now) if geo.covers(alert.cells, cell)]


def rumor_checks(now: datetime | None = None) -> QuerySet[Incident]:
    """Reports found unfounded in the last 24 hours, so a false alarm can be put to rest."""
    since = (now or timezone.now()) - timedelta(hours=24)
    return Incident.objects.filter(
        status=Status.UNFOUNDED, status_changed_at__gte=since
    ).select_related("area", "network")
