from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vecinos.forms import errors_text
from vecinos.networks.auth import SignedInRequest
from vecinos.networks.decorators import dispatcher_required, staff_required
from vecinos.networks.models import Area
from vecinos.networks.services import is_dispatcher
from vecinos.privacy import ratelimit
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports import closing, clustering, floods, intake, lifecycle, scene, timeline
from vecinos.reports.errors import IncidentError
from vecinos.reports.forms import (
    EndForm,
    HotlineForm,
    MergeForm,
    ReportForm,
    SplitForm,
    VerifyForm,
    WhereForm,
)
from vecinos.reports.models import Incident, MergedIncident, Source, Status
from vecinos.reports.panels import context_for, queue_context


def _report_input(form: ReportForm, source: Source, request: HttpRequest) -> intake.ReportInput:
    data = form.cleaned_data
    return intake.ReportInput(
        activity=data["activity"],
        cell=data["cell"],
        source=source,
        language=get_language(),
        agents=data["agents"],
        vehicles=data["vehicles"],
        uniform=data["uniform"].strip(),
        equipment=data["equipment"].strip(),
        why_immigration=data["why_immigration"].strip(),
        details=data["details"].strip(),
        landmark=data.get("landmark", "").strip(),
        observed_at=form.observed_at,
        entered_by=request.user
        if source == Source.HOTLINE and request.user.is_authenticated
        else None,
        source_tag="" if source == Source.HOTLINE else ratelimit.source(request),
    )


def _submit(form: ReportForm, source: Source, request: HttpRequest) -> Incident | None:
    """The incident the report joined, or None with the refusal added to the form."""
    if not form.is_valid():
        return None
    if source == Source.WEB and not ratelimit.allow(
        request, "report", settings.REPORTS_PER_SOURCE, intake.REPORT_WINDOW_SECONDS
    ):
        form.add_error(None, str(intake.TOO_MANY_REPORTS))
        return None
    try:
        return intake.submit_report(_report_input(form, source, request)).incident
    except IncidentError as error:
        form.add_error(None, str(error))
        return None


def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST" and _submit(form, Source.WEB, request):
        return redirect("reports:sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/report.html", {"form": form}, status=status)


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/sent.html")


