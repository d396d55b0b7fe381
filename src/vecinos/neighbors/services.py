"""Subscribing, confirming and stopping: what a neighbor can do without an account."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.messaging import channels
from vecinos.messaging.channels.base import PhoneChannelType
from vecinos.messaging.channels.email.type import EmailType
from vecinos.messaging.models import Delivery, Status
from vecinos.messaging.services import send_to
from vecinos.neighbors import messages
from vecinos.neighbors.models import Confirmation, ContactArea, ContactPoint
from vecinos.networks.models import Area, Network
from vecinos.networks.services import network_for_cell
from vecinos.privacy.crypto import blind_index, seal

CODE_TTL = timedelta(minutes=10)
MAX_CODE_ATTEMPTS = 5
CODES_PER_ADDRESS_PER_HOUR = 3
MAX_CELLS = 400
MAX_NEAR_RINGS = 5
WELCOME_TTL = timedelta(hours=6)


class SubscriptionError(ValueError):
    """A subscription request that cannot be done; the message says why."""


@dataclass(frozen=True)
class AreaRequest:
    zip: str | None = None
    cell: str | None = None
    area: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    rings: int = 1


def cells_for(area: AreaRequest) -> set[str]:
    """The neighbor-resolution cells one requested area stands for."""
    try:
        if area.zip:
            return geo.zip_cells(area.zip, geo.NEIGHBOR)
        if area.cell:
            return {geo.parse_cell(area.cell, geo.NEIGHBOR)}
        if area.area is not None:
            named = Area.objects.filter(pk=area.area).first()
            if named is None:
                raise SubscriptionError(_("There is no such area."))
            return set(named.cells)
        if area.latitude is not None and area.longitude is not None:
            rings = min(max(area.rings, 0), MAX_NEAR_RINGS)
            return set(geo.disk(geo.snap(area.latitude, area.longitude, geo.NEIGHBOR), rings))
    except geo.InvalidLocation as error:
        raise SubscriptionError(_("One of the areas could not be understood.")) from error
    raise SubscriptionError(_("Choose at least one area."))


def network_and_cells(areas: list[AreaRequest]) -> tuple[Network, list[str]]:
    if not areas:
        raise SubscriptionError(_("Choose at least one area."))
    cells = set().union(*(cells_for(area) for area in areas))
    network = next((n for cell in sorted(cells) if (n := network_for_cell(cell))), None)
    if network is None:
        raise SubscriptionError(_("Those areas are outside the area this network covers."))
    covered = sorted(cell for cell in cells if network.covers(cell))
    if len(covered) > MAX_CELLS:
        raise SubscriptionError(_("That is too large an area. Choose fewer or smaller areas."))
    return network, covered


def _contacts_at(channel: str, normalized: str) -> QuerySet[ContactPoint]:
    index = blind_index(channel, channels.index_value(channel, normalized))
    return ContactPoint.objects.filter(channel=channel, address_index=index)


def find_contact(network: Network | None, channel: str, normalized: str) -> ContactPoint | None:
    contacts = _contacts_at(channel, normalized)
    if network is not None:
        contacts = contacts.filter(network=network)
    return contacts.order_by("-pk").first()


def stop_address(channel: str, normalized: str) -> int:
    """STOP from an address, or a block: every network's subscription there stops (one bot
    or number serves them all); returns how many did."""
    stopping = list(_contacts_at(channel, normalized).filter(stopped_at=None))
    for contact in stopping:
        stop(contact)
    return len(stopping)


def contact_for(network: Network, channel: str, normalized: str, language: str) -> ContactPoint:
    """The contact point for an address, created unconfirmed (and sealed) when new."""
    existing = find_contact(network, channel, normalized)
    if existing is not None:
        return existing
    return ContactPoint.objects.create(
        network=network,
        channel=channel,
        address_sealed=seal(normalized),
        address_index=blind_index(channel, channels.index_value(channel, normalized)),
        language=language,
    )


def enroll_confirmed(
    network: Network, channel: str, address: str, language: str, cells: Iterable[str]
) -> ContactPoint:
    """A subscriber whose address was confirmed outside Vecinos (synthetic demo data,
    tests): no code is sent."""
    contact = contact_for(network, channel, channels.normalize(channel, address), language)
    _apply(contact, {"language": language, "cells": sorted(set(cells)), "heads_up": False})
    return contact


def _code_digest(contact: ContactPoint, code: str) -> str:
    return blind_index("code", f"{contact.pk}:{code}")


def _check_code_budget(contact: ContactPoint, network: Network) -> None:
    now = timezone.now()
    recent = contact.confirmations.filter(created_at__gte=now - timedelta(hours=1)).count()
    if recent >= CODES_PER_ADDRESS_PER_HOUR:
        raise SubscriptionError(
            _("Too many codes were sent to this address. Try again in an hour.")
        )
    today = Confirmation.objects.filter(
        contact__network=network, created_at__gte=now - timedelta(days=1)
    ).count()
    if today >= settings.DAILY_CODE_BUDGET:
        raise SubscriptionError(_("The network cannot send more codes today. Try tomorrow."))


@transaction.atomic
def subscribe(
    channel: str, address: str, language: str, areas: list[AreaRequest], heads_up: bool = False
) -> None:
    """Send a 6-digit code to ``address``; confirming it applies these choices.

    Nothing changes for an existing subscriber until the code comes back, so
    nobody can change or stop someone else's alerts by knowing their number.
    """
    normalized = channels.normalize(channel, address)
    network, cells = network_and_cells(areas)
    if language not in dict(settings.LANGUAGES) and language not in network.languages:
        language = network.default_language
    contact = contact_for(network, channel, normalized, language)
    # Heads-ups are asked for only where the network sends them (the API may still ask).
    heads_up = heads_up and network.heads_up_sources > 0
    send_code(contact, {"language": language, "cells": cells, "heads_up": heads_up})


def send_code(contact: ContactPoint, pending: dict) -> None:
    """A fresh 6-digit code to ``contact``; confirming it applies ``pending`` (with no
    "cells" in it, confirming only proves the address, as a responder's does)."""
    _check_code_budget(contact, contact.network)
    code = f"{secrets.randbelow(10**6):06d}"
    Confirmation.objects.create(
        contact=contact,
        code_digest=_code_digest(contact, code),
        expires_at=timezone.now() + CODE_TTL,
        pending=pending,
    )
    texts = messages.code_texts(code, [pending["language"]])
    send_to(contact, f"code:{contact.pk}", texts, CODE_TTL)


def resend_code(channel: str, address: str) -> None:
    """Another code for a sign-up waiting for one, with the same choices, within the same
    limits. An address that asked for nothing gets nothing, and the same answer, so the
    page tells nobody whether a number is signing up."""
    try:
        normalized = channels.normalize(channel, address)
    except channels.InvalidAddress:
        return
    contact = find_contact(None, channel, normalized)
    last = contact.confirmations.order_by("-created_at").first() if contact else None
    if contact is None or last is None or last.used_at is not None:
        return
    send_code(contact, last.pending)


def masked_address(channel: str, address: str) -> str:
    """Enough of an address to recognize it ("•••• 0123", "v•••@example.org"), never all."""
    try:
        normalized = channels.normalize(channel, address)
    except channels.InvalidAddress:
        return ""
    if issubclass(channels.channel_type(channel), PhoneChannelType):
        return "•••• " + normalized[-4:]
    if channel == EmailType.kind:
        local, domain = normalized.rsplit("@", 1)
        return f"{local[:1]}•••@{domain}"
    return ""


def area_names(contact: ContactPoint) -> list[str]:
    """The neighborhoods a subscriber chose, in words a neighbor recognizes (no cell ids)."""
    cells = set(contact.areas.values_list("cell", flat=True))
    # Only whole neighborhoods are named: a few shared blocks would promise too much.
    areas = [area for area in contact.network.areas.all() if set(area.cells) <= cells]
    named = set().union(*(set(area.cells) for area in areas)) if areas else set()
    around = [str(_("the blocks around the place or ZIP code you chose"))] if cells - named else []
    return [area.name for area in areas] + around


def _welcome(contact: ContactPoint) -> None:
    """What an SMS program sends when someone joins: what comes, and (the footer) how to stop."""
    texts = {contact.language: messages.welcome_text(contact, area_names(contact))}
    send_to(contact, f"welcome:{contact.pk}", texts, WELCOME_TTL)


def _apply(contact: ContactPoint, pending: dict) -> None:
    contact.confirmed_at = contact.confirmed_at or timezone.now()
    contact.stopped_at = None
    if pending.get("cells") is None:
        contact.save(update_fields=["confirmed_at", "stopped_at"])
        return
    contact.language = pending["language"]
    contact.heads_up = pending["heads_up"]
    contact.save()
    contact.areas.all().delete()
    ContactArea.objects.bulk_create(ContactArea(contact=contact, cell=c) for c in pending["cells"])


def confirm(channel: str, address: str, code: str) -> ContactPoint:
    """Check the code for ``address``; on success its subscription is live.

    A wrong try is counted (and committed) before the refusal is raised.
    """
    wrong = SubscriptionError(_("That code is not right, or it expired. Ask for a new one."))
    try:
        normalized = channels.normalize(channel, address)
    except channels.InvalidAddress as error:
        raise wrong from error
    with transaction.atomic():
        contact = find_contact(None, channel, normalized)
        pending = (
            Confirmation.objects.select_for_update()
            .filter(contact=contact, used_at=None, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if contact is None or pending is None:
            raise wrong
        if pending.attempts >= MAX_CODE_ATTEMPTS:
            raise SubscriptionError(_("Too many wrong codes. Ask for a new one in an hour."))
        right = secrets.compare_digest(pending.code_digest, _code_digest(contact, code.strip()))
        if right:
            pending.used_at = timezone.now()
            _apply(contact, pending.pending)
            if pending.pending.get("cells") is not None:
                _welcome(contact)
        else:
            pending.attempts += 1
        pending.save(update_fields=["used_at", "attempts"])
    if not right:
        raise wrong
    return contact


@transaction.atomic
def stop(contact: ContactPoint) -> None:
    """No more messages to this contact point, starting with the ones already queued."""
    contact.stopped_at = timezone.now()
    contact.save(update_fields=["stopped_at"])
    Delivery.objects.filter(contact=contact, status=Status.QUEUED).update(status=Status.CANCELLED)


@dataclass(frozen=True)
class SubjectEntry:
    channel: str
    subscribed: bool
    language: str
    signed_up: date
    areas: list[str]
    more: list[str]  # what other apps hold about this contact point, a line each


# What other apps hold about a contact point (a responder's record): each returns a line,
# or "" when it holds nothing. Apps add theirs with ``subject_section``.
SUBJECT_SECTIONS: list[Callable[[ContactPoint], str]] = []


def subject_section(section: Callable[[ContactPoint], str]) -> Callable[[ContactPoint], str]:
    SUBJECT_SECTIONS.append(section)
    return section


def _area_names(contact: ContactPoint) -> list[str]:
    cells = set(contact.areas.values_list("cell", flat=True))
    named = [area.name for area in contact.network.areas.all() if cells & set(area.cells)]
    outside = len(cells) and not named
    return named + ([f"{len(cells)} cells"] if outside else [])


def contacts_of(address: str) -> list[ContactPoint]:
    """The contact points of ``address``, on whichever channel it can be an address of."""
    found: list[ContactPoint] = []
    for channel in channels.TYPES:
        try:
            normalized = channels.normalize(channel, address)
        except channels.InvalidAddress:
            continue
        index = blind_index(channel, channels.index_value(channel, normalized))
        found += ContactPoint.objects.filter(channel=channel, address_index=index)
    return found


def mark_for_exercises(address: str, is_test: bool) -> int:
    """Make a confirmed subscriber a test subscriber (only they get exercises, and they get
    no real alert) or a real one again; returns how many contact points changed."""
    contacts = [c for c in contacts_of(address) if c.confirmed_at is not None]
    ContactPoint.objects.filter(pk__in=[c.pk for c in contacts]).update(is_test=is_test)
    return len(contacts)


def subject_report(address: str) -> list[SubjectEntry]:
    """All that is held about an address: short by construction (see SECURITY.md)."""
    return [
        SubjectEntry(
            channel=contact.channel,
            subscribed=contact.is_active,
            language=contact.language,
            signed_up=contact.created_on,
            areas=_area_names(contact),
            more=[line for section in SUBJECT_SECTIONS if (line := section(contact))],
        )
        for contact in contacts_of(address)
    ]
