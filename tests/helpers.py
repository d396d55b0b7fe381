"""Small builders the stories share."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from vecinos.messaging.sender import Sender
from vecinos.reports.intake import ReportInput, submit_report
from vecinos.reports.models import Incident, Report, Source


def report_at(cell: str, minutes_ago: int = 0, activity: str = "home_door", **fields) -> Report:
    return submit_report(
        ReportInput(
            activity=activity,
            cell=cell,
            source=Source.WEB,
            language="es",
            observed_at=timezone.now() - timedelta(minutes=minutes_ago),
            **fields,
        )
    )


def incident_at(cell: str, **fields) -> Incident:
    return report_at(cell, **fields).incident


def subscriber(network, channel: str, address: str, cells, language: str = "es", **fields):
    """A confirmed contact point, as if the neighbor had entered their code."""
    from vecinos.neighbors.services import enroll_confirmed

    contact = enroll_confirmed(network, channel, address, language, cells)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()
    return contact


def set_channel_variables(settings: Any, kind: str, **variables: str) -> None:
    """Change some of one channel's variables (names without VECINOS_) for this test."""
    settings.CHANNELS = {**settings.CHANNELS, kind: {**settings.CHANNELS[kind], **variables}}


def send_all(sender: Sender | None = None) -> None:
    """Run the worker's sending step until nothing is due."""
    sender = sender or Sender(threads=1)
    while sender.run_once():
        pass
