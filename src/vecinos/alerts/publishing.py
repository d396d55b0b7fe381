"""Publishing alerts: which kinds an incident allows, the send cap, exercises, the second
dispatcher's confirmation, and the messages queued."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.alerts.drafting import checked_texts, draft_texts, with_outcome
from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import CORRECTIONS, Alert, Certainty, Kind
from vecinos.alerts.public import active_alerts
from vecinos.messaging import services as messaging
from vecinos.messaging.models import Lane
from vecinos.networks.models import Network
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports.lifecycle import end_incident, ensure_claim
from vecinos.reports.models import Event, Incident, Status
from vecinos.reports.timeline import record

DEFAULT_RINGS = 2  # about 1.5 km around the incident at resolution 8
MAX_RINGS = 8
DEFAULT_EXPIRY_MINUTES = 120
MIN_EXPIRY_MINUTES = 5
MAX_EXPIRY_MINUTES = 24 * 60


def has_real_alerts(incident: Incident) -> bool:
    return incident.alerts.filter(is_exercise=False).exists()


def allowed_kinds(incident: Incident, has_alerts: bool) -> dict[str, str]:
    """Which alerts this incident may get now, each with its certainty."""
    if incident.status == Status.CONFIRMED:
        allowed: dict[str, str] = {
            Kind.VERIFIED: Certainty.OBSERVED,
            Kind.ALL_CLEAR: Certainty.OBSERVED,
        }
        if has_alerts:
            allowed[Kind.UPDATE] = Certainty.OBSERVED
        return allowed
    if incident.status in (Status.UNFOUNDED, Status.UNVERIFIABLE) and has_alerts:
        certainty = Certainty.OBSERVED if incident.status == Status.UNFOUNDED else Certainty.UNKNOWN
        return {Kind.RETRACTION: certainty}
    return {}


_REFUSALS = {
    Kind.VERIFIED: _("Only a confirmed incident can get a verified alert."),
    Kind.UPDATE: _("An update needs a confirmed incident with an earlier alert."),
    Kind.ALL_CLEAR: _("An all-clear needs a confirmed incident."),
    Kind.RETRACTION: _(
        "A retraction needs an incident marked unfounded or unverifiable that had an alert."
    ),
}


@dataclass(frozen=True)
class AlertRequest:
    kind: str
    rings: int = DEFAULT_RINGS
    expires_in_minutes: int = DEFAULT_EXPIRY_MINUTES
    certainty: str | None = None
    texts: dict[str, dict[str, str]] | None = None
    people_taken: int | None = None
    exercise: bool = False


def _check_request(request: AlertRequest) -> None:
    if request.kind not in Kind.values:
        raise AlertError(_("Unknown kind of alert."))
    if not 0 <= request.rings <= MAX_RINGS:
        raise AlertError(_("The area may reach from 0 to %(max)d rings.") % {"max": MAX_RINGS})
    if not MIN_EXPIRY_MINUTES <= request.expires_in_minutes <= MAX_EXPIRY_MINUTES:
        raise AlertError(
            _("An alert expires after %(min)d to %(max)d minutes.")
            % {"min": MIN_EXPIRY_MINUTES, "max": MAX_EXPIRY_MINUTES}
        )
    if request.certainty is not None and request.certainty not in (
        Certainty.OBSERVED,
        Certainty.LIKELY,
    ):
        raise AlertError(_("A published alert is either seen by a verifier or likely."))
    if request.people_taken is not None and not 0 <= request.people_taken <= 1000:
        raise AlertError(_("The number of people taken must be between 0 and 1000."))


@transaction.atomic
def publish_alert(incident: Incident, user: User, request: AlertRequest) -> Alert:
    """Publish an alert for an incident. It replaces the incident's alerts still active."""
    _check_request(request)
    incident = (
        Incident.objects.select_for_update(of=("self",))
        .select_related("network", "area")
        .get(pk=incident.pk)
    )
    allowed = allowed_kinds(incident, has_real_alerts(incident))
    if request.kind not in allowed:
        raise AlertError(_REFUSALS[Kind(request.kind)])
    ensure_claim(incident, user)
    incident.save()
    correction = request.kind in CORRECTIONS
    if not correction:
        _check_send_cap(incident.network, user)
    if request.exercise:
        return _exercise(incident, user, request, allowed[request.kind])
    if Kind(request.kind).ends_incident:
        incident = end_incident(incident, user, request.people_taken)
    earlier = incident.alerts.filter(is_exercise=False).order_by("-published_at").first()
    certainty = allowed[request.kind]
    if Kind(request.kind).takes_certainty and request.certainty:
        certainty = request.certainty
    alert = _new_alert(incident, user, request, certainty, replaces=earlier)
    # Corrections never wait: their reach is not counted.
    reach = 0 if correction else messaging.reach(alert.cells)
    if reach > incident.network.confirm_above:
        alert.needs_confirmation = True
        alert.save(update_fields=["needs_confirmation"])
        note = _("%(kind)s #%(pk)d would reach %(count)d: it waits for a second dispatcher") % {
            "kind": alert.get_kind_display(),
            "pk": alert.pk,
            "count": reach,
        }
        record(incident, Event.ALERT_WAITING, user, note)
        return alert
    _go_out(alert, user)
    return alert


