from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vecinos import geo
from vecinos.alerts import corrections, drafting, public, publishing, reach
from vecinos.alerts.errors import AlertError
from vecinos.alerts.feeds import cap_document
from vecinos.alerts.forms import PublishForm, RetractForm, TemplateForm
from vecinos.alerts.models import Alert, AlertTemplate, Kind
from vecinos.messaging import segments
from vecinos.messaging import services as messaging
from vecinos.messaging.models import Receipt
from vecinos.messaging.models import Status as DeliveryStatus
from vecinos.networks.auth import SignedInRequest
from vecinos.networks.decorators import coordinator_required, dispatcher_required, staff_required
from vecinos.networks.models import Area
from vecinos.reports.errors import IncidentError
from vecinos.reports.models import Incident


def _map_shapes(alerts: list[Alert], language: str) -> list[dict]:
    """What the map draws: outlines only, so the page never carries an incident's cell."""
    return [
        {
            "id": alert.pk,
            "kind": alert.kind,
            "headline": alert.text(language)["headline"],
            "outlines": geo.outlines(alert.cells),
        }
        for alert in alerts
    ]


def _place_from(request: HttpRequest) -> tuple[str | None, Area | None]:
    """The neighbor's chosen place: a named area, or a point rounded by their phone.

    The point comes only in a POST body: in a URL it would stay in the browser's history
    of a phone that may be seized (and in any proxy's access log)."""
    area_id = request.GET.get("area", "")
    area = Area.objects.filter(pk=int(area_id)).first() if area_id.isdigit() else None
    if area:
        return area.center_cell, area
    try:
        latitude, longitude = float(request.POST["lat"]), float(request.POST["lng"])
        return geo.snap(round(latitude, 3), round(longitude, 3), geo.NEIGHBOR), None
    except (KeyError, ValueError, geo.InvalidLocation):
        return None, None


# "Near me" posts the rounded point so it stays out of the URL; the POST reads and changes
# nothing, and a neighbor's phone has no session to forge a request for.
@csrf_exempt
def alert_list(request: HttpRequest) -> HttpResponse:
    cell, area = _place_from(request)
    alerts = public.alerts_covering(cell) if cell else list(public.active_alerts())
    language = get_language()
    context = {
        "alerts": [(alert, alert.text(language)) for alert in alerts],
        "shapes": _map_shapes(alerts, language),
        "rumors": public.rumor_checks(),
        "areas": Area.objects.all(),
        "chosen_area": area,
        "near_me": cell is not None and area is None,
    }
    return render(request, "alerts/list.html", context)


def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(public.sent_alerts().select_related("network"), pk=pk)
    language = get_language()
    correction = alert.correction
    context = {
        "alert": alert,
        "text": alert.text(language),
        "correction": correction,
        "correction_text": correction.text(language) if correction else None,
        "shapes": _map_shapes([alert], language),
    }
    return render(request, "alerts/detail.html", context)


