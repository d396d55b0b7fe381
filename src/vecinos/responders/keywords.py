"""A responder's answers by text: SI / NO to a dispatch, and their availability."""

from __future__ import annotations

from vecinos.neighbors import messages
from vecinos.neighbors.keywords import Inbound, handles
from vecinos.responders import answers, pipeline, texts
from vecinos.responders.errors import ResponderError
from vecinos.responders.models import Availability, Reply


@handles("yes")
def _yes(message: Inbound) -> str:
    return _answer(message, accept=True)


@handles("no")
def _no(message: Inbound) -> str:
    return _answer(message, accept=False)


def _answer(message: Inbound, accept: bool) -> str:
    if message.contact is None:
        return texts.reply(Reply.NOTHING_OPEN)
    return texts.reply(answers.answer_by_text(message.contact.pk, accept=accept))


def _set_availability(message: Inbound) -> str:
    availability = message.command.kind
    responder = pipeline.responder_of(message.contact) if message.contact else None
    if responder is None:
        return messages.help_text()
    try:
        pipeline.set_availability(responder, availability)
    except ResponderError:
        return messages.help_text()
    return texts.availability_reply(availability)


for _availability in Availability.values:
    handles(_availability)(_set_availability)
