from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import ninja
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict

from vecinos import geo
from vecinos.alerts import corrections, drafting, public, publishing
from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import Alert, Certainty, Kind
from vecinos.apitypes import TOKEN_ERRORS, DispatcherToken, ErrorOut, InvalidOut
from vecinos.networks.auth import SignedInRequest
from vecinos.reports.errors import IncidentError
from vecinos.reports.models import Incident

router = Router(tags=["alerts"])

if TYPE_CHECKING:
    # A Literal built at run time is beyond the type checker: to it, this is plain text.
    KindCode = str
else:
    KindCode = Literal[tuple(Kind.values)]


class AlertOut(Schema):
    id: int
    kind: str
    certainty: str
    certainty_label: str
    area: str
    language: str
    headline: str
    body: str
    published_at: datetime
    expires_at: datetime
    active: bool
    waiting_for_confirmation: bool
    cap_url: str

    @staticmethod
    def of(alert: Alert, language: str) -> AlertOut:
        text = alert.text(language)
        return AlertOut(
            id=alert.pk,
            kind=alert.kind,
            certainty=alert.certainty,
            certainty_label=str(Certainty(alert.certainty).label),
            area=alert.area_name,
            language=language if language in alert.texts else alert.network.default_language,
            headline=text["headline"],
            body=text["body"],
            published_at=alert.published_at,
            expires_at=alert.expires_at,
            active=alert.is_active,
            waiting_for_confirmation=alert.is_waiting,
            cap_url=reverse("alert-cap", args=[alert.pk]),
        )


class TextIn(Schema):
    model_config = ConfigDict(extra="forbid")

    headline: str = Field(..., min_length=1, max_length=drafting.HEADLINE_MAX)
    body: str = Field(..., min_length=1, max_length=drafting.BODY_MAX)


class AlertIn(Schema):
    model_config = ConfigDict(extra="forbid")

    incident: int
    kind: KindCode
    rings: int = Field(publishing.DEFAULT_RINGS, ge=0, le=publishing.MAX_RINGS)
    expires_in_minutes: int = Field(
        publishing.DEFAULT_EXPIRY_MINUTES,
        ge=publishing.MIN_EXPIRY_MINUTES,
        le=publishing.MAX_EXPIRY_MINUTES,
    )
    certainty: Literal["Observed", "Likely"] | None = None
    texts: dict[str, TextIn] | None = None
    people_taken: int | None = Field(None, ge=0, le=1000)


@router.get("/alerts", response={200: list[AlertOut], 422: InvalidOut}, summary="Active alerts")
def list_alerts(
    request: HttpRequest,
    cell: str | None = Query(None, max_length=16),
    latitude: float | None = Query(None, ge=-90, le=90, allow_inf_nan=False),
    longitude: float | None = Query(None, ge=-180, le=180, allow_inf_nan=False),
) -> list[AlertOut]:
    """Active alerts; with a cell or a point, only those whose area covers it."""
    try:
        if cell is not None:
            point = geo.parse_cell(cell)
        elif latitude is not None and longitude is not None:
            point = geo.snap(latitude, longitude, geo.REPORT)
        elif latitude is None and longitude is None:
            point = None
        else:
            raise geo.InvalidLocation
    except geo.InvalidLocation as error:
        raise HttpError(422, _("Give a cell, or latitude and longitude together.")) from error
    found = public.alerts_covering(point) if point else public.active_alerts()
    language = get_language()
    return [AlertOut.of(alert, language) for alert in found]


@router.post(
    "/alerts",
    response={201: AlertOut, **TOKEN_ERRORS, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
    auth=DispatcherToken(),
)
def publish(request: SignedInRequest, payload: AlertIn) -> ninja.Status[AlertOut]:
    incident = get_object_or_404(Incident, pk=payload.incident)
    texts = {code: text.model_dump() for code, text in (payload.texts or {}).items()}
    alert_request = publishing.AlertRequest(
        kind=payload.kind,
        rings=payload.rings,
        expires_in_minutes=payload.expires_in_minutes,
        certainty=payload.certainty,
        texts=texts,
        people_taken=payload.people_taken,
    )
    try:
        alert = publishing.publish_alert(incident, request.user, alert_request)
    except (AlertError, IncidentError) as error:
        raise HttpError(409, str(error)) from error
    return ninja.Status(201, AlertOut.of(alert, get_language()))


@router.post(
    "/alerts/{alert_id}/confirm",
    response={200: AlertOut, **TOKEN_ERRORS, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
    auth=DispatcherToken(),
)
def confirm(request: SignedInRequest, alert_id: int) -> AlertOut:
    """A second dispatcher sends an alert that waits for confirmation."""
    return _change(request, alert_id, publishing.confirm_alert)


@router.post(
    "/alerts/{alert_id}/cancel",
    response={200: AlertOut, **TOKEN_ERRORS, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
    auth=DispatcherToken(),
)
def cancel(request: SignedInRequest, alert_id: int) -> AlertOut:
    return _change(request, alert_id, corrections.cancel_alert)


def _change(
    request: SignedInRequest, alert_id: int, change: Callable[[Alert, User], Alert]
) -> AlertOut:
    alert = get_object_or_404(Alert, pk=alert_id)
    try:
        alert = change(alert, request.user)
    except AlertError as error:
        raise HttpError(409, str(error)) from error
    return AlertOut.of(alert, get_language())
