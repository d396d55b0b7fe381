"""What a responder's dispatch page shows of the scene: the incident's cell on a map, its
center for the phone's maps app (computed from the cell, never stored), and how many others
are going. Other responders are counted, never named: responders do not see each other."""

from __future__ import annotations

from dataclasses import dataclass

from vecinos import geo
from vecinos.responders.models import GOING, Dispatch


@dataclass(frozen=True)
class Scene:
    outline: list[list[tuple[float, float]]]
    center: tuple[float, float]
    teammates: int

    @property
    def geo_uri(self) -> str:
        """RFC 5870: opens the phone's maps app at the cell's center."""
        latitude, longitude = self.center
        return f"geo:{latitude:.5f},{longitude:.5f}"

    @property
    def shape(self) -> dict[str, object]:
        return {"outline": self.outline, "center": self.center}


def for_responder(dispatch: Dispatch) -> Scene:
    incident = dispatch.callout.incident
    others = (
        Dispatch.objects.filter(callout__incident=incident, status__in=GOING)
        .exclude(responder=dispatch.responder_id)
        .values("responder")
        .distinct()
        .count()
    )
    return Scene(geo.outlines([incident.cell]), geo.center(incident.cell), others)