def _exercise(incident: Incident, user: User, request: AlertRequest, certainty: str) -> Alert:
    """Practice on a real screen: only test subscribers get it, every text says it is an
    exercise, nothing public changes and the incident and its alerts stay as they are."""
    alert = _new_alert(incident, user, request, certainty, is_exercise=True)
    messaging.broadcast_to_cells(
        topic(alert), _message_texts(alert), alert.cells, alert.expires_at, test_only=True
    )
    note = f"{alert.get_kind_display()} #{alert.pk}"
    record(incident, Event.EXERCISE_SENT, user, note)
    audit(user, Action.ALERT_PUBLISHED, f"#{alert.pk} exercise, {len(alert.cells)} cells")
    return alert


def _new_alert(
    incident: Incident, user: User, request: AlertRequest, certainty: str, **fields: object
) -> Alert:
    """The alert row, its texts drafted from the templates and the dispatcher's edits."""
    texts = draft_texts(incident, request.kind, request.people_taken)
    texts.update(checked_texts(incident.network, request.texts or {}))
    texts = with_outcome(texts, request.people_taken)
    if not texts:
        raise AlertError(_("Write the alert text: this network has no template for it."))
    if fields.get("is_exercise"):
        texts = {code: _marked_exercise(code, text) for code, text in texts.items()}
    now = timezone.now()
    return Alert.objects.create(
        network=incident.network,
        incident=incident,
        kind=request.kind,
        certainty=certainty,
        cells=geo.disk(geo.coarsen(incident.cell, geo.NEIGHBOR), request.rings),
        rings=request.rings,
        area_name=incident.area_name,
        texts=texts,
        published_at=now,
        expires_at=now + timedelta(minutes=request.expires_in_minutes),
        published_by=user,
        **fields,
    )


def _marked_exercise(language: str, text: dict[str, str]) -> dict[str, str]:
    with translation.override(language):
        mark = gettext("EXERCISE, NOT A REAL ALERT")
    return {"headline": f"[{mark}] {text['headline']}", "body": f"{text['body']} [{mark}]"}


def _check_send_cap(network: Network, user: User) -> None:
    since = timezone.now() - timedelta(hours=1)
    sent = Alert.objects.filter(published_by=user, published_at__gte=since).exclude(
        kind__in=CORRECTIONS
    )
    if sent.count() >= network.alerts_per_hour:
        raise AlertError(
            _(
                "You published %(count)d alerts in the last hour, this network's limit. "
                "Ask another dispatcher. Corrections are never limited."
            )
            % {"count": network.alerts_per_hour}
        )


def _go_out(alert: Alert, user: User) -> None:
    """Replace the incident's active alerts with this one, and queue its messages."""
    incident = cast(Incident, alert.incident)  # set on every alert; unset only with it deleted
    real = incident.alerts.filter(is_exercise=False).exclude(pk=alert.pk)
    earlier = list(real.order_by("-published_at"))
    active_alerts(alert.published_at).filter(incident=incident).exclude(pk=alert.pk).update(
        ended_at=alert.published_at
    )
    _send(alert, earlier)
    record(incident, Event.ALERT_PUBLISHED, user, f"{alert.kind} #{alert.pk}")
    audit(user, Action.ALERT_PUBLISHED, f"#{alert.pk} {alert.kind}, {len(alert.cells)} cells")


@transaction.atomic
def confirm_alert(alert: Alert, user: User) -> Alert:
    """A second dispatcher sends an alert that was too large for one person to send alone."""
    alerts = Alert.objects.select_for_update(of=("self",)).select_related("incident")
    alert = alerts.get(pk=alert.pk)
    if not alert.is_waiting:
        raise AlertError(_("This alert is not waiting for a confirmation."))
    if alert.published_by_id == user.pk:
        raise AlertError(_("Another dispatcher must confirm an alert this large."))
    lasts = alert.expires_at - alert.published_at
    alert.confirmed_by, alert.confirmed_at = user, timezone.now()
    alert.published_at, alert.expires_at = alert.confirmed_at, alert.confirmed_at + lasts
    alert.save(update_fields=["confirmed_by", "confirmed_at", "published_at", "expires_at"])
    _go_out(alert, user)
    return alert


def _message_texts(alert: Alert) -> dict[str, str]:
    return {code: f"{text['headline']}\n{text['body']}" for code, text in alert.texts.items()}


def public_links(alert: Alert) -> dict[str, str]:
    """The alert's public page in each of its languages, for channels that shorten it."""
    links = {}
    for language in alert.texts:
        with translation.override(language):
            links[language] = settings.SITE_URL + reverse("alerts:detail", args=[alert.pk])
    return links


def topic(alert: Alert) -> str:
    return f"alert:{alert.pk}"


def _send(alert: Alert, earlier: list[Alert]) -> None:
    """Queue one message per subscriber in the area, and per subscriber an earlier alert
    of this incident reached; what is still unsent of the earlier alerts is dropped."""
    earlier_topics = [topic(old) for old in earlier]
    for old_topic in earlier_topics:
        messaging.cancel_topic(old_topic)
    messaging.broadcast_to_cells(
        topic(alert),
        _message_texts(alert),
        alert.cells,
        alert.expires_at,
        lane=Lane.URGENT if alert.kind in CORRECTIONS else Lane.BULK,
        also_reached_by=earlier_topics,
        links=public_links(alert),
    )