def _queue() -> dict:
    incidents = (
        Incident.objects.exclude(status=Status.CLOSED)
        .select_related("area", "network", "claimed_by")
        .annotate(report_count=Count("reports"))
    )
    open_incidents: list[Incident] = [i for i in incidents if i.is_open]
    found = floods.floods(open_incidents)
    # A flood is a warning on its incidents: they stay in the queue, counted, with a flag.
    return {
        "open": open_incidents,
        "floods": found,
        "flooded": {incident.pk for flood in found for incident in flood.incidents},
        "settled": [i for i in incidents if not i.is_open][:20],
        "rule_minutes": int(clustering.CLUSTER_WINDOW.total_seconds() // 60),
        **queue_context(),
    }


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/console/queue.html", _queue())


@staff_required
def queue_live(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/console/_queue_table.html", _queue())


@staff_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = Incident.objects.select_related("area", "network", "claimed_by").filter(pk=pk)
    incident = found.first()
    if incident is None:
        merged = get_object_or_404(MergedIncident, old_pk=pk)
        messages.info(request, _("Incident #%(old)d was merged into this one.") % {"old": pk})
        return redirect("console:incident", pk=merged.incident_id)
    audit(request.user, Action.INCIDENT_VIEWED, f"#{incident.pk}")
    alerts = incident.alerts.all()
    context = {
        "incident": incident,
        "reports": incident.reports.all(),
        "timeline": timeline.grouped(incident.timeline.select_related("actor")),
        "alerts": alerts,
        "verify_form": VerifyForm(),
        "end_form": EndForm(),
        "merge_form": MergeForm(),
        "where_form": WhereForm(initial={"where_note": incident.where_note}),
        "mine": incident.claimed_by_id == request.user.pk,
        # Organizers read; only a dispatcher may move reports, while the incident is open.
        "may_split": is_dispatcher(request.user) and not incident.is_closed,
        "flood": floods.flood_of(incident),
        **context_for(incident),
    }
    return render(request, "reports/console/incident.html", context)


def _act(request: HttpRequest, pk: int, action: Callable[[Incident], object]) -> HttpResponse:
    incident = get_object_or_404(Incident, pk=pk)
    try:
        result = action(incident)
    except IncidentError as error:
        messages.error(request, str(error))
        return redirect("console:incident", pk=pk)
    target = result if isinstance(result, Incident) else incident
    return redirect("console:incident", pk=target.pk)


def _with_form(
    request: HttpRequest, pk: int, form: forms.BaseForm, action: Callable[[Incident], object]
) -> HttpResponse:
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("console:incident", pk=pk)
    return _act(request, pk, action)


@require_POST
@dispatcher_required
def claim(request: SignedInRequest, pk: int) -> HttpResponse:
    take_over = request.POST.get("take_over") == "1"
    return _act(request, pk, lambda i: lifecycle.claim_incident(i, request.user, take_over))


@require_POST
@dispatcher_required
def release(request: SignedInRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda i: lifecycle.release_incident(i, request.user))


@require_POST
@dispatcher_required
def verify(request: SignedInRequest, pk: int) -> HttpResponse:
    form = VerifyForm(request.POST)
    return _with_form(
        request,
        pk,
        form,
        lambda i: lifecycle.verify_incident(
            i,
            request.user,
            form.cleaned_data["outcome"],
            form.cleaned_data["note"],
            form.cleaned_data["finding"],
        ),
    )


@require_POST
@dispatcher_required
def end(request: SignedInRequest, pk: int) -> HttpResponse:
    form = EndForm(request.POST)
    return _with_form(
        request,
        pk,
        form,
        lambda i: lifecycle.end_incident(i, request.user, form.cleaned_data["people_taken"]),
    )


@dispatcher_required
def close(request: SignedInRequest, pk: int) -> HttpResponse:
    """Erasing cannot be undone: a first request says what goes, a confirmed POST erases."""
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        return _act(request, pk, lambda i: closing.close_incident(i, request.user))
    incident = get_object_or_404(Incident, pk=pk)
    if error := closing.refusal(incident):
        messages.error(request, str(error))
        return redirect("console:incident", pk=pk)
    context = {"incident": incident, "erasure": closing.erasure(incident)}
    return render(request, "reports/console/confirm_close.html", context)


@require_POST
@dispatcher_required
def where(request: SignedInRequest, pk: int) -> HttpResponse:
    form = WhereForm(request.POST)
    return _with_form(
        request,
        pk,
        form,
        lambda i: scene.note_where(i, request.user, form.cleaned_data["where_note"]),
    )


@require_POST
@dispatcher_required
def help_answered(request: SignedInRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda i: scene.answer_help(i, request.user))


@require_POST
@dispatcher_required
def merge(request: SignedInRequest, pk: int) -> HttpResponse:
    form = MergeForm(request.POST)

    def merge_other(incident: Incident) -> Incident:
        other = Incident.objects.filter(pk=form.cleaned_data["other"]).first()
        if other is None:
            raise IncidentError(_("There is no incident with that number."))
        return clustering.merge_incidents(incident, other, request.user)

    return _with_form(request, pk, form, merge_other)


@require_POST
@dispatcher_required
def split(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident, pk=pk)
    form = SplitForm(request.POST, incident=incident)
    return _with_form(
        request,
        pk,
        form,
        lambda i: clustering.split_incident(i, form.cleaned_data["reports"], request.user),
    )


@dispatcher_required
def hotline(request: HttpRequest) -> HttpResponse:
    """A dispatcher types in a caller's report; it joins the queue like any other."""
    form = HotlineForm(request.POST or None)
    if request.method == "POST":
        incident = _submit(form, Source.HOTLINE, request)
        if incident:
            messages.success(request, _("Report saved in incident #%(id)d.") % {"id": incident.pk})
            return redirect("console:incident", pk=incident.pk)
    status = 400 if request.method == "POST" else 200
    areas = Area.objects.all()
    return render(
        request, "reports/console/hotline.html", {"form": form, "areas": areas}, status=status
    )
