"""Signing up, and the coordinator's pipeline: vetted, trained, active, resting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vecinos.messaging import channels
from vecinos.messaging.services import send_to
from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import AreaRequest, contact_for, network_and_cells, send_code
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.responders import texts
from vecinos.responders.errors import ResponderError
from vecinos.responders.models import (
    Availability,
    Responder,
    ResponderArea,
    Skill,
    Stage,
    Training,
)


@dataclass(frozen=True)
class SignUp:
    alias: str
    channel: str
    address: str
    language: str
    languages: list[str]
    skills: list[str]
    usually_free: str
    areas: list[AreaRequest]


def sign_up(data: SignUp) -> Responder:
    """A new responder, signed up; a code goes to their address to prove it is theirs.

    Signing up again with an address that already belongs to a responder only sends a
    new code: the answer must not tell who is a responder.
    """
    normalized = channels.normalize(data.channel, data.address)
    network, cells = network_and_cells(data.areas)
    with transaction.atomic():
        contact = contact_for(network, data.channel, normalized, data.language)
        responder = Responder.objects.filter(contact=contact).first()
        if responder is None:
            responder = Responder.objects.create(
                network=network,
                alias=data.alias,
                contact=contact,
                languages=data.languages,
                skills=data.skills,
                usually_free=data.usually_free,
            )
            ResponderArea.objects.bulk_create(
                ResponderArea(responder=responder, cell=cell) for cell in cells
            )
        send_code(contact, {"language": contact.language, "responder": True})
    return responder


def current_trainings(responder: Responder, today: date | None = None) -> QuerySet[Training]:
    today = today or timezone.localdate()
    return responder.trainings.filter(Q(expires_on=None) | Q(expires_on__gte=today))


def pipeline(network_id: int | None = None) -> dict[str, int]:
    """How many responders are at each stage, every stage listed."""
    responders = Responder.objects.all()
    if network_id is not None:
        responders = responders.filter(network_id=network_id)
    counts = dict(responders.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return {stage: counts.get(stage, 0) for stage in Stage.values}


def _move(responder: Responder, allowed: Callable[[Responder], bool], refusal: str) -> Responder:
    locked = Responder.objects.select_for_update().get(pk=responder.pk)
    if not allowed(locked):
        raise ResponderError(refusal)
    return locked


@transaction.atomic
def vet(responder: Responder, user: User) -> Responder:
    responder = _move(
        responder, lambda r: r.may_be_vetted, _("Only someone who just signed up is vetted.")
    )
    responder.stage, responder.vetted_at, responder.vetted_by = Stage.VETTED, timezone.now(), user
    responder.save()
    audit(user, Action.RESPONDER_VETTED, f"#{responder.pk}")
    return responder


@transaction.atomic
def record_training(
    responder: Responder, skill: str, completed_on: date, expires_on: date | None, user: User
) -> Training:
    responder = _move(
        responder,
        lambda r: r.may_be_trained,
        _("Vet this person before recording trainings."),
    )
    if skill not in Skill.values:
        raise ResponderError(_("Unknown role."))
    if completed_on > timezone.localdate():
        raise ResponderError(_("A training cannot be completed in the future."))
    if expires_on is not None and expires_on <= completed_on:
        raise ResponderError(_("A training must expire after it was completed."))
    training = Training.objects.create(
        responder=responder,
        skill=skill,
        completed_on=completed_on,
        expires_on=expires_on,
        recorded_by=user,
    )
    if responder.stage == Stage.VETTED:
        responder.stage = Stage.TRAINED
        responder.save(update_fields=["stage"])
    audit(user, Action.TRAINING_RECORDED, f"#{responder.pk} {skill}")
    return training


@transaction.atomic
def activate(responder: Responder, user: User) -> Responder:
    responder = _move(
        responder,
        lambda r: r.may_be_activated,
        _("Only a trained or resting responder can be activated."),
    )
    if responder.contact.confirmed_at is None:
        raise ResponderError(_("This responder has not confirmed their address with the code."))
    if not current_trainings(responder).exists():
        raise ResponderError(_("This responder has no current training."))
    responder.stage, responder.activated_at = Stage.ACTIVE, timezone.now()
    responder.availability = Availability.AVAILABLE
    responder.save()
    _send(responder, "welcome", texts.welcome(responder))
    audit(user, Action.RESPONDER_ACTIVATED, f"#{responder.pk}")
    return responder


@transaction.atomic
def rest(responder: Responder) -> Responder:
    responder = _move(responder, lambda r: r.may_rest, _("Only an active responder can rest."))
    responder.stage, responder.availability = Stage.RESTING, Availability.OFF
    responder.save(update_fields=["stage", "availability"])
    return responder


@transaction.atomic
def new_link(responder: Responder) -> Responder:
    """Every earlier link of this responder stops working; the new one is sent to them."""
    responder = Responder.objects.select_for_update().get(pk=responder.pk)
    responder.link_version += 1
    responder.save(update_fields=["link_version"])
    _send(responder, "link", texts.welcome(responder))
    return responder


def responder_of(contact: ContactPoint) -> Responder | None:
    return Responder.objects.filter(contact=contact).first()


def set_availability(responder: Responder, availability: str) -> None:
    if availability not in Availability.values:
        raise ResponderError(_("Choose available, busy or off."))
    if not responder.may_be_dispatched:
        raise ResponderError(_("Only an active responder can be dispatched."))
    Responder.objects.filter(pk=responder.pk).update(availability=availability)
    responder.availability = availability


def _send(responder: Responder, what: str, message: dict[str, str]) -> None:
    send_to(responder.contact, f"responder:{what}:{responder.pk}", message, texts.MESSAGE_TTL)
