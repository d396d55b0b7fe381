"""What other apps add to an incident's console page and to the queue, without reports
knowing them: each contributor returns template context (alerts: which alerts the incident
allows now; the alerts waiting for a second dispatcher)."""

from __future__ import annotations

from collections.abc import Callable

from vecinos.reports.models import Incident

Contributor = Callable[[Incident], dict[str, object]]
CONTRIBUTORS: list[Contributor] = []
QueueContributor = Callable[[], dict[str, object]]
QUEUE_CONTRIBUTORS: list[QueueContributor] = []


def contributes(contributor: Contributor) -> Contributor:
    CONTRIBUTORS.append(contributor)
    return contributor


def context_for(incident: Incident) -> dict[str, object]:
    context: dict[str, object] = {}
    for contributor in CONTRIBUTORS:
        context.update(contributor(incident))
    return context


def contributes_to_queue(contributor: QueueContributor) -> QueueContributor:
    QUEUE_CONTRIBUTORS.append(contributor)
    return contributor


def queue_context() -> dict[str, object]:
    context: dict[str, object] = {}
    for contributor in QUEUE_CONTRIBUTORS:
        context.update(contributor())
    return context
