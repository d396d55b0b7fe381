"""The refusal every alerts service raises."""

from __future__ import annotations


class AlertError(ValueError):
    """An alert that cannot be published or changed as asked; the message says why."""
