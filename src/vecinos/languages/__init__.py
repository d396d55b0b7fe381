"""Languages are data: a language is its catalog (``locale/<code>/``) and a folder here
(``<code>/keywords.toml``: its name and the words neighbors text; ``<code>/alerts.toml``:
the alert wording a new network starts with). Adding one needs no code.

The fallback chain is written here once: the recipient's language, then the network's
default (its first language), then the network's other languages.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

BUILT_IN = Path(__file__).resolve().parent
T = TypeVar("T")


@cache
def _read(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def folders(directories: Iterable[Path]) -> dict[str, Path]:
    """Each language's folder by its code; a later directory may add languages."""
    found = {}
    for directory in directories:
        for folder in sorted(Path(directory).iterdir()):
            if (folder / "keywords.toml").exists():
                found[folder.name] = folder
    return found


def choices(directories: Iterable[Path]) -> list[tuple[str, str]]:
    """(code, the language's own name) for settings.LANGUAGES, Spanish first."""
    found = folders(directories)
    order = sorted(found, key=lambda code: (code != "es", code))
    return [(code, _read(found[code], "keywords.toml").get("name", code)) for code in order]


def keywords(folder: Path) -> dict[str, list[str]]:
    """What each command is called in this language ({"stop": ["ALTO", …]})."""
    return _read(folder, "keywords.toml").get("keywords", {})


def alert_templates(folder: Path) -> dict[str, tuple[str, str]]:
    """{kind: (headline, body)} a new network starts with in this language."""
    return {
        kind: (template["headline"], template["body"])
        for kind, template in _read(folder, "alerts.toml").items()
    }


def chain(wanted: str | None, network_languages: Sequence[str] = ()) -> list[str]:
    """The languages to try, in order, for someone who reads ``wanted``."""
    ordered = [code for code in (wanted, *network_languages) if code]
    return list(dict.fromkeys(ordered))


def pick(texts: Mapping[str, T], wanted: str | None, network_languages: Sequence[str] = ()) -> T:
    """The text for someone who reads ``wanted``; else the first text there is, which is in
    the network's default language when the texts were written in the network's order."""
    for code in chain(wanted, network_languages):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()))
