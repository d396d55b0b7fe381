"""On scene and back safe: a responder's updates and check-ins, the ones that did not come,
and the alert an update calls for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vecinos.alerts.models import Kind
from vecinos.alerts.publishing import allowed_kinds, has_real_alerts
from vecinos.reports.models import Event, Incident, TimelineEntry
from vecinos.reports.scene import raise_help
from vecinos.reports.timeline import record
from vecinos.responders import texts
from vecinos.responders.answers import locked_dispatch
from vecinos.responders.errors import ResponderError
from vecinos.responders.models import (
    GOING,
    Availability,
    Dispatch,
    DispatchStatus,
    Finding,
    Responder,
    SceneUpdate,
)


def _on_the_job(dispatch: Dispatch) -> Dispatch:
    dispatch = locked_dispatch(dispatch)
    if dispatch.callout.incident.is_closed:
        raise ResponderError(_("This incident is closed."))
    if not dispatch.is_going:
        raise ResponderError(_not_going(dispatch))
    return dispatch


def _not_going(dispatch: Dispatch) -> str:
    """Why a responder who is not on the way cannot act: a tab left open after checking in
    safe, or after being stood down, must say so rather than ask to accept again."""
    if dispatch.status == DispatchStatus.SAFE:
        return _("You already checked in safe. Thank you.")
    if dispatch.status == DispatchStatus.NOT_NEEDED:
        return _("You are not needed at this incident any more. Thank you.")
    if dispatch.status == DispatchStatus.DECLINED:
        return _("You said you cannot go to this incident.")
    return _("Accept the dispatch first.")


@dataclass(frozen=True)
class Update:
    finding: str
    agents: int | None = None
    people_taken: int | None = None
    note: str = ""


@transaction.atomic
def post_update(dispatch: Dispatch, update: Update) -> SceneUpdate:
    """What a responder sees, onto the incident's timeline; it also counts as a check-in."""
    dispatch = _on_the_job(dispatch)
    if update.finding not in Finding.values:
        raise ResponderError(_("Choose what you see."))
    now = timezone.now()
    incident = dispatch.callout.incident
    entry = TimelineEntry.objects.create(
        incident=incident,
        at=now,
        event=Event.SCENE_UPDATE,
        note=texts.update_note(dispatch.responder, update)[:500],
    )
    dispatch.status, dispatch.on_scene_at = DispatchStatus.ON_SCENE, dispatch.on_scene_at or now
    dispatch.checkin_due_at = now + timedelta(minutes=incident.network.checkin_minutes)
    dispatch.overdue_at = None
    dispatch.save(update_fields=["status", "on_scene_at", "checkin_due_at", "overdue_at"])
    return SceneUpdate.objects.create(
        dispatch=dispatch,
        at=now,
        finding=update.finding,
        agents=update.agents,
        people_taken=update.people_taken,
        entry=entry,
    )


@transaction.atomic
def check_in_safe(dispatch: Dispatch) -> Dispatch:
    dispatch = _on_the_job(dispatch)
    dispatch.status, dispatch.safe_at = DispatchStatus.SAFE, timezone.now()
    dispatch.save(update_fields=["status", "safe_at"])
    Responder.objects.filter(pk=dispatch.responder_id).update(availability=Availability.AVAILABLE)
    record(dispatch.callout.incident, Event.CHECKED_IN, None, dispatch.responder.alias)
    return dispatch


def call_for_help(dispatch: Dispatch) -> Dispatch:
    """ "I am being detained / I need help now": flags the incident in every dispatcher's
    queue and on its page at once. Staff have no channel of their own to be texted on, so the
    console is where it is heard."""
    with transaction.atomic():
        dispatch = _on_the_job(dispatch)
        raise_help(dispatch.callout.incident, dispatch.responder.alias)
    return dispatch


def flag_missed_check_ins(now: datetime | None = None) -> int:
    """Tell the dispatcher (on the timeline and the console) of responders not back safe."""
    now = now or timezone.now()
    overdue = Dispatch.objects.filter(
        status__in=GOING, checkin_due_at__lt=now, overdue_at=None
    ).select_related("callout__incident", "responder")
    count = 0
    for dispatch in overdue:
        Dispatch.objects.filter(pk=dispatch.pk).update(overdue_at=now)
        record(dispatch.callout.incident, Event.CHECKIN_OVERDUE, None, dispatch.responder.alias)
        count += 1
    return count


# Which alert an update from the scene prepares.
_ALERT_FOR: dict[str, Kind] = {
    Finding.CONFIRMED: Kind.VERIFIED,
    Finding.DETAINED: Kind.UPDATE,
    Finding.LEFT: Kind.ALL_CLEAR,
}


def alert_for(update: SceneUpdate, incident: Incident) -> Kind | None:
    """The alert an update from the scene calls for, if the incident allows it now: someone
    detained is an update, or the verified alert when none went out yet."""
    kind = _ALERT_FOR.get(update.finding)
    allowed = allowed_kinds(incident, has_real_alerts(incident))
    if kind == Kind.UPDATE and kind not in allowed:
        kind = Kind.VERIFIED
    return kind if kind in allowed else None
