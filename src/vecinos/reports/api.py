from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal, cast

import ninja
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict, model_validator

from vecinos import geo
from vecinos.apitypes import TOKEN_ERRORS, DispatcherToken, ErrorOut, InvalidOut, LanguageCode
from vecinos.networks.auth import SignedInRequest
from vecinos.privacy import ratelimit
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action
from vecinos.reports import intake, lifecycle
from vecinos.reports.errors import IncidentError
from vecinos.reports.models import Activity, Incident, Source, Status

router = Router(tags=["reports"])

if TYPE_CHECKING:
    # A Literal built at run time is beyond the type checker: to it, these are plain text.
    ActivityCode = str
    StatusCode = str
else:
    ActivityCode = Literal[tuple(Activity.values)]
    StatusCode = Literal[tuple(Status.values)]


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    activity: ActivityCode
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    cell: str | None = Field(None, max_length=16)
    agents: int | None = Field(None, ge=0, le=500)
    vehicles: int | None = Field(None, ge=0, le=200)
    uniform: str = Field("", max_length=200)
    equipment: str = Field("", max_length=200)
    why_immigration: str = Field("", max_length=300)
    details: str = Field("", max_length=1000)
    observed_at: datetime | None = None
    language: LanguageCode | None = None

    @model_validator(mode="after")
    def one_place(self) -> ReportIn:
        has_point = self.latitude is not None and self.longitude is not None
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError(_("Give latitude and longitude together."))
        if has_point == (self.cell is not None):
            raise ValueError(_("Give either latitude and longitude, or a cell."))
        return self


class ReportCreated(Schema):
    report: int
    incident: int


class IncidentOut(Schema):
    id: int
    status: str
    activity: str
    cell: str
    area: str
    opened_at: datetime
    last_observed_at: datetime
    reports: int
    claimed_by: str | None
    finding: str

    @staticmethod
    def of(incident: Incident) -> IncidentOut:
        return IncidentOut(
            id=incident.pk,
            status=incident.status,
            activity=incident.activity,
            cell=incident.cell,
            area=incident.area_name,
            opened_at=incident.opened_at,
            last_observed_at=incident.last_observed_at,
            reports=incident.reports.count(),
            claimed_by=incident.claimed_by.username if incident.claimed_by else None,
            finding=incident.finding,
        )


class VerifyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["confirmed", "unfounded", "unverifiable"]
    note: str = Field("", max_length=300)
    finding: str = Field("", max_length=300)
    take_over: bool = False


def _cell_of(payload: ReportIn) -> str:
    try:
        if payload.cell is not None:
            return geo.parse_cell(payload.cell, geo.REPORT)
        # one_place() lets a payload through only with a cell or with both coordinates.
        latitude, longitude = cast(float, payload.latitude), cast(float, payload.longitude)
        return geo.snap(latitude, longitude, geo.REPORT)
    except geo.InvalidLocation as error:
        raise HttpError(422, str(intake.PLACE_NOT_UNDERSTOOD)) from error


@router.post(
    "/reports",
    response={201: ReportCreated, 422: InvalidOut, 429: ErrorOut},
    summary="Report a sighting (anonymous)",
)
def create_report(request: HttpRequest, payload: ReportIn) -> ninja.Status[ReportCreated]:
    if not ratelimit.allow(
        request, "report", settings.REPORTS_PER_SOURCE, intake.REPORT_WINDOW_SECONDS
    ):
        raise HttpError(429, str(intake.TOO_MANY_REPORTS))
    data = intake.ReportInput(
        activity=payload.activity,
        cell=_cell_of(payload),
        source=Source.API,
        language=payload.language or get_language(),
        agents=payload.agents,
        vehicles=payload.vehicles,
        uniform=payload.uniform.strip(),
        equipment=payload.equipment.strip(),
        why_immigration=payload.why_immigration.strip(),
        details=payload.details.strip(),
        observed_at=payload.observed_at,
        source_tag=ratelimit.source(request),
    )
    try:
        report = intake.submit_report(data)
    except IncidentError as error:
        raise HttpError(422, str(error)) from error
    return ninja.Status(201, ReportCreated(report=report.pk, incident=report.incident_id))


@router.get(
    "/incidents",
    response={200: list[IncidentOut], **TOKEN_ERRORS, 422: InvalidOut},
    auth=DispatcherToken(),
)
def list_incidents(request: HttpRequest, status: StatusCode | None = None) -> list[IncidentOut]:
    audit(request.user, Action.INCIDENTS_LISTED, status or "")
    incidents = Incident.objects.select_related("area", "network", "claimed_by")
    incidents = (
        incidents.filter(status=status) if status else incidents.exclude(status=Status.CLOSED)
    )
    return [IncidentOut.of(incident) for incident in incidents[:200]]


@router.post(
    "/incidents/{incident_id}/verify",
    response={200: IncidentOut, **TOKEN_ERRORS, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
    auth=DispatcherToken(),
)
def verify(request: SignedInRequest, incident_id: int, payload: VerifyIn) -> IncidentOut:
    incident = get_object_or_404(Incident, pk=incident_id)
    try:
        if payload.take_over:
            incident = lifecycle.claim_incident(incident, request.user, take_over=True)
        incident = lifecycle.verify_incident(
            incident, request.user, payload.outcome, payload.note, payload.finding
        )
    except IncidentError as error:
        raise HttpError(409, str(error)) from error
    return IncidentOut.of(incident)
