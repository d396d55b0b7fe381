"""The incident's timeline: every move, with who and when.

A note is stored once but read by dispatchers in their own languages: where it holds
codes (an outcome, an alert's kind), the app that wrote it registers how to read it
(``reads``), and the console shows it in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import User
from django.db.models import TextChoices
from django.utils import timezone

from vecinos.reports.models import Event, Incident, Status, TimelineEntry

READERS: dict[str, Callable[[str], str]] = {}


def record(incident: Incident, event: Event, actor: User | None = None, note: str = "") -> None:
    TimelineEntry.objects.create(
        incident=incident, at=timezone.now(), actor=actor, event=event, note=note[:500]
    )


def reads(event: Event) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    def registering(reader: Callable[[str], str]) -> Callable[[str], str]:
        READERS[event] = reader
        return reader

    return registering


def for_reader(entry: TimelineEntry) -> str:
    """The entry's note in the language that is active now."""
    reader = READERS.get(entry.event)
    return reader(entry.note) if reader and entry.note else entry.note


# Reports keep joining a busy incident: one line says how many, not twenty.
GROUPED = {Event.REPORT_JOINED}


def grouped(entries: Iterable[TimelineEntry]) -> list[tuple[TimelineEntry, int]]:
    """Consecutive entries of a repeating kind as the first one, with how many there were."""
    found: list[tuple[TimelineEntry, int]] = []
    for entry in entries:
        if found and entry.event in GROUPED and found[-1][0].event == entry.event:
            found[-1] = (found[-1][0], found[-1][1] + 1)
        else:
            found.append((entry, 1))
    return found


def labelled(choices: type[TextChoices], code: str) -> str:
    """A code's label in the active language, or the text as it is when it is no code."""
    return str(choices(code).label) if code in choices.values else code


@reads(Event.VERIFIED)
def _verified(note: str) -> str:
    outcome, _, words = note.partition(": ")
    return ": ".join(part for part in (labelled(Status, outcome), words) if part)
