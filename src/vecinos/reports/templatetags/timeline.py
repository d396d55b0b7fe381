from __future__ import annotations

from django import template

from vecinos.reports import timeline
from vecinos.reports.models import TimelineEntry

register = template.Library()


@register.filter
def note_for_reader(entry: TimelineEntry) -> str:
    return timeline.for_reader(entry)
