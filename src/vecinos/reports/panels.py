"""What other apps add to an incident's console page, without reports knowing them:
each contributor returns template context for the incident (alerts: which alerts the
incident allows now)."""

from __future__ import annotations

from collections.abc import Callable

from vecinos.reports.models import Incident

Contributor = Callable[[Incident], dict[str, object]]
CONTRIBUTORS: list[Contributor] = []


def contributes(contributor: Contributor) -> Contributor:
    CONTRIBUTORS.append(contributor)
    return contributor


def context_for(incident: Incident) -> dict[str, object]:
    context: dict[str, object] = {}
    for contributor in CONTRIBUTORS:
        context.update(contributor(incident))
    return context
