"""The JSON API under /api/v1/: one NinjaAPI, a router per app, errors in the caller's language."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser


class LenientJsonParser(Parser):
    """Malformed JSON goes on to validation as a non-object, which refuses it in the
    caller's language instead of ninja's fixed English message."""

    # Any, like the JSON it decodes: ninja's base promises a dict, but a list or a number
    # parses too and is refused by validation, as our "not JSON" is.
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            return super().parse_body(request)
        except ValueError:
            return "not JSON"


api = NinjaAPI(
    parser=LenientJsonParser(),
    title="Vecinos",
    version="1",
    description="Reports, incidents and alerts of a Vecinos rapid-response network.",
    urls_namespace="api",
    # The interactive docs page loads its scripts from a CDN; the schema is enough.
    docs_url=None,
)


def _field(location: tuple) -> str:
    """'body.activity' style paths become the field name a client sent."""
    parts = [str(part) for part in location if part not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "body"


def _message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind in ("string_too_long",):
        return _("At most %(max)d characters.") % {"max": context.get("max_length", 0)}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _("This number is out of range.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type", "finite_number"):
        return _("Enter a number.")
    if kind in ("literal_error", "enum"):
        return _("Choose one of: %(choices)s.") % {"choices": context.get("expected", "")}
    if kind.startswith("datetime"):
        return _("Enter a date and time such as 2026-05-01T18:30:00-07:00.")
    if kind in ("json_invalid", "model_attributes_type", "dict_type", "model_type"):
        return _("The request body must be a JSON object.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind in ("string_type",):
        return _("Enter text.")
    if kind == "value_error":
        return str(context.get("error", _("This value is not valid.")))
    return _("This value is not valid.")


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": _field(tuple(e.get("loc", ()))), "message": _message(e)} for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": _("Please correct the request."), "errors": errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("Send a valid dispatcher token as 'Authorization: Bearer …'.")},
        status=401,
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def register_routers() -> None:
    from vecinos.alerts.api import router as alerts_router
    from vecinos.neighbors.api import router as neighbors_router
    from vecinos.reports.api import router as reports_router

    api.add_router("", reports_router)
    api.add_router("", alerts_router)
    api.add_router("", neighbors_router)


register_routers()
