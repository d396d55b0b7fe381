"""SMS cost: GSM-7 or UCS-2 segments, and folding accents when a network wants it."""

import pytest

from vecinos.messaging import segments


@pytest.mark.parametrize(
    "text, encoding, count",
    [
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("¡No abran la puerta! ¿Qué pasó?", "UCS-2", 1),
        ("ñ é ü ¿ ¡", "GSM-7", 1),
        ("á" * 70, "UCS-2", 1),
        ("á" * 71, "UCS-2", 2),
        ("€" * 80, "GSM-7", 1),
        ("€" * 81, "GSM-7", 2),
        ("🚨" * 35, "UCS-2", 1),
    ],
)
def test_segments_are_counted_by_encoding(text, encoding, count):
    result = segments.count(text)
    assert (result.encoding, result.segments) == (encoding, count)


def test_folding_removes_only_what_gsm7_lacks():
    assert segments.fold("¡Atención! inmigración, niño") == "¡Atencion! inmigracion, niño"


def test_folding_is_used_only_where_the_network_allows_and_it_saves():
    text = "Inmigración " + "a" * 100
    assert segments.cheapest(text, fold_accents=False) == text
    assert segments.cheapest(text, fold_accents=True) == "Inmigracion " + "a" * 100
    assert segments.cheapest("Sí", fold_accents=True) == "Sí"
