"""The hallway yell: an unverified heads-up, at once, to a small ring of neighbors who
asked for them — only when the network's policy allows it, and corrected when it was
wrong (DESIGN.md, "heads-up").

The policy (Network.heads_up_sources): N independent sources — reports whose sources'
day-salted tags differ, so a flood from one source counts once — or one report a staff
member entered from a hotline call (a trusted reporter). 0 turns heads-ups off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext

from vecinos import geo
from vecinos.messaging import services as messaging
from vecinos.messaging.models import Lane
from vecinos.neighbors.messages import in_language
from vecinos.reports.models import Activity, Event, Incident, Report, Status
from vecinos.reports.timeline import record

RINGS = 1  # the block and the six around it
LASTS = timedelta(minutes=60)
CORRECTED_BY = {Status.UNFOUNDED, Status.UNVERIFIABLE}


def topic(incident: Incident) -> str:
    return f"headsup:{incident.pk}"


def _allowed(incident: Incident) -> bool:
    needed = incident.network.heads_up_sources
    if not needed or not incident.awaits_verification:
        return False
    if incident.timeline.filter(event=Event.HEADS_UP_SENT).exists():
        return False
    reports = incident.reports.all()
    if reports.exclude(entered_by=None).exists():
        return True
    independent = set(reports.exclude(source_tag="").values_list("source_tag", flat=True))
    return len(independent) >= needed


def _texts(incident: Incident, render: Callable[[Incident], str]) -> dict[str, str]:
    return {
        code: in_language(code, lambda: render(incident)) for code in incident.network.languages
    }


def _heads_up(incident: Incident) -> str:
    return gettext(
        "Vecinos, UNVERIFIED heads-up: neighbors report %(activity)s near %(area)s (%(time)s). "
        "Volunteers are checking. Do not open the door to immigration agents."
    ) % {
        "activity": str(Activity(incident.activity).label).lower(),
        "area": incident.area_name,
        "time": formats.time_format(timezone.localtime(), "H:i"),
    }


def _correction(incident: Incident) -> str:
    if incident.status == Status.UNFOUNDED:
        return gettext(
            "Vecinos: the heads-up near %(area)s was checked: it was not immigration agents. "
            "False alarm."
        ) % {"area": incident.area_name}
    return gettext("Vecinos: the heads-up near %(area)s could not be confirmed by volunteers.") % {
        "area": incident.area_name
    }


def on_report(sender: object, report: Report, **kwargs: object) -> None:
    incident = Incident.objects.select_related("network", "area").get(pk=report.incident_id)
    if not _allowed(incident):
        return
    cells = geo.disk(geo.coarsen(incident.cell, geo.NEIGHBOR), RINGS)
    messaging.broadcast_to_cells(
        topic(incident),
        _texts(incident, _heads_up),
        cells,
        timezone.now() + LASTS,
        lane=Lane.URGENT,
        heads_up_only=True,
    )
    record(incident, Event.HEADS_UP_SENT, None, f"{len(cells)} cells")


def on_verified(sender: object, incident: Incident, **kwargs: object) -> None:
    """A heads-up that proved wrong is corrected for everyone it reached, first in line."""
    if incident.status not in CORRECTED_BY:
        return
    if not incident.timeline.filter(event=Event.HEADS_UP_SENT).exists():
        return
    messaging.cancel_topic(topic(incident))
    messaging.broadcast_to_cells(
        f"headsup-fix:{incident.pk}",
        _texts(incident, _correction),
        [],
        timezone.now() + LASTS,
        lane=Lane.URGENT,
        also_reached_by=[topic(incident)],
    )
    record(incident, Event.HEADS_UP_CORRECTED, None)
