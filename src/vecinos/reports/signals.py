"""What the reports app tells the apps that build on it, without knowing them."""

from __future__ import annotations

import logging

from django.dispatch import Signal

from vecinos.reports.models import Incident

# Sent after the transaction that opened an incident commits; keyword argument: incident.
incident_opened = Signal()
# Sent after the transaction that stored a report commits; keyword argument: report.
report_received = Signal()
# Sent after a verification outcome is recorded and committed; keyword argument: incident.
incident_verified = Signal()

log = logging.getLogger("vecinos.reports")


def announce(signal: Signal, **about: object) -> None:
    # What it announces is stored already: a failing receiver must not turn that into an error.
    for receiver, result in signal.send_robust(Incident, **about):
        if isinstance(result, Exception):
            log.error("%s failed after %s", receiver.__name__, about, exc_info=result)
