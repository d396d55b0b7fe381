"""Settled incidents close on their own, and closing erases their details (DESIGN.md rule 4)."""

from __future__ import annotations

from vecinos import worker
from vecinos.privacy.retention import register_erasure
from vecinos.reports.closing import close_settled_incidents

register_erasure("incidents closed and their details erased")(close_settled_incidents)
worker.register("close settled incidents", every_seconds=60)(close_settled_incidents)
