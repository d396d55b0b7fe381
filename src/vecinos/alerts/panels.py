"""The alerts an incident's console page offers now, and those the queue must not let
anyone miss."""

from __future__ import annotations

from vecinos.alerts.models import Alert
from vecinos.alerts.publishing import allowed_kinds, has_real_alerts
from vecinos.reports.models import Incident
from vecinos.reports.panels import contributes, contributes_to_queue


@contributes
def allowed_alerts(incident: Incident) -> dict[str, object]:
    return {"allowed_alerts": list(allowed_kinds(incident, has_real_alerts(incident)))}


@contributes_to_queue
def waiting_alerts() -> dict[str, object]:
    """Alerts prepared but not sent until a second dispatcher confirms them: every
    dispatcher sees them until they are confirmed or dropped."""
    waiting = Alert.objects.filter(
        needs_confirmation=True, confirmed_at=None, ended_at=None, incident__isnull=False
    ).select_related("incident", "published_by")
    return {"waiting_alerts": [alert for alert in waiting if alert.is_waiting]}
