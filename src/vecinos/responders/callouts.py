"""Call-outs: asking responders to go, escalating ring by ring, and the worker's timers."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vecinos.messaging.services import send_to
from vecinos.reports.models import Event, Incident
from vecinos.reports.timeline import record
from vecinos.responders import texts
from vecinos.responders.checkins import flag_missed_check_ins
from vecinos.responders.errors import ResponderError
from vecinos.responders.models import GOING, Callout, Dispatch, Responder, Skill
from vecinos.responders.selection import Candidate, candidates


def _ask(callout: Callout, chosen: list[Candidate]) -> int:
    now = timezone.now()
    responders = Responder.objects.select_related("contact").in_bulk(
        [c.responder_id for c in chosen]
    )
    for candidate in chosen:
        responder = responders[candidate.responder_id]
        dispatch = Dispatch.objects.create(
            callout=callout, responder=responder, ring=candidate.ring, asked_at=now
        )
        send_to(
            responder.contact,
            f"dispatch:{dispatch.pk}",
            texts.dispatch(dispatch),
            texts.MESSAGE_TTL,
        )
    if chosen:
        callout.ring = max(callout.ring, *(c.ring for c in chosen))
    window = timedelta(minutes=callout.incident.network.dispatch_window_minutes)
    callout.escalate_at = now + window
    callout.save(update_fields=["ring", "escalate_at"])
    return len(chosen)


def _nobody_left(callout: Callout, actor: User | None) -> None:
    callout.done_at, callout.escalate_at = timezone.now(), None
    callout.save(update_fields=["done_at", "escalate_at"])
    record(callout.incident, Event.NO_RESPONDERS, actor, str(Skill(callout.skill).label))


@transaction.atomic
def call_out(
    incident: Incident, skill: str, wanted: int | None = None, user: User | None = None
) -> Callout:
    """Ask the nearest available responders with ``skill`` to go to ``incident``."""
    if incident.is_closed:
        raise ResponderError(_("This incident is closed."))
    if skill not in Skill.values:
        raise ResponderError(_("Unknown role."))
    wanted = wanted or incident.network.responders_wanted
    if not 1 <= wanted <= 20:
        raise ResponderError(_("Ask for between 1 and 20 responders."))
    callout = Callout.objects.create(incident=incident, skill=skill, wanted=wanted, asked_by=user)
    asked = _ask(callout, candidates(incident, skill, wanted))
    if not asked:
        _nobody_left(callout, user)
        return callout
    note = texts.asked_note(callout, asked)
    record(incident, Event.RESPONDERS_ASKED, user, note)
    return callout


def dispatch_when_opened(sender: object, incident: Incident, **kwargs: object) -> None:
    """The network's policy: ask verifiers at once when a report opens an incident."""
    if incident.network.auto_dispatch:
        call_out(incident, Skill.VERIFIER)


def _escalate(callout: Callout) -> None:
    incident = callout.incident
    missing = callout.wanted - callout.said_yes()
    if missing <= 0 or incident.is_closed:
        callout.done_at, callout.escalate_at = timezone.now(), None
        callout.save(update_fields=["done_at", "escalate_at"])
        return
    chosen = _next_ring(incident, callout.skill, missing)
    if not chosen:
        _nobody_left(callout, None)
        return
    asked = _ask(callout, chosen)
    record(incident, Event.ESCALATED, None, texts.asked_note(callout, asked))


def _next_ring(incident: Incident, skill: str, missing: int) -> list[Candidate]:
    """Everyone not asked yet in the nearest ring that has anyone, and beyond it until
    ``missing`` more are asked."""
    everyone = candidates(incident, skill, 10_000)
    if not everyone:
        return []
    nearest = everyone[0].ring
    return [c for n, c in enumerate(everyone) if c.ring == nearest or n < missing]


def escalate_due(now: datetime | None = None) -> int:
    """Callouts whose window passed with too few accepted: ask the next ring."""
    due = Callout.objects.filter(done_at=None, escalate_at__lte=now or timezone.now())
    count = 0
    for callout in due.select_related("incident__network"):
        with transaction.atomic():
            _escalate(Callout.objects.select_for_update().get(pk=callout.pk))
        count += 1
    return count


def _anything_due(now: datetime) -> bool:
    """One query for an idle worker: a window that passed, or a check-in that did not come."""
    windows = Callout.objects.filter(done_at=None, escalate_at__lte=now).order_by().values("pk")
    check_ins = (
        Dispatch.objects.filter(status__in=GOING, checkin_due_at__lt=now, overdue_at=None)
        .order_by()
        .values("pk")
    )
    return bool(windows.union(check_ins)[:1])


def timers() -> int:
    """The worker's job: escalations and missed check-ins, derived from the database."""
    now = timezone.now()
    if not _anything_due(now):
        return 0
    return escalate_due(now) + flag_missed_check_ins(now)
