from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from vecinos.networks.services import is_dispatcher


def site(request: HttpRequest) -> dict:
    return {
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "is_dispatcher": is_dispatcher(request.user),
        "language_links": _language_links(request),
    }


def _language_links(request: HttpRequest) -> list[tuple[str, str, str]]:
    """The same page in each other language, named in that language."""
    current = get_language()
    return [
        (code, get_language_info(code)["name_local"], translate_url(request.get_full_path(), code))
        for code, _ in settings.LANGUAGES
        if code != current
    ]
