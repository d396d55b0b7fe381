"""Responders: signing up, the coordinator's pipeline, and dispatch — nearest first, ring by ring.

Selection (``candidates``): active responders who are available, hold a current
training for the role, cover a cell within MAX_RING of the incident and were not
asked about it yet; nearest by H3 grid distance between their cells and the
incident's (both at geo.NEIGHBOR), then the one with more current trainings,
then the one dispatched least in the last RECENT_DAYS.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vecinos import geo
from vecinos.messaging import channels
from vecinos.messaging.services import send_to
from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import AreaRequest, contact_for, network_and_cells, send_code
from vecinos.reports.models import Event, Incident, TimelineEntry
from vecinos.reports.models import Status as IncidentStatus
from vecinos.reports.services import record
from vecinos.responders import texts
from vecinos.responders.models import (
    ANSWERABLE,
    GOING,
    Availability,
    Callout,
    Dispatch,
    DispatchStatus,
    Finding,
    Reply,
    Responder,
    ResponderArea,
    SceneUpdate,
    Skill,
    Stage,
    Training,
)

MAX_RING = 6  # at geo.NEIGHBOR, about 5 km from the incident's cell
RECENT_DAYS = 7
MESSAGE_TTL = timedelta(hours=1)


class ResponderError(ValueError):
    """A request about a responder or a dispatch that cannot be done; the message says why."""


# ---- signing up and the coordinator's pipeline ----------------------------------------------


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


def _move(responder: Responder, allowed: list[Stage], refusal: str) -> Responder:
    locked = Responder.objects.select_for_update().get(pk=responder.pk)
    if locked.stage not in allowed:
        raise ResponderError(refusal)
    return locked


@transaction.atomic
def vet(responder: Responder, user: User) -> Responder:
    responder = _move(responder, [Stage.SIGNED_UP], _("Only someone who just signed up is vetted."))
    responder.stage, responder.vetted_at, responder.vetted_by = Stage.VETTED, timezone.now(), user
    responder.save()
    return responder


@transaction.atomic
def record_training(
    responder: Responder, skill: str, completed_on: date, expires_on: date | None, user: User
) -> Training:
    responder = _move(
        responder,
        [Stage.VETTED, Stage.TRAINED, Stage.ACTIVE, Stage.RESTING],
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
    return training


@transaction.atomic
def activate(responder: Responder, user: User) -> Responder:
    responder = _move(
        responder,
        [Stage.TRAINED, Stage.RESTING],
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
    return responder


@transaction.atomic
def rest(responder: Responder) -> Responder:
    responder = _move(responder, [Stage.ACTIVE], _("Only an active responder can rest."))
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
    if responder.stage != Stage.ACTIVE:
        raise ResponderError(_("Only an active responder can be dispatched."))
    Responder.objects.filter(pk=responder.pk).update(availability=availability)
    responder.availability = availability


def _send(responder: Responder, what: str, message: dict[str, str]) -> None:
    send_to(responder.contact, f"responder:{what}:{responder.pk}", message, MESSAGE_TTL)


# ---- choosing whom to ask ---------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    responder_id: int
    ring: int


def _rings(center: str) -> dict[int, int]:
    """Each responder covering a cell near ``center``, with the grid distance of the nearest
    one. Read by the cell index alone: joined to the responders' own filters, SQLite
    walked every active responder instead."""
    rows = ResponderArea.objects.filter(cell__in=geo.disk(center, MAX_RING)).values_list(
        "responder_id", "cell"
    )
    rings: dict[int, int] = {}
    for responder_id, cell in rows:
        ring = geo.grid_distance(center, cell)
        if ring is not None and ring < rings.get(responder_id, MAX_RING + 1):
            rings[responder_id] = ring
    return rings


def _eligible(incident: Incident, skill: str, responder_ids: list[int]) -> set[int]:
    today = timezone.localdate()
    trained = Training.objects.filter(responder=OuterRef("pk"), skill=skill).filter(
        Q(expires_on=None) | Q(expires_on__gte=today)
    )
    asked = Dispatch.objects.filter(callout__incident=incident).values("responder_id")
    eligible = Responder.objects.filter(
        pk__in=responder_ids,
        network_id=incident.network_id,
        stage=Stage.ACTIVE,
        availability=Availability.AVAILABLE,
        contact__stopped_at=None,
    ).filter(Exists(trained), ~Q(pk__in=asked))
    return set(eligible.order_by().values_list("pk", flat=True))


def candidates(incident: Incident, skill: str, count: int) -> list[Candidate]:
    """The ``count`` best responders to ask now, nearest first (see the module's docstring)."""
    if count <= 0:
        return []
    rings = _rings(geo.coarsen(incident.cell, geo.NEIGHBOR))
    contenders: list[int] = []
    # Ring by ring outwards, each one whole (so ties at the last ring are all weighed),
    # until enough are found: most incidents never look past the first rings.
    for ring in range(MAX_RING + 1):
        if len(contenders) >= count:
            break
        in_ring = [responder_id for responder_id, r in rings.items() if r == ring]
        if in_ring:
            contenders += sorted(_eligible(incident, skill, in_ring))
    order = _tie_breaks(contenders) if contenders else {}
    chosen = sorted(contenders, key=lambda r: (rings[r], *order[r], r))[:count]
    return [Candidate(r, rings[r]) for r in chosen]


def _tie_breaks(responder_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(fewer current trainings first — negated, so more sorts first; recent dispatches)."""
    today, since = timezone.localdate(), timezone.now() - timedelta(days=RECENT_DAYS)
    trainings = Counter(
        dict(
            Training.objects.filter(responder_id__in=responder_ids)
            .filter(Q(expires_on=None) | Q(expires_on__gte=today))
            .values_list("responder_id")
            .annotate(n=Count("id"))
        )
    )
    recent = Counter(
        dict(
            Dispatch.objects.filter(responder_id__in=responder_ids, asked_at__gte=since)
            .values_list("responder_id")
            .annotate(n=Count("id"))
        )
    )
    return {r: (-trainings[r], recent[r]) for r in responder_ids}


# ---- dispatching, escalating, answering -----------------------------------------------------


def _going(callout: Callout) -> int:
    going = [*GOING, DispatchStatus.SAFE]
    return callout.dispatches.filter(status__in=going).count()


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
        send_to(responder.contact, f"dispatch:{dispatch.pk}", texts.dispatch(dispatch), MESSAGE_TTL)
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
    if incident.status == IncidentStatus.CLOSED:
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
    missing = callout.wanted - _going(callout)
    if missing <= 0 or incident.status == IncidentStatus.CLOSED:
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


def _locked_dispatch(dispatch: Dispatch) -> Dispatch:
    return (
        Dispatch.objects.select_for_update()
        .select_related("callout__incident__network", "responder")
        .get(pk=dispatch.pk)
    )


@transaction.atomic
def answer(dispatch: Dispatch, accept: bool) -> Reply:
    """A responder's yes or no. Late, repeated or unneeded answers change nothing."""
    dispatch = _locked_dispatch(dispatch)
    callout = Callout.objects.select_for_update().get(pk=dispatch.callout_id)
    incident = dispatch.callout.incident
    if incident.status == IncidentStatus.CLOSED:
        return Reply.CLOSED
    if dispatch.status in [*GOING, DispatchStatus.SAFE]:
        return Reply.ALREADY_GOING
    if not accept:
        if dispatch.status in ANSWERABLE:
            dispatch.status, dispatch.answered_at = DispatchStatus.DECLINED, timezone.now()
            dispatch.save(update_fields=["status", "answered_at"])
            record(incident, Event.RESPONDER_DECLINED, None, dispatch.responder.alias)
        return Reply.DECLINED
    if callout.done_at is not None and _going(callout) >= callout.wanted:
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
    if _going(callout) >= callout.wanted:
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


# ---- on scene, and back safe ------------------------------------------------------------------


def _on_the_job(dispatch: Dispatch) -> Dispatch:
    dispatch = _locked_dispatch(dispatch)
    if dispatch.callout.incident.status == IncidentStatus.CLOSED:
        raise ResponderError(_("This incident is closed."))
    if dispatch.status not in GOING:
        raise ResponderError(_("Accept the dispatch first."))
    return dispatch


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
