"""The incident's life: claimed, released, verified, ended."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos.reports.errors import IncidentError
from vecinos.reports.models import VERIFICATION_OUTCOMES, Event, Incident, Status
from vecinos.reports.signals import announce, incident_verified
from vecinos.reports.timeline import record


def locked(incident: Incident) -> Incident:
    """The incident, its row locked until the transaction ends."""
    return Incident.objects.select_for_update().get(pk=incident.pk)


def ensure_claim(incident: Incident, user: User) -> None:
    """Acting on an incident claims it; acting on someone else's claim is refused."""
    if incident.claimed_by_id not in (None, user.pk):
        raise IncidentError(
            _("%(name)s is working on this incident. Take it over first.")
            % {"name": cast(User, incident.claimed_by).username}
        )
    if incident.claimed_by_id is None:
        incident.claimed_by = user
        incident.claimed_at = timezone.now()
        record(incident, Event.CLAIMED, user)
    if incident.status == Status.REPORTED:
        incident.status = Status.VERIFYING
        incident.status_changed_at = timezone.now()


@transaction.atomic
def claim_incident(incident: Incident, user: User, take_over: bool = False) -> Incident:
    incident = locked(incident)
    if incident.is_closed:
        raise IncidentError(_("This incident is closed."))
    if take_over and incident.claimed_by_id not in (None, user.pk):
        note = f"from {cast(User, incident.claimed_by).username}"
        incident.claimed_by = None
        record(incident, Event.RELEASED, user, note)
    ensure_claim(incident, user)
    incident.save()
    return incident


@transaction.atomic
def release_incident(incident: Incident, user: User) -> Incident:
    incident = locked(incident)
    if incident.claimed_by_id != user.pk:
        raise IncidentError(_("You have not claimed this incident."))
    incident.claimed_by = None
    incident.claimed_at = None
    incident.save()
    record(incident, Event.RELEASED, user)
    return incident


@transaction.atomic
def verify_incident(
    incident: Incident, user: User, outcome: str, note: str = "", finding: str = ""
) -> Incident:
    """Record what verification found: confirmed, unfounded or unverifiable."""
    incident = locked(incident)
    if outcome not in VERIFICATION_OUTCOMES:
        raise IncidentError(_("Choose confirmed, unfounded or could not be verified."))
    if incident.status in (Status.ENDED, Status.CLOSED):
        raise IncidentError(_("This incident has ended; it can no longer be verified."))
    ensure_claim(incident, user)
    incident.status = outcome
    incident.status_changed_at = timezone.now()
    incident.finding = finding.strip()[:300]
    incident.save()
    record(incident, Event.VERIFIED, user, f"{outcome}: {note}".strip(": "))
    transaction.on_commit(lambda: announce(incident_verified, incident=incident))
    return incident


@transaction.atomic
def end_incident(incident: Incident, user: User | None, people_taken: int | None) -> Incident:
    """The agents have left. ``people_taken`` is the honest count, when known."""
    incident = locked(incident)
    if not incident.may_end:
        raise IncidentError(_("This incident has already ended."))
    incident.status = Status.ENDED
    incident.status_changed_at = timezone.now()
    incident.people_taken = people_taken
    incident.save()
    record(incident, Event.ENDED, user, "" if people_taken is None else str(people_taken))
    return incident