def alert_cap(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(public.sent_alerts().select_related("network"), pk=pk)
    return HttpResponse(cap_document(alert), content_type="application/cap+xml; charset=utf-8")


def _people_taken(request: HttpRequest, incident: Incident) -> int | None:
    """A responder's count from the scene, when the alert was prepared from it; else the
    count recorded when the incident ended. The draft says it, so it reaches people."""
    given = request.GET.get("people_taken", "")
    return int(given) if given.isdigit() else incident.people_taken


@dispatcher_required
def publish(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident.objects.select_related("network", "area"), pk=pk)
    kind = request.GET.get("kind") or request.POST.get("kind", "")
    exercise = (request.GET.get("exercise") or request.POST.get("exercise")) == "1"
    allowed = publishing.allowed_kinds(incident, publishing.has_real_alerts(incident))
    if kind not in allowed:
        messages.error(request, _("That alert cannot be published for this incident now."))
        return redirect("console:incident", pk=pk)
    form = PublishForm(
        request.POST or None,
        languages=incident.network.languages,
        drafts=drafting.draft_texts(incident, kind, _people_taken(request, incident)),
        initial={"people_taken": _people_taken(request, incident)},
    )
    confirmed = request.POST.get("confirmed") == "1"
    if request.method == "POST" and form.is_valid() and "change" not in request.POST:
        if not (confirmed or exercise):
            return _confirm_publish(request, incident, form, Kind(kind))
        alert_request = publishing.AlertRequest(
            kind=kind,
            rings=form.cleaned_data["rings"],
            expires_in_minutes=form.cleaned_data["expires_in_minutes"],
            certainty=form.cleaned_data["certainty"] or None,
            texts=form.texts(),
            people_taken=form.cleaned_data["people_taken"],
            exercise=exercise,
        )
        try:
            alert = publishing.publish_alert(incident, request.user, alert_request)
        except (AlertError, IncidentError) as error:
            form.add_error(None, str(error))
        else:
            if alert.is_exercise:
                messages.warning(request, _("The exercise was sent to test subscribers only."))
            elif alert.is_waiting:
                messages.warning(
                    request,
                    _(
                        "Not sent yet: this alert is large, so another dispatcher must confirm "
                        "it. Every dispatcher's queue shows it until then."
                    ),
                )
            else:
                messages.success(request, _("The alert is published."))
            return redirect("console:incident", pk=pk)
    context = {"incident": incident, "form": form, "kind": Kind(kind), "exercise": exercise}
    return render(
        request, "alerts/console/publish.html", context, status=400 if form.errors else 200
    )


def _confirm_publish(
    request: HttpRequest, incident: Incident, form: PublishForm, kind: Kind
) -> HttpResponse:
    """The step before an alert goes: what it says and how many people it will reach."""
    rings = form.cleaned_data["rings"]
    context = {
        "incident": incident,
        "form": form,
        "kind": kind,
        "texts": form.texts(),
        "people": reach.people_reached(incident, rings),
        "waits": reach.waits_for_second_dispatcher(incident, kind, rings),
    }
    return render(request, "alerts/console/confirm_publish.html", context)


@dispatcher_required
def retract(request: SignedInRequest, pk: int) -> HttpResponse:
    """A false alarm's correction: a first request shows whom it reaches, a confirmed POST
    with what it really was sends it."""
    incident = get_object_or_404(Incident.objects.select_related("network"), pk=pk)
    if not publishing.has_real_alerts(incident):
        messages.error(request, _("There is no alert to retract."))
        return redirect("console:incident", pk=pk)
    form = RetractForm(request.POST or None)
    if request.POST.get("confirmed") == "1" and form.is_valid():
        try:
            corrections.retract(incident, request.user, form.cleaned_data["finding"])
        except (AlertError, IncidentError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The retraction is on its way to everyone the alarm reached.")
            )
        return redirect("console:incident", pk=pk)
    context = {
        "incident": incident,
        "form": form,
        "people": reach.people_reached(incident, publishing.DEFAULT_RINGS),
    }
    status = 400 if form.errors else 200
    return render(request, "alerts/console/confirm_retract.html", context, status=status)


@require_POST
@dispatcher_required
def confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk)
    try:
        publishing.confirm_alert(alert, request.user)
    except AlertError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The alert is published."))
    return redirect("console:incident", pk=alert.incident_id)


@require_POST
@dispatcher_required
def cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk)
    try:
        corrections.cancel_alert(alert, request.user)
    except AlertError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The alert was taken down."))
    if alert.incident_id:
        return redirect("console:incident", pk=alert.incident_id)
    return redirect("console:queue")


@coordinator_required
def templates(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "alerts/console/templates.html",
        {"templates": AlertTemplate.objects.select_related("network")},
    )


@coordinator_required
def edit_template(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(AlertTemplate, pk=pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The template is saved."))
        return redirect("console:templates")
    context = {"template": template, "form": form, "placeholders": sorted(drafting.PLACEHOLDERS)}
    return render(
        request, "alerts/console/template_edit.html", context, status=400 if form.errors else 200
    )


@staff_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """How far an alert got, per channel: polled by the incident page."""
    alert = get_object_or_404(Alert, pk=pk)
    topic = publishing.topic(alert)
    per_channel = messaging.progress([topic]).get(topic, {})
    columns = [*DeliveryStatus.choices, *Receipt.choices]
    rows = [
        (channel, [counts.get(value, 0) for value, _label in columns])
        for channel, counts in sorted(per_channel.items())
    ]
    context = {
        "alert": alert,
        "rows": rows,
        "statuses": columns,
        "failures": messaging.failures(topic),
    }
    return render(request, "alerts/console/_progress.html", context)


@dispatcher_required
def segment_count(request: HttpRequest) -> HttpResponse:
    """SMS segments of the text being edited, shown live beside a template."""
    text = " ".join(request.GET.get(name, "") for name in ("headline", "body")).strip()
    return render(request, "alerts/console/_segments.html", {"count": segments.count(text[:2000])})
