"""Dispatch timers: the next ring when too few accepted, a flag when someone is not back."""

from __future__ import annotations

from vecinos import worker
from vecinos.responders.callouts import timers

worker.register("escalate dispatches, flag missed check-ins", every_seconds=15)(timers)
