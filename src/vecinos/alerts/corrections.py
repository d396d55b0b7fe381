"""Corrections: a false alarm retracted, an alert taken down."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import Alert, Kind
from vecinos.alerts.publishing import AlertRequest, has_real_alerts, publish_alert, topic
from vecinos.messaging import services as messaging
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Event, Incident, Status
from vecinos.reports.timeline import record


@transaction.atomic
def retract(incident: Incident, user: User, finding: str = "") -> Alert:
    """One click for a false alarm: the incident is marked unfounded and the retraction
    goes, first in line, to everyone the alarm reached."""
    if not has_real_alerts(incident):
        raise AlertError(_("There is no alert to retract."))
    if incident.status != Status.UNFOUNDED:
        verify_incident(incident, user, Status.UNFOUNDED, finding=finding)
    return publish_alert(incident, user, AlertRequest(kind=Kind.RETRACTION))


@transaction.atomic
def cancel_alert(alert: Alert, user: User) -> Alert:
    """Take an alert down at once, without publishing anything in its place."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if not alert.may_be_taken_down:
        raise AlertError(_("This alert is no longer active."))
    alert.ended_at, alert.taken_down = timezone.now(), True
    alert.save(update_fields=["ended_at", "taken_down"])
    messaging.cancel_topic(topic(alert))
    audit(user, Action.ALERT_CANCELLED, f"#{alert.pk}")
    if alert.incident is not None:
        record(alert.incident, Event.ALERT_CANCELLED, user, f"#{alert.pk}")
    return alert
