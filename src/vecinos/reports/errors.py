"""The refusal every reports service raises."""

from __future__ import annotations


class IncidentError(ValueError):
    """A request about a report or incident that cannot be done; the message says why."""
