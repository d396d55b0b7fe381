"""The words sent to responders and written on the timeline about them."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils.formats import time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vecinos.messaging.channels import channel_type
from vecinos.neighbors.messages import in_language
from vecinos.reports.scene import place_words
from vecinos.responders import links
from vecinos.responders.models import (
    Availability,
    Callout,
    Dispatch,
    Finding,
    Reply,
    Responder,
    Skill,
)

if TYPE_CHECKING:
    from vecinos.responders.checkins import Update

# How long a message to a responder is still worth sending.
MESSAGE_TTL = timedelta(hours=1)


def welcome(responder: Responder) -> dict[str, str]:
    language, url = responder.contact.language, links.home_url(responder)
    return {
        language: in_language(
            language,
            lambda: (
                _(
                    "Vecinos: you are an active responder. Your page, to say when you are free "
                    "and to see where you are asked to go: %(url)s Keep this link to yourself."
                )
                % {"url": url}
            ),
        )
    }


def dispatch(dispatch: Dispatch) -> dict[str, str]:
    incident, contact = dispatch.callout.incident, dispatch.responder.contact
    language = contact.language

    def render() -> str:
        fields = {
            "role": Skill(dispatch.callout.skill).label,
            "activity": incident.get_activity_display(),
            "area": place_words(incident),
            "time": time_format(localtime(incident.opened_at), "H:i"),
            "url": links.dispatch_url(dispatch),
        }
        text = _(
            "Vecinos: can you go as %(role)s? %(activity)s, %(area)s, reported %(time)s. "
            "Observe, document, support; never obstruct. Details and answer: %(url)s"
        )
        if channel_type(contact.channel).takes_keywords:
            text += " " + _("Or reply YES to go, NO if you cannot.")
        return text % fields

    return {language: in_language(language, render)}


def asked_note(callout: Callout, asked: int) -> str:
    return ngettext(
        "%(role)s: %(count)d responder asked, up to %(ring)d rings away",
        "%(role)s: %(count)d responders asked, up to %(ring)d rings away",
        asked,
    ) % {"role": Skill(callout.skill).label, "count": asked, "ring": callout.ring}


def update_note(responder: Responder, update: Update) -> str:
    parts = [f"{responder.alias}: {Finding(update.finding).label}"]
    if update.agents is not None:
        parts.append(_("%(count)d agents") % {"count": update.agents})
    if update.people_taken is not None:
        parts.append(_("%(count)d taken") % {"count": update.people_taken})
    if update.note:
        parts.append(update.note)
    return " · ".join(parts)


def reply(kind: Reply) -> str:
    """The answer to a responder's yes or no, in the active language."""
    return {
        Reply.ACCEPTED: _(
            "Thank you. You are on the way. Observe, document, support; never obstruct. "
            "Check in safe on your dispatch page when you leave."
        ),
        Reply.DECLINED: _("Thank you for answering. We will ask someone else."),
        Reply.ALREADY_GOING: _("You already accepted this dispatch. Go safely."),
        Reply.FILLED: _("Enough responders are already on the way. Thank you: stand by."),
        Reply.CLOSED: _("This incident is closed. Nothing to do. Thank you."),
        Reply.NOTHING_OPEN: _("Vecinos: there is no dispatch waiting for your answer."),
    }[kind]


def availability_reply(availability: str) -> str:
    return {
        Availability.AVAILABLE: _("Vecinos: you are available. We may ask you to go nearby."),
        Availability.BUSY: _("Vecinos: you are busy. We will not ask you until you are free."),
        Availability.OFF: _("Vecinos: you are off. Text AVAILABLE when you can go again."),
    }[Availability(availability)]
