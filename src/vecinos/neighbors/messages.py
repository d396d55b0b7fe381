"""The words Vecinos itself sends to a neighbor: codes, help, and how to stop."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vecinos.messaging.channels import channel_type
from vecinos.neighbors.models import ContactPoint
from vecinos.networks.services import hotline

STOP_SALT = "vecinos.stop"


def stop_token(contact_id: int) -> str:
    return signing.dumps(contact_id, salt=STOP_SALT, compress=True)


def contact_for_stop_token(token: str) -> ContactPoint | None:
    try:
        pk = signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None
    return ContactPoint.objects.filter(pk=pk).first()


def stop_link(contact_id: int, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("neighbors:stop", args=[stop_token(contact_id)])


def in_language(language: str, render: Callable[[], str]) -> str:
    with translation.override(language):
        return render()


@cache
def _keyword_footer(language: str) -> str:
    return in_language(language, lambda: _("Reply STOP to stop."))


def footer(contact_id: int, channel: str, language: str) -> str:
    """How to stop, in every message."""
    if channel_type(channel).takes_keywords:
        return _keyword_footer(language)
    link = stop_link(contact_id, language)
    return in_language(language, lambda: _("To stop: %(link)s") % {"link": link})


def code_texts(code: str, languages: list[str]) -> dict[str, str]:
    return {
        language: in_language(
            language,
            lambda: _("Vecinos: your code is %(code)s. It expires in 10 minutes.") % {"code": code},
        )
        for language in languages
    }


def help_text() -> str:
    """In the active language, like every answer to a text."""
    words = _(
        "Vecinos: JOIN + ZIP code to get alerts, STOP to stop, "
        "ALERT + what you see + ZIP code to report."
    )
    number = hotline()
    if not number:
        return words
    return words + " " + _("Rapid response line: %(number)s") % {"number": number}


def welcome_text(contact: ContactPoint, areas: list[str]) -> str:
    """The first message after confirming, in the subscriber's language; the footer every
    message carries says how to stop (the STOP word, or the link)."""

    def render() -> str:
        words = [
            _(
                "Vecinos: you are signed up for verified alerts about immigration raids "
                "in %(areas)s."
            )
            % {"areas": ", ".join(areas)}
        ]
        if contact.heads_up:
            words.append(_("You will also get unverified heads-ups, clearly labeled."))
        if number := hotline():
            words.append(_("Rapid response line: %(number)s") % {"number": number})
        return " ".join(words)

    return in_language(contact.language, render)


def reply(kind: str) -> str:
    """The answer to a command, in the active language."""
    words = {
        "stopped": lambda: _("Vecinos: you will not get more messages. JOIN to come back."),
        "subscribed": lambda: _("Vecinos: you will get alerts for your area. STOP to stop."),
        "reported": lambda: _("Vecinos: report received. Volunteers will check it."),
        "not_understood": lambda: _("Vecinos: we did not understand. HELP for the words."),
    }
    return words[kind]()
