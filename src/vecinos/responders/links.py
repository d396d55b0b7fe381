"""Signed links: a responder's own page, and each dispatch's page. No account, no password.

A link carries the responder's link version: a coordinator raising it (a lost phone)
makes every earlier link of theirs stop working.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from vecinos.responders.models import Dispatch, Responder

HOME_SALT = "vecinos.responder"
DISPATCH_SALT = "vecinos.dispatch"


def _url(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=[token])


def home_url(responder: Responder) -> str:
    token = signing.dumps([responder.pk, responder.link_version], salt=HOME_SALT, compress=True)
    return _url("responders:home", token, responder.contact.language)


def dispatch_url(dispatch: Dispatch) -> str:
    signed = [dispatch.pk, dispatch.responder.link_version]
    token = signing.dumps(signed, salt=DISPATCH_SALT, compress=True)
    return _url("responders:dispatch", token, dispatch.responder.contact.language)


def _unsigned(token: str, salt: str) -> tuple[int, int] | None:
    try:
        pk, version = signing.loads(token, salt=salt)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return pk, version


def responder_for(token: str) -> Responder | None:
    found = _unsigned(token, HOME_SALT)
    if found is None:
        return None
    return Responder.objects.filter(pk=found[0], link_version=found[1]).first()


def dispatch_for(token: str) -> Dispatch | None:
    found = _unsigned(token, DISPATCH_SALT)
    if found is None:
        return None
    dispatches = Dispatch.objects.select_related("callout__incident__network", "responder")
    return dispatches.filter(pk=found[0], responder__link_version=found[1]).first()
