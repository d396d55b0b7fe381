"""Who was asked to go where (call-outs, their dispatches and scene updates) is kept a
month after the incident closed; a responder who never confirmed, or said STOP, goes
with their contact point."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet

from vecinos.privacy.retention import register
from vecinos.responders.models import Callout

DISPATCHES_KEPT = timedelta(days=30)


@register("callouts", "30 days after the incident closed")
def callouts(cutoff: datetime) -> QuerySet:
    return Callout.objects.filter(incident__closed_at__lt=cutoff - DISPATCHES_KEPT)
