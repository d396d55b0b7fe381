"""A responder's yes or no to a dispatch, by their link or by text."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from vecinos.reports.models import Event
from vecinos.reports.timeline import record
from vecinos.responders.models import (
    ANSWERABLE,
    SAID_YES,
    Availability,
    Callout,
    Dispatch,
    DispatchStatus,
    Reply,
    Responder,
)


def locked_dispatch(dispatch: Dispatch) -> Dispatch:
    """The dispatch, its row locked, with what answering and checking in read."""
    return (
        Dispatch.objects.select_for_update()
        .select_related("callout__incident__network", "responder")
        .get(pk=dispatch.pk)
    )


@transaction.atomic
def answer(dispatch: Dispatch, accept: bool) -> Reply:
    """A responder's yes or no. Late, repeated or unneeded answers change nothing."""
    dispatch = locked_dispatch(dispatch)
    callout = Callout.objects.select_for_update().get(pk=dispatch.callout_id)
    incident = dispatch.callout.incident
    if incident.is_closed:
        return Reply.CLOSED
    if dispatch.status in SAID_YES:
        return Reply.ALREADY_GOING
    if not accept:
        if dispatch.is_answerable:
            dispatch.status, dispatch.answered_at = DispatchStatus.DECLINED, timezone.now()
            dispatch.save(update_fields=["status", "answered_at"])
            record(incident, Event.RESPONDER_DECLINED, None, dispatch.responder.alias)
        return Reply.DECLINED
    if callout.done_at is not None and callout.said_yes() >= callout.wanted:
        return Reply.FILLED
    _accept(dispatch, callout)
    return Reply.ACCEPTED


def _accept(dispatch: Dispatch, callout: Callout) -> None:
    now, network = timezone.now(), callout.incident.network
    dispatch.status, dispatch.answered_at = DispatchStatus.ACCEPTED, now
    dispatch.checkin_due_at = now + timedelta(minutes=network.checkin_minutes)
    dispatch.save(update_fields=["status", "answered_at", "checkin_due_at"])
    Responder.objects.filter(pk=dispatch.responder_id).update(availability=Availability.BUSY)
    record(callout.incident, Event.RESPONDER_ACCEPTED, None, dispatch.responder.alias)
    if callout.said_yes() >= callout.wanted:
        callout.done_at, callout.escalate_at = now, None
        callout.save(update_fields=["done_at", "escalate_at"])
        callout.dispatches.filter(status=DispatchStatus.ASKED).update(
            status=DispatchStatus.NOT_NEEDED
        )


def open_dispatch_for(contact_id: int) -> Dispatch | None:
    """The dispatch a yes or no by text answers: the newest one still asked."""
    return (
        Dispatch.objects.filter(responder__contact_id=contact_id, status__in=ANSWERABLE)
        .order_by("-asked_at", "-pk")
        .first()
    )


def answer_by_text(contact_id: int, accept: bool) -> Reply:
    dispatch = open_dispatch_for(contact_id)
    if dispatch is None:
        return Reply.NOTHING_OPEN
    return answer(dispatch, accept)
