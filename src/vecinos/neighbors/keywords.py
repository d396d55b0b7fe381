"""The words a neighbor can text, in Spanish and English (and the carriers' standard ones)."""

from __future__ import annotations

import re
from dataclasses import dataclass

STOP = {
    "en": {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"},
    "es": {"ALTO", "BAJA", "PARAR", "PARE", "CANCELAR", "DETENER", "SALIR"},
}
HELP = {"en": {"HELP", "INFO"}, "es": {"AYUDA"}}
JOIN = {"en": {"JOIN", "START", "UNSTOP", "SUBSCRIBE"}, "es": {"UNIR", "UNIRME", "ALTA"}}
REPORT = {"en": {"ALERT", "REPORT"}, "es": {"ALERTA", "REPORTE", "REPORTAR"}}
YES = {"en": {"YES", "Y"}, "es": {"SI", "SÍ", "S"}}
NO = {"any": {"NO", "N"}}  # the same word in both languages
# A responder's availability.
AVAILABLE = {"en": {"AVAILABLE", "FREE"}, "es": {"DISPONIBLE", "LIBRE"}}
BUSY = {"en": {"BUSY"}, "es": {"OCUPADO", "OCUPADA"}}
OFF = {"en": {"OFF"}, "es": {"FUERA", "DESCANSO"}}

COMMANDS = {
    "stop": STOP,
    "help": HELP,
    "join": JOIN,
    "report": REPORT,
    "yes": YES,
    "no": NO,
    "available": AVAILABLE,
    "busy": BUSY,
    "off": OFF,
}
CODE = re.compile(r"\d{6}")
ZIP = re.compile(r"\b(\d{5})\b")


@dataclass(frozen=True)
class Command:
    kind: str  # a key of COMMANDS, or code, or unknown
    language: str | None  # the language the keyword belongs to, when it tells
    rest: str = ""

    @property
    def zip_code(self) -> str | None:
        found = ZIP.search(self.rest)
        return found.group(1) if found else None


def parse(text: str) -> Command:
    """What an inbound message asks for: its first word decides, the rest is the argument."""
    cleaned = (text or "").strip()
    if CODE.fullmatch(cleaned):
        return Command("code", None, cleaned)
    first, _, rest = cleaned.partition(" ")
    word = first.strip(".,!¡?¿:;\"'").upper()
    for kind, words in COMMANDS.items():
        for language, keywords in words.items():
            if word in keywords:
                told = None if language == "any" else language
                return Command(kind, told, rest.strip()[:1000])
    return Command("unknown", None, cleaned[:1000])
