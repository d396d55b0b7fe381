"""What responders need to find the scene, and a responder's call for help: the dispatcher's
"where exactly" words (sealed, erased at closing) and the flag a call for help raises."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos.reports.errors import IncidentError
from vecinos.reports.lifecycle import locked
from vecinos.reports.models import Event, Incident
from vecinos.reports.timeline import record

# How much of the "where exactly" note a dispatch text carries: enough to name the place.
PLACE_IN_TEXT = 32


@transaction.atomic
def note_where(incident: Incident, user: User, words: str) -> Incident:
    """Say where exactly, in words, for the responders; empty words remove the note."""
    incident = locked(incident)
    if not incident.is_open:
        raise IncidentError(_("This incident is no longer open."))
    incident.where_note = words.strip()
    incident.save(update_fields=["where_note"])
    record(incident, Event.WHERE_NOTED, user)
    return incident


def place_words(incident: Incident) -> str:
    """The first words of where exactly, cut at a word, or the area's name without a note."""
    words = incident.where_note.strip()
    if not words:
        return incident.area_name
    if len(words) > PLACE_IN_TEXT:
        words = words[:PLACE_IN_TEXT].rsplit(" ", 1)[0].rstrip(" ,;.") + "…"
    return f"{words} ({incident.area_name})"


@transaction.atomic
def raise_help(incident: Incident, who: str) -> Incident:
    """A responder needs help now: the flag on the incident and the queue, and the timeline."""
    incident = locked(incident)
    incident.help_needed_at = timezone.now()
    incident.save(update_fields=["help_needed_at"])
    record(incident, Event.HELP_NEEDED, None, who)
    return incident


@transaction.atomic
def answer_help(incident: Incident, user: User) -> Incident:
    incident = locked(incident)
    if incident.help_needed_at is None:
        raise IncidentError(_("Nobody is waiting for an answer to a call for help."))
    incident.help_needed_at = None
    incident.save(update_fields=["help_needed_at"])
    record(incident, Event.HELP_ANSWERED, user)
    return incident
