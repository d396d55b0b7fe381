"""Pages for responders (signed links, no account) and for the console."""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vecinos.forms import errors_text
from vecinos.messaging import channels
from vecinos.neighbors.forms import ConfirmForm
from vecinos.neighbors.services import SubscriptionError, confirm
from vecinos.networks.auth import SignedInRequest
from vecinos.networks.decorators import (
    coordinator_required,
    dispatcher_required,
    staff_required,
)
from vecinos.networks.models import Network
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports.errors import IncidentError
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Incident
from vecinos.reports.models import Status as IncidentStatus
from vecinos.responders import answers, callouts, checkins, links, pipeline, scene, texts
from vecinos.responders.errors import ResponderError
from vecinos.responders.forms import (
    AvailabilityForm,
    CalloutForm,
    PolicyForm,
    SignUpForm,
    TrainingForm,
    UpdateForm,
)
from vecinos.responders.models import (
    LIVE,
    Dispatch,
    Responder,
    SceneUpdate,
    Stage,
)


def _check(form: Form) -> None:
    """Refuse an invalid form the way the services refuse: with the reasons, in one line."""
    if not form.is_valid():
        raise ResponderError(errors_text(form))


# ---- a neighbor who wants to help -------------------------------------------------------------


def join(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pipeline.sign_up(
                pipeline.SignUp(
                    alias=data["alias"].strip(),
                    channel=data["channel"],
                    address=data["address"],
                    language=data["language"],
                    languages=form.spoken(),
                    skills=data["skills"],
                    usually_free=data["usually_free"].strip(),
                    areas=form.area_requests(),
                )
            )
        except (SubscriptionError, channels.InvalidAddress) as error:
            form.add_error(None, str(error))
        else:
            address = {"channel": data["channel"], "address": data["address"]}
            confirm_form = ConfirmForm(initial=address)
            return render(request, "responders/confirm.html", {"form": confirm_form})
    status = 400 if request.method == "POST" else 200
    return render(request, "responders/join.html", {"form": form}, status=status)


def join_confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            confirm(data["channel"], data["address"], data["code"])
        except SubscriptionError as error:
            form.add_error("code", str(error))
        else:
            return render(request, "responders/joined.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "responders/confirm.html", {"form": form}, status=status)


def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "responders/guide.html")


# ---- a responder, through their signed links --------------------------------------------------


def home(request: HttpRequest, token: str) -> HttpResponse:
    responder = links.responder_for(token)
    if responder is None:
        raise Http404
    if request.method == "POST":
        form = AvailabilityForm(request.POST)
        try:
            if not form.is_valid():
                raise ResponderError(_("Choose available, busy or off."))
            pipeline.set_availability(responder, form.cleaned_data["availability"])
        except ResponderError as error:
            messages.error(request, str(error))
        return redirect(request.path)
    dispatches = responder.dispatches.filter(status__in=LIVE).select_related(
        "callout__incident__area", "callout__incident__network"
    )
    context = {
        "responder": responder,
        "dispatches": [(d, links.dispatch_url(d)) for d in dispatches],
        "can_set": responder.may_be_dispatched,
    }
    return render(request, "responders/home.html", context)


def dispatch(request: HttpRequest, token: str) -> HttpResponse:
    """What one dispatch lets its responder see and do: nothing about any other incident."""
    found = links.dispatch_for(token)
    if found is None:
        raise Http404
    if request.method == "POST":
        return _dispatch_action(request, found)
    incident = found.callout.incident
    shows_incident = found.shows_incident
    context = {
        "dispatch": found,
        "incident": incident,
        "shows_incident": shows_incident,
        "reports": incident.reports.all() if shows_incident else [],
        "scene": scene.for_responder(found) if shows_incident else None,
        "going": found.is_going,
        "update_form": UpdateForm(),
        "home_url": links.home_url(found.responder),
    }
    return render(request, "responders/dispatch.html", context)


def _dispatch_action(request: HttpRequest, found: Dispatch) -> HttpResponse:
    action = request.POST.get("action")
    try:
        if action in ("accept", "decline"):
            reply = answers.answer(found, accept=action == "accept")
            messages.info(request, texts.reply(reply))
        elif action == "update":
            form = UpdateForm(request.POST)
            _check(form)
            checkins.post_update(found, checkins.Update(**form.cleaned_data))
            messages.success(request, _("Sent to the dispatcher."))
        elif action == "safe":
            checkins.check_in_safe(found)
            messages.success(request, _("Thank you. You checked in safe."))
        elif action == "help":
            checkins.call_for_help(found)
            messages.error(
                request,
                _(
                    "The dispatcher was told you need help now. Stay calm, say you wish to "
                    "remain silent, and do not sign anything."
                ),
            )
        else:
            raise ResponderError(_("Unknown action."))
    except ResponderError as error:
        messages.error(request, str(error))
    return redirect(request.path)


# ---- the console ------------------------------------------------------------------------------


@coordinator_required
def responder_list(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "")
    responders = Responder.objects.select_related("network")
    if stage in Stage.values:
        responders = responders.filter(stage=stage)
    context = {
        "pipeline": [(Stage(s), n) for s, n in pipeline.pipeline().items()],
        "responders": responders,
        "stage": stage,
        "policies": [PolicyForm(instance=n, prefix=str(n.pk)) for n in Network.objects.all()],
    }
    return render(request, "responders/console/responders.html", context)


@require_POST
@coordinator_required
def dispatch_policy(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_object_or_404(Network, pk=pk)
    form = PolicyForm(request.POST, instance=network, prefix=str(network.pk))
    if form.is_valid():
        form.save()
        audit(request.user, Action.POLICY_CHANGED, network.name)
        messages.success(request, _("The dispatch policy is saved."))
    else:
        messages.error(request, errors_text(form))
    return redirect("console:responders")


@coordinator_required
def responder_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    responder = get_object_or_404(Responder.objects.select_related("contact"), pk=pk)
    if request.method == "POST":
        return _pipeline_action(request, responder)
    audit(request.user, Action.RESPONDER_VIEWED, f"responder {responder.pk}")
    context = {
        "responder": responder,
        "trainings": responder.trainings.all(),
        "current": set(pipeline.current_trainings(responder).values_list("pk", flat=True)),
        "training_form": TrainingForm(),
        "dispatch_count": responder.dispatches.count(),
    }
    return render(request, "responders/console/responder.html", context)


def _pipeline_action(request: SignedInRequest, responder: Responder) -> HttpResponse:
    actions = {
        "vet": lambda: pipeline.vet(responder, request.user),
        "activate": lambda: pipeline.activate(responder, request.user),
        "rest": lambda: pipeline.rest(responder),
        "link": lambda: pipeline.new_link(responder),
    }
    action = actions.get(request.POST.get("action", ""))
    try:
        if action is None:
            raise ResponderError(_("Unknown action."))
        action()
    except ResponderError as error:
        messages.error(request, str(error))
    return redirect("console:responder", pk=responder.pk)


@require_POST
@coordinator_required
def record_training(request: SignedInRequest, pk: int) -> HttpResponse:
    responder = get_object_or_404(Responder, pk=pk)
    form = TrainingForm(request.POST)
    try:
        _check(form)
        data = form.cleaned_data
        pipeline.record_training(
            responder, data["skill"], data["completed_on"], data["expires_on"], request.user
        )
    except ResponderError as error:
        messages.error(request, str(error))
    return redirect("console:responder", pk=pk)


@staff_required
def incident_responders(request: HttpRequest, pk: int) -> HttpResponse:
    """The incident page's live panel: who was asked, who is going, who is on scene, when."""
    incident = get_object_or_404(Incident, pk=pk)
    callouts = incident.callouts.prefetch_related("dispatches__responder", "dispatches__updates")
    context = {"incident": incident, "callouts": callouts, "callout_form": CalloutForm()}
    # The list refreshes itself every few seconds; the form around it loads once, so a
    # dispatcher's half-filled form is never swapped away.
    part = "_callouts" if request.GET.get("list") else "_incident_responders"
    return render(request, f"responders/console/{part}.html", context)


@require_POST
@dispatcher_required
def call_out(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident, pk=pk)
    form = CalloutForm(request.POST)
    try:
        _check(form)
        data = form.cleaned_data
        callout = callouts.call_out(incident, data["skill"], data["wanted"], request.user)
    except ResponderError as error:
        messages.error(request, str(error))
    else:
        asked = callout.dispatches.count()
        if asked:
            asked_text = ngettext(
                "%(count)d responder asked.", "%(count)d responders asked.", asked
            )
            messages.success(request, asked_text % {"count": asked})
        else:
            messages.error(request, _("Nobody available with that role nearby."))
    return redirect("console:incident", pk=pk)


@require_POST
@dispatcher_required
def use_update(request: SignedInRequest, pk: int) -> HttpResponse:
    """One click from what a responder saw to the alert it calls for: record the verification
    if the incident still waits for one, then open the prepared alert."""
    update = get_object_or_404(SceneUpdate.objects.select_related("dispatch__callout"), pk=pk)
    incident = update.dispatch.callout.incident
    try:
        if update.confirms_activity and incident.awaits_verification:
            incident = verify_incident(
                incident, request.user, IncidentStatus.CONFIRMED, _("seen by a responder")
            )
    except IncidentError as error:
        messages.error(request, str(error))
        return redirect("console:incident", pk=incident.pk)
    kind = checkins.alert_for(update, incident)
    if kind is None:
        messages.info(request, _("Record what the responder found, then choose the alert."))
        return redirect("console:incident", pk=incident.pk)
    query = f"?kind={kind}"
    if update.people_taken is not None:
        query += f"&people_taken={update.people_taken}"
    return redirect(reverse("console:publish", args=[incident.pk]) + query)
