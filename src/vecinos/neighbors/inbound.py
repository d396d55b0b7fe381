"""What happens when a neighbor writes to the network on any channel."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import translation

from vecinos import geo
from vecinos.messaging.services import send_to
from vecinos.neighbors import addresses, keywords, messages, services
from vecinos.neighbors.models import ContactPoint
from vecinos.networks.models import Network
from vecinos.privacy import ratelimit
from vecinos.reports.errors import IncidentError
from vecinos.reports.intake import ReportInput, submit_report
from vecinos.reports.models import Source
from vecinos.responders import answers, pipeline, texts
from vecinos.responders.errors import ResponderError
from vecinos.responders.models import Availability, Reply

log = logging.getLogger("vecinos.inbound")
REPLY_TTL = timedelta(hours=1)


def _reply_texts(kind: str | Reply, language: str) -> dict[str, str]:
    if isinstance(kind, Reply):
        return {language: messages.in_language(language, lambda: texts.reply(kind))}
    if kind in Availability.values:
        text = messages.in_language(language, lambda: texts.availability_reply(kind))
        return {language: text}
    if kind == "help":
        return messages.help_texts([language])
    return messages.confirmation_texts(kind, [language])


def _report_cell(command: keywords.Command, contact: ContactPoint | None) -> str | None:
    if command.zip_code:
        try:
            latitude_longitude = geo.center(min(geo.zip_cells(command.zip_code, geo.REPORT)))
        except geo.InvalidLocation:
            return None
        return geo.snap(*latitude_longitude, geo.REPORT)
    if contact is not None and contact.areas.exists():
        return geo.center_child(contact.areas.first().cell, geo.REPORT)
    return None


def _report(
    command: keywords.Command, contact: ContactPoint | None, language: str, sender: str
) -> str:
    cell = _report_cell(command, contact)
    if cell is None:
        return "help"
    try:
        submit_report(
            ReportInput(
                activity="other",
                cell=cell,
                source=Source.SMS,
                language=language,
                details=command.rest[:1000],
                source_tag=ratelimit.tag(sender),
            )
        )
    except IncidentError:
        return "help"
    return "reported"


def handle(channel: str, address: str, text: str) -> None:
    """Route one inbound message by its first word: stop, help, join, code, report, or a
    responder's yes, no and availability."""
    try:
        normalized = addresses.normalize(channel, address)
    except addresses.InvalidAddress:
        log.info("inbound message from an address %s cannot answer", channel)
        return
    command = keywords.parse(text)
    contact = services.find_contact(None, channel, normalized)
    language = command.language or (contact.language if contact else "es")
    with translation.override(language):
        kind = _act(channel, normalized, command, contact, language)
    if kind is None:
        return
    # Someone who writes first gets an unconfirmed contact point, only so we can answer.
    network = contact.network if contact else Network.objects.order_by("pk").first()
    if network is not None:
        contact = services.contact_for(network, channel, normalized, language)
        send_to(contact, f"reply:{contact.pk}", _reply_texts(kind, language), REPLY_TTL)


def _act(
    channel: str,
    normalized: str,
    command: keywords.Command,
    contact: ContactPoint | None,
    language: str,
) -> str | Reply | None:
    if command.kind == "stop":
        if contact is not None:
            services.stop(contact)
        return "stopped"
    if command.kind == "join" and command.zip_code:
        try:
            areas = [services.AreaRequest(zip=command.zip_code)]
            services.subscribe(channel, normalized, language, areas)
        except services.SubscriptionError:
            return "help"
        return None  # the code itself is the answer
    if command.kind == "code":
        try:
            services.confirm(channel, normalized, command.rest)
        except services.SubscriptionError:
            return "not_understood"
        return "subscribed"
    if command.kind == "report":
        return _report(command, contact, language, f"{channel}:{normalized}")
    if command.kind in ("yes", "no"):
        if contact is None:
            return Reply.NOTHING_OPEN
        return answers.answer_by_text(contact.pk, accept=command.kind == "yes")
    if command.kind in Availability.values:
        return _availability(contact, command.kind)
    return "help"


def _availability(contact: ContactPoint | None, availability: str) -> str:
    responder = pipeline.responder_of(contact) if contact else None
    if responder is None:
        return "help"
    try:
        pipeline.set_availability(responder, availability)
    except ResponderError:
        return "help"
    return availability
