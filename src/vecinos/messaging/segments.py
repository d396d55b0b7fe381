"""How many SMS segments a text costs: GSM-7 when every character allows it, else UCS-2.

One character outside GSM-7 (an á, an emoji) switches the whole message to UCS-2,
which fits 70 characters instead of 160 — so it can double or triple the cost.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# These take two septets each: an escape, then the character.
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class Count:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def is_gsm7(text: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def count(text: str) -> Count:
    if is_gsm7(text):
        units = sum(2 if char in GSM7_EXTENSION else 1 for char in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else math.ceil(units / multi)
    return Count(encoding, units, segments)


def fold(text: str) -> str:
    """Replace characters GSM-7 lacks by their plain letter where one exists (á → a)."""
    folded = []
    for char in text:
        if char in GSM7_BASIC or char in GSM7_EXTENSION:
            folded.append(char)
            continue
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        folded.append(plain if plain and is_gsm7(plain) else char)
    return "".join(folded)


def cheapest(text: str, fold_accents: bool) -> str:
    """The text as sent: folded only where the network allows it and it saves segments."""
    if not fold_accents:
        return text
    folded = fold(text)
    return folded if count(folded).segments < count(text).segments else text
