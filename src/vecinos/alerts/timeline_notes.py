"""How a dispatcher reads, in their own language, what alerts wrote on a timeline."""

from __future__ import annotations

from django.utils.translation import ngettext

from vecinos.alerts.models import Kind
from vecinos.reports.models import Event
from vecinos.reports.timeline import labelled, reads


@reads(Event.ALERT_PUBLISHED)
def _published(note: str) -> str:
    kind, _, number = note.partition(" ")
    return f"{labelled(Kind, kind)} {number}".strip()


@reads(Event.HEADS_UP_SENT)
def _heads_up(note: str) -> str:
    count, _, rest = note.partition(" ")
    if rest != "cells" or not count.isdigit():
        return note
    return ngettext("%(count)d block", "%(count)d blocks", int(count)) % {"count": int(count)}
