from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import ninja
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict

from vecinos.apitypes import InvalidOut, LanguageCode
from vecinos.messaging import channels
from vecinos.neighbors import services

router = Router(tags=["subscriptions"])

if TYPE_CHECKING:
    # A Literal built at run time is beyond the type checker: to it, this is plain text.
    ChannelCode = str
else:
    # The channels registered when the API is built: the schema lists them.
    ChannelCode = Literal[tuple(channels.TYPES)]


class AreaIn(Schema):
    model_config = ConfigDict(extra="forbid")

    zip: str | None = Field(None, pattern=r"^\d{5}$")
    cell: str | None = Field(None, max_length=16)
    area: int | None = None
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    rings: int = Field(1, ge=0, le=services.MAX_NEAR_RINGS)


class SubscriptionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    channel: ChannelCode
    address: str = Field(..., min_length=1, max_length=2000)
    language: LanguageCode | None = None
    areas: list[AreaIn] = Field(..., min_length=1, max_length=20)
    heads_up: bool = False


class ConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    channel: ChannelCode
    address: str = Field(..., min_length=1, max_length=2000)
    code: str = Field(..., pattern=r"^\d{6}$")


class DoneOut(Schema):
    detail: str


@router.post("/subscriptions", response={202: DoneOut, 422: InvalidOut}, summary="Subscribe")
def subscribe(request: HttpRequest, payload: SubscriptionIn) -> ninja.Status[DoneOut]:
    """Send a 6-digit code over the chosen channel; confirm it to start getting alerts."""
    areas = [services.AreaRequest(**area.model_dump()) for area in payload.areas]
    try:
        services.subscribe(
            payload.channel,
            payload.address,
            payload.language or get_language(),
            areas,
            payload.heads_up,
        )
    except (services.SubscriptionError, channels.InvalidAddress) as error:
        raise HttpError(422, str(error)) from error
    return ninja.Status(202, DoneOut(detail=_("A code was sent. It expires in 10 minutes.")))


@router.post("/subscriptions/confirm", response={200: DoneOut, 422: InvalidOut})
def confirm(request: HttpRequest, payload: ConfirmIn) -> DoneOut:
    try:
        services.confirm(payload.channel, payload.address, payload.code)
    except services.SubscriptionError as error:
        raise HttpError(422, str(error)) from error
    return DoneOut(detail=_("Done. You will get alerts for your area."))
