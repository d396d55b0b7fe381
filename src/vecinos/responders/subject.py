"""What the subject report shows of a responder: enough to answer a request, no more."""

from __future__ import annotations

from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import subject_section
from vecinos.responders.models import Responder


@subject_section
def responder_record(contact: ContactPoint) -> str:
    responder = Responder.objects.filter(contact=contact).first()
    if responder is None:
        return ""
    trainings = ", ".join(sorted(set(responder.trainings.values_list("skill", flat=True))))
    return (
        f"responder {responder.alias!r} ({responder.stage}); trainings: {trainings or 'none'}; "
        f"{responder.dispatches.count()} dispatches kept; {responder.areas.count()} area cells"
    )
