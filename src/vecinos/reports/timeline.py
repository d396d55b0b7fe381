"""The incident's timeline: every move, with who and when."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from vecinos.reports.models import Event, Incident, TimelineEntry


def record(incident: Incident, event: Event, actor: User | None = None, note: str = "") -> None:
    TimelineEntry.objects.create(
        incident=incident, at=timezone.now(), actor=actor, event=event, note=note[:500]
    )
