"""The refusal every responders service raises."""

from __future__ import annotations


class ResponderError(ValueError):
    """A request about a responder or a dispatch that cannot be done; the message says why."""
