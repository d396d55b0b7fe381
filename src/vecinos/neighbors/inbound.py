"""What happens when a neighbor writes to the network on any channel: the receiver that
the channels hand every message to, and the commands that are the neighbors' own
(stop, help, join, a code). Other apps register theirs (see keywords.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import translation

from vecinos.messaging.services import send_to
from vecinos.neighbors import keywords, messages, services
from vecinos.neighbors.keywords import Inbound, handles
from vecinos.neighbors.models import ContactPoint
from vecinos.networks.models import Network

REPLY_TTL = timedelta(hours=1)


def handle(channel: str, normalized: str, text: str) -> None:
    """Answer one inbound message, routed by its first word."""
    command = keywords.parse(text)
    contact = services.find_contact(None, channel, normalized)
    # Someone who writes first gets an unconfirmed contact point, only so we can answer.
    network = contact.network if contact else Network.objects.order_by("pk").first()
    language = _language(command, contact, network)
    message = Inbound(channel, normalized, command, contact, language)
    with translation.override(language):
        reply = keywords.answer(message)
    if reply is not None and network is not None:
        contact = services.contact_for(network, channel, normalized, language)
        send_to(contact, f"reply:{contact.pk}", {language: reply}, REPLY_TTL)


def blocked(channel: str, normalized: str) -> None:
    """The neighbor blocked us on this channel: stop it, as STOP would, with no answer (it
    could not arrive). A stranger who blocks us leaves nothing behind."""
    services.stop_address(channel, normalized)


def _language(
    command: keywords.Command, contact: ContactPoint | None, network: Network | None
) -> str:
    if command.language:
        return command.language
    if contact is not None:
        return contact.language
    return network.default_language if network is not None else translation.get_language()


@handles("stop")
def _stop(message: Inbound) -> str:
    services.stop_address(message.channel, message.address)
    return messages.reply("stopped")


@handles("join")
def _join(message: Inbound) -> str | None:
    if not message.command.zip_code:
        return messages.help_text()
    try:
        areas = [services.AreaRequest(zip=message.command.zip_code)]
        services.subscribe(message.channel, message.address, message.language, areas)
    except services.SubscriptionError:
        return messages.help_text()
    return None  # the code itself is the answer


@handles("code")
def _code(message: Inbound) -> str:
    try:
        services.confirm(message.channel, message.address, message.command.rest)
    except services.SubscriptionError:
        return messages.reply("not_understood")
    return messages.reply("subscribed")


@handles("help")
def _help(message: Inbound) -> str:
    return messages.help_text()
