"""The alerts an incident's console page offers now."""

from __future__ import annotations

from vecinos.alerts.publishing import allowed_kinds, has_real_alerts
from vecinos.reports.models import Incident
from vecinos.reports.panels import contributes


@contributes
def allowed_alerts(incident: Incident) -> dict[str, object]:
    return {"allowed_alerts": list(allowed_kinds(incident, has_real_alerts(incident)))}
