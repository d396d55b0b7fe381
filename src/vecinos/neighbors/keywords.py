"""The words a neighbor can text: each command's words come from the languages' keyword
files; each app registers what its commands do (``handles``).

stop, help, join and a code are the neighbors app's own; report is the reports app's;
yes, no and availability are the responders'.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from vecinos import languages
from vecinos.neighbors.models import ContactPoint

CODE = re.compile(r"\d{6}")
ZIP = re.compile(r"\b(\d{5})\b")


@dataclass(frozen=True)
class Command:
    kind: str  # a registered command, or code, or unknown
    language: str | None  # the language the keyword belongs to, when it tells
    rest: str = ""

    @property
    def zip_code(self) -> str | None:
        found = ZIP.search(self.rest)
        return found.group(1) if found else None


@dataclass(frozen=True)
class Inbound:
    """One message a neighbor sent, as a command's handler sees it."""

    channel: str
    address: str  # normalized
    command: Command
    contact: ContactPoint | None  # None when we have never heard of this address
    language: str  # the one to answer in: the keyword's, else the contact's

    @property
    def sender(self) -> str:
        return f"{self.channel}:{self.address}"


# A handler returns the answer (rendered in the language that is active), or None for none.
Handler = Callable[[Inbound], str | None]
HANDLERS: dict[str, Handler] = {}


def handles(kind: str) -> Callable[[Handler], Handler]:
    def registering(handler: Handler) -> Handler:
        HANDLERS[kind] = handler
        return handler

    return registering


@cache
def _words() -> dict[str, tuple[str, str | None]]:
    """Each word: its command and its language (None when several languages share it)."""
    found: dict[str, tuple[str, str | None]] = {}
    for code, folder in languages.folders(settings.LANGUAGE_DIRS).items():
        for kind, words in languages.keywords(folder).items():
            for word in words:
                known = found.get(word.upper())
                shared = known is not None and known[1] != code
                found[word.upper()] = (kind, None if shared else code)
    return found


@receiver(setting_changed)
def _languages_changed(*, setting: str, **kwargs: object) -> None:
    if setting == "LANGUAGE_DIRS":
        _words.cache_clear()


def parse(text: str) -> Command:
    """What an inbound message asks for: its first word decides, the rest is the argument."""
    cleaned = (text or "").strip()
    if CODE.fullmatch(cleaned):
        return Command("code", None, cleaned)
    first, _, rest = cleaned.partition(" ")
    word = first.strip(".,!¡?¿:;\"'").upper()
    if word in _words():
        kind, language = _words()[word]
        return Command(kind, language, rest.strip()[:1000])
    return Command("unknown", None, cleaned[:1000])


def answer(message: Inbound) -> str | None:
    """Run the command's handler; anything we do not understand gets the help text."""
    handler = HANDLERS.get(message.command.kind) or HANDLERS["help"]
    return handler(message)
