"""Small builders the stories share."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from vecinos.reports.models import Incident, Report, Source
from vecinos.reports.services import ReportInput, submit_report


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
