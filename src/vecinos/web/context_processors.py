from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from vecinos.networks.models import Role
from vecinos.networks.services import has_role, hotline, is_dispatcher, tel_uri


def site(request: HttpRequest) -> dict:
    try:
        number = hotline()
    except DatabaseError:
        # The error page is where a neighbor most needs the number, but it must still
        # render when the database is what failed.
        number = ""
    return {
        "hotline": {"number": number, "tel": tel_uri(number)} if number else None,
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "is_dispatcher": is_dispatcher(request.user),
        # The console's menu offers only the pages this person may open.
        "is_coordinator": has_role(request.user, Role.COORDINATOR),
        "language_links": _language_links(request),
    }


def _language_links(request: HttpRequest) -> list[tuple[str, str, str]]:
    """The same page in each other language, named in that language (settings.LANGUAGES
    holds each language's own name)."""
    current = get_language()
    return [
        (code, name, translate_url(request.get_full_path(), code))
        for code, name in settings.LANGUAGES
        if code != current
    ]
