"""What every router of the JSON API shares: the error body, the language codes and the
dispatcher's token. A leaf: it imports no router, so the routers import it and not each other
or the root `vecinos.api`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from vecinos.networks.services import is_dispatcher, user_for_token

if TYPE_CHECKING:
    # A Literal built at run time is beyond the type checker: to it, this is plain text.
    LanguageCode = str
else:
    LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class InvalidOut(Schema):
    """A 422: what to correct, and which fields, when the request did not validate."""

    detail: str
    errors: list[FieldErrorOut] = []


# What a call behind DispatcherToken may answer besides its own statuses.
TOKEN_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut}


class DispatcherToken(HttpBearer):
    """A bearer token of an active dispatcher or coordinator; 401 without, 403 for others."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is None:
            return None
        if not is_dispatcher(user):
            raise HttpError(403, _("Only dispatchers may do this."))
        request.user = user
        return user
